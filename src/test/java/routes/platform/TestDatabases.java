package routes.platform;

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
 * message; in CI ({@code CI=true}) it fails them, so the PostgreSQL half can never silently not run. Back offices
 * also run on MariaDB on loopback (root, empty password, a fresh database per use), with the same skip/fail rule.
 */
public final class TestDatabases {

    public static final String PG_URL = System.getProperty("synchub.test.pg-url",
            System.getenv().getOrDefault("SYNCHUB_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    public static final String PG_USER = System.getenv().getOrDefault("SYNCHUB_TEST_PG_USER", "postgres");

    public static final String MARIADB_URL = System.getProperty("synchub.test.mariadb-url",
            System.getenv().getOrDefault("SYNCHUB_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"));
    public static final String MARIADB_USER = System.getenv().getOrDefault("SYNCHUB_TEST_MARIADB_USER", "root");

    /** Which database a parameterised test runs on (the hub runs on H2 and PostgreSQL; a back office also on MariaDB). */
    public enum Kind { H2, POSTGRES, MARIADB }

    private TestDatabases() {
    }

    public static Stream<Kind> kinds() {
        return Stream.of(Kind.H2, Kind.POSTGRES);
    }

    /** The databases a back office can be on. */
    public static Stream<Kind> backOfficeKinds() {
        return Stream.of(Kind.H2, Kind.POSTGRES, Kind.MARIADB);
    }

    /** A sandbox back office (schema only, not seeded) of the given kind, in a fresh database or schema. */
    public static HikariDataSource backOffice(Kind kind) {
        return open(kind, sandboxMigrations(kind));
    }

    /** The Flyway locations of the sandbox back office's schema on a database of the given kind. */
    public static String[] sandboxMigrations(Kind kind) {
        return switch (kind) {
            case H2 -> new String[] {"classpath:db/sandbox", "classpath:db/sandbox-h2"};
            case POSTGRES -> new String[] {"classpath:db/sandbox", "classpath:db/sandbox-postgresql"};
            case MARIADB -> new String[] {"classpath:db/sandbox-mariadb"};
        };
    }

    /** The sandbox queries file for a back office of the given kind. */
    public static String backOfficeQueries(Kind kind) {
        return kind == Kind.MARIADB ? "classpath:backoffice/mariadb-queries.properties"
                : "classpath:backoffice/sandbox-queries.properties";
    }

    /** A migrated, empty hub database of the given kind. */
    public static HikariDataSource hub(Kind kind) {
        return open(kind, "classpath:db/migration");
    }

    public static HikariDataSource open(Kind kind, String... migrations) {
        if (kind == Kind.H2) {
            return HubDatabase.open("test-h2", "test", "jdbc:h2:file:" + tempDir().resolve("hub"), "sa", "", 8, null, migrations);
        }
        if (kind == Kind.MARIADB) {
            return HubDatabase.open("test-mariadb", "test", mariaDbWithFreshDatabase(), MARIADB_USER, "", 8, null, migrations);
        }
        requirePostgres();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return HubDatabase.open("test-pg", "test", PG_URL, PG_USER, "", 8, schema, migrations);
    }

    /** A new, empty MariaDB database (MariaDB's "schema") next to {@link #MARIADB_URL}'s; its URL. */
    static String mariaDbWithFreshDatabase() {
        requireMariaDb();
        String name = "synchub_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(MARIADB_URL, MARIADB_USER, "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4"); // generated name, never input
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + MARIADB_URL + ": " + e.getMessage(), e);
        }
        int slash = MARIADB_URL.indexOf('/', "jdbc:mariadb://".length());
        int query = MARIADB_URL.indexOf('?');
        return MARIADB_URL.substring(0, slash + 1) + name + (query < 0 ? "" : MARIADB_URL.substring(query));
    }

    public static void requireMariaDb() {
        if (mariaDbReachable()) {
            return;
        }
        String why = "MariaDB is not reachable at " + MARIADB_URL + " as " + MARIADB_USER;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (CI must start it: see .ci/run)");
        }
        Assumptions.abort(why + ": the MariaDB half of this test is skipped (start MariaDB to run it)");
    }

    private static Boolean mariaDbReachable;

    static synchronized boolean mariaDbReachable() {
        if (mariaDbReachable == null) {
            try (Connection c = DriverManager.getConnection(MARIADB_URL, MARIADB_USER, "")) {
                mariaDbReachable = c.isValid(2);
            } catch (SQLException e) {
                mariaDbReachable = false;
            }
        }
        return mariaDbReachable;
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
