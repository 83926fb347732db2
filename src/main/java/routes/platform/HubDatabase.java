package routes.platform;

import java.sql.Connection;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Opens a pooled database and brings its schema up to date with Flyway; fails with the key to fix. */
public final class HubDatabase {

    private HubDatabase() {
    }

    /**
     * @param urlKey the setting the URL came from, named in the error when the database cannot be reached
     * @param migrations Flyway locations, e.g. {@code classpath:db/migration}
     */
    public static HikariDataSource open(String poolName, String urlKey, String url, String user, String password,
                                        int maxPool, String schema, String... migrations) {
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:mariadb:")) {
            throw new ConfigProblem(urlKey, "'" + url + "' is not an H2, PostgreSQL or MariaDB JDBC URL",
                    urlKey + "=jdbc:postgresql://127.0.0.1:5432/synchub");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPool);
        config.setConnectionTimeout(10_000);
        if (schema != null) {
            config.setSchema(schema);
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new ConfigProblem(urlKey, "cannot connect to " + url + ": " + rootMessage(e),
                    urlKey + "=jdbc:postgresql://127.0.0.1:5432/synchub with synchub.db.user and synchub.db.password");
        }
        if (migrations.length == 0) {
            // a real back office: SyncHub only reads and writes its tables, it never migrates (nor adds Flyway's table)
            return dataSource;
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(migrations)
                    .schemas(schema == null ? new String[0] : new String[] {schema})
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new IllegalStateException("Migrating " + url + " failed: " + rootMessage(e), e);
        }
        return dataSource;
    }

    /**
     * The hub's Flyway locations for its JDBC URL: db/migration for every database, plus db/hub-h2 on H2 (settings
     * that only suit H2, such as identity caches).
     */
    public static String[] hubMigrations(String url) {
        return url.startsWith("jdbc:h2:") ? new String[] {"classpath:db/migration", "classpath:db/hub-h2"}
                : new String[] {"classpath:db/migration"};
    }

    /** Why {@code db} does not answer within {@code seconds}, or null when it does (the readiness check asks). */
    public static String problem(DataSource db, int seconds) {
        try (Connection c = db.getConnection()) {
            return c.isValid(seconds) ? null : "hub database connection is not valid";
        } catch (Exception e) {
            return "hub database unreachable: " + e.getMessage();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
