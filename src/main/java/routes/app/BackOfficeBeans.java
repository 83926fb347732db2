package routes.app;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.backoffice.BackOfficeQueries;
import routes.backoffice.JdbcBackOffice;
import routes.platform.ConfigProblem;
import routes.platform.DeferredDataSource;
import routes.platform.HubDatabase;
import routes.platform.Settings;
import routes.sandbox.SandboxBackOffice;

/**
 * The back office, bound as {@code backOffice}: a real one over JDBC ({@code synchub.backoffice.url}), or the sandbox
 * one ({@code sandboxBackOffice}), opened on a thread of its own. {@code sandboxSeeded} is that sandbox once opened and
 * seeded (waited for on use); null without the sandbox.
 */
record BackOfficeBeans(JdbcBackOffice backOffice, DeferredDataSource sandboxSeeded) {

    private static final Logger LOG = LoggerFactory.getLogger(BackOfficeBeans.class);

    /** How long anything waits for the sandbox back office to open, migrate and seed on its own thread. */
    private static final Duration SANDBOX_OPENING = Duration.ofSeconds(60);

    static BackOfficeBeans bind(HubFoundation hub, BackOfficeSettings backOfficeSettings, boolean simulate) {
        BackOfficeBeans beans = open(hub, backOfficeSettings, simulate);
        hub.registry().bind("backOffice", beans.backOffice());
        return beans;
    }

    /** A sandbox back office that cannot open stops start-up, as it did when it was opened in line. */
    void awaitSandboxBackOffice() {
        if (sandboxSeeded == null) {
            return;
        }
        try {
            sandboxSeeded.target();
        } catch (SQLException e) {
            if (e.getCause() instanceof ConfigProblem problem) {
                throw problem;
            }
            throw new IllegalStateException("Starting the sandbox back office failed: " + e.getMessage(), e);
        }
    }

    private static BackOfficeBeans open(HubFoundation hub, BackOfficeSettings backOfficeSettings, boolean simulate) {
        Settings settings = hub.settings();
        CamelContext context = hub.context();
        int fetch = backOfficeSettings.pageSize();
        var url = settings.optional("synchub.backoffice.url");
        if (url.isPresent()) {
            HikariDataSource ds = HubDatabase.open("backoffice", "synchub.backoffice.url", url.get(),
                    settings.string("synchub.backoffice.user", ""), settings.string("synchub.backoffice.password", ""),
                    settings.integer("synchub.backoffice.pool-size", 4, 1, 50), null);
            hub.closeOnStop(ds);
            return new BackOfficeBeans(new JdbcBackOffice(ds, BackOfficeQueries.load(settings.string("synchub.backoffice.queries",
                    "classpath:backoffice/sandbox-queries.properties")), fetch), null);
        }
        if (!settings.bool("synchub.sandbox.enabled", true)) {
            throw new ConfigProblem("synchub.backoffice.url", "not set, and the sandbox back office is off",
                    "synchub.backoffice.url=jdbc:postgresql://erp:5432/erp");
        }
        String sandboxUrl = settings.string("synchub.sandbox.backoffice-url", "jdbc:h2:file:" + hub.dataDir().resolve("sandbox/backoffice"));
        // opened, migrated and seeded on a thread of its own while Camel loads and starts the routes: it is a demo
        // peer SyncHub reaches over JDBC like a real back office, and readiness does not depend on it. A connection
        // asked for earlier waits for it; a failure still stops start-up (awaitSandboxBackOffice, once the context started)
        CompletableFuture<HikariDataSource> opened = new CompletableFuture<>();
        CompletableFuture<DataSource> seeded = new CompletableFuture<>();
        // the peer seeds through the pool once it is open; SyncHub's reads wait until the seed is in
        SandboxBackOffice peer = new SandboxBackOffice(new DeferredDataSource("the sandbox back office", opened, SANDBOX_OPENING),
                hub.clock(), simulate,
                Duration.ofMillis(settings.integer("synchub.sandbox.backoffice-period-ms", 5_000, 100, 3_600_000)));
        Thread opener = new Thread(() -> {
            try {
                opened.complete(HubDatabase.open("sandbox-backoffice", "synchub.sandbox.backoffice-url", sandboxUrl,
                        "sa", "", 4, null, SandboxBackOffice.migrationsFor(sandboxUrl)));
                ServiceHelper.startService(peer);
                seeded.complete(opened.join());
            } catch (Throwable e) {
                opened.completeExceptionally(e);
                seeded.completeExceptionally(e);
            }
        }, "sandbox-backoffice-start");
        opener.setDaemon(true);
        opener.start();
        // stopped after the peer (services stop in reverse order): its pool, once opening is over
        hub.closeOnStop(() -> {
            try {
                seeded.get(SANDBOX_OPENING.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // closed below if it opened at all
            }
            if (opened.isDone() && !opened.isCompletedExceptionally()) {
                opened.join().close();
            }
        });
        try {
            // started by the opener thread; Camel only stops it (or waits for it, should it start services first)
            context.addService(peer, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        context.getRegistry().bind("sandboxBackOffice", peer);
        DeferredDataSource sandboxSeeded = new DeferredDataSource("the sandbox back office", seeded, SANDBOX_OPENING);
        LOG.info("Back office: the sandbox (set synchub.backoffice.url to use a real one)");
        return new BackOfficeBeans(new JdbcBackOffice(sandboxSeeded,
                BackOfficeQueries.load(SandboxBackOffice.queriesFor(sandboxUrl)), fetch), sandboxSeeded);
    }
}
