package routes.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests: an H2 file database in a temp directory, and PostgreSQL on loopback (trust auth,
 * database {@code test}) in a fresh schema per use. Outside CI a missing PostgreSQL skips those tests with a
 * message; in CI ({@code CI=true}) it fails them, so the PostgreSQL half can never silently not run.
 */
public final class TestDatabases {

    public static final String PG_URL = System.getProperty("synchub.test.pg-url",
            System.getenv().getOrDefault("SYNCHUB_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    public static final String PG_USER = System.getenv().getOrDefault("SYNCHUB_TEST_PG_USER", "postgres");

    /** Which database a parameterised test runs on. */
    public enum Kind { H2, POSTGRES }

    private TestDatabases() {
    }

    public static Stream<Kind> kinds() {
        return Stream.of(Kind.H2, Kind.POSTGRES);
    }

    /** A migrated, empty hub database of the given kind. */
    public static HikariDataSource hub(Kind kind) {
        return open(kind, "classpath:db/migration");
    }

    public static HikariDataSource open(Kind kind, String... migrations) {
        if (kind == Kind.H2) {
            return HubDatabase.open("test-h2", "test", "jdbc:h2:file:" + tempDir().resolve("hub"), "sa", "", 8, null, migrations);
        }
        requirePostgres();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return HubDatabase.open("test-pg", "test", PG_URL, PG_USER, "", 8, schema, migrations);
    }

    /** The JDBC URL a forked SyncHub uses for a fresh PostgreSQL schema. */
    public static String postgresUrlWithFreshSchema() {
        requirePostgres();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void requirePostgres() {
        if (postgresReachable()) {
            return;
        }
        String why = "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (CI must start it: see .ci/run)");
        }
        Assumptions.abort(why + ": the PostgreSQL half of this test is skipped (start PostgreSQL to run it)");
    }

    private static Boolean reachable;

    static synchronized boolean postgresReachable() {
        if (reachable == null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
                reachable = c.isValid(2);
            } catch (SQLException e) {
                reachable = false;
            }
        }
        return reachable;
    }

    public static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("synchub-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
