package routes.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import routes.platform.ClosingService;
import routes.platform.ConfigProblem;
import routes.platform.HubDatabase;
import routes.platform.Settings;

/**
 * What every feature's beans stand on: the settings, the data directory and its sub-folders, the clock (a Clock a
 * test bound already is kept) and the hub DB pool (bound as {@code clock} and {@code hubDb}).
 */
record HubFoundation(CamelContext context, Settings settings, Path dataDir, Clock clock, HikariDataSource hub) {

    static HubFoundation open(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        Path dataDir = settings.dataDir();
        for (String sub : new String[] {"", "inbox", "outbox", "hub"}) {
            createDirectory(dataDir.resolve(sub));
        }
        Clock clock = registry.findSingleByType(Clock.class);
        if (clock == null) {
            clock = Clock.system(settings.timezone());
            registry.bind("clock", Clock.class, clock);
        }

        // WRITE_DELAY=0: a commit is written to the file before it is acknowledged, so kill -9 loses nothing committed
        // (H2 forces the file to the device only on CHECKPOINT SYNC, so an OS crash or power loss still can)
        // (H2's default keeps up to 500 ms of commits in memory; KillNineTest caught it)
        String hubUrl = settings.string("synchub.db.url", "jdbc:h2:file:" + dataDir.resolve("hub/synchub") + ";WRITE_DELAY=0");
        HikariDataSource hub = HubDatabase.open("hub", "synchub.db.url", hubUrl,
                settings.string("synchub.db.user", "sa"), settings.string("synchub.db.password", ""),
                settings.integer("synchub.db.pool-size", 10, 2, 200), settings.optional("synchub.db.schema").orElse(null),
                HubDatabase.hubMigrations(hubUrl));
        context.addService(new ClosingService(hub));
        registry.bind("hubDb", hub);
        return new HubFoundation(context, settings, dataDir, clock, hub);
    }

    Registry registry() {
        return context.getRegistry();
    }

    /** Closed when Camel stops (services stop in the reverse order they were added). */
    void closeOnStop(AutoCloseable resource) {
        try {
            context.addService(new ClosingService(resource));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigProblem("synchub.data-dir", "cannot create " + dir + ": " + e.getMessage(), "synchub.data-dir=/var/lib/synchub");
        }
    }
}
