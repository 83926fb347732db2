package routes.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.platform.Times;
import routes.platform.Tx;

/**
 * A demo ERP: its own H2 database, seeded once with 100 products of 4 variants each (500 items), stock in two
 * locations, images, invoices and purchase orders. When {@code simulate} is on it changes stock and prices now and
 * then, as shop-floor sales and buyers would. SyncHub reaches it only over JDBC, like a real back office.
 */
public class SandboxBackOffice extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxBackOffice.class);
    public static final List<String> LOCATIONS = List.of("MAIN", "OUTLET");
    private static final String[] COLOURS = {"red", "blue", "black", "white"};
    private static final String[] CATEGORIES = {"Shoes", "Shirts", "Bags", "Hats", "Outdoor"};
    private static final String[] BRANDS = {"Acme", "Northwind", "Contoso", "Globex"};

    private final DataSource dataSource;
    private final Clock clock;
    private final boolean simulate;
    private final Duration period;
    private final Random random = new Random(42);
    private ScheduledExecutorService simulator;

    public SandboxBackOffice(DataSource dataSource, Clock clock, boolean simulate, Duration period) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.simulate = simulate;
        this.period = period;
    }

    /**
     * The Flyway locations of the sandbox schema for a back-office JDBC URL: MariaDB has its own (without zoned
     * timestamps); H2 and PostgreSQL share db/sandbox and differ in how they declare a generated column.
     */
    public static String[] migrationsFor(String jdbcUrl) {
        if (isMariaDb(jdbcUrl)) {
            return new String[] {"classpath:db/sandbox-mariadb"};
        }
        return new String[] {"classpath:db/sandbox",
                jdbcUrl.startsWith("jdbc:postgresql:") ? "classpath:db/sandbox-postgresql" : "classpath:db/sandbox-h2"};
    }

    /** The sandbox's named queries for a back-office JDBC URL (H2 and PostgreSQL share one file). */
    public static String queriesFor(String jdbcUrl) {
        return isMariaDb(jdbcUrl) ? "classpath:backoffice/mariadb-queries.properties"
                : "classpath:backoffice/sandbox-queries.properties";
    }

    private static boolean isMariaDb(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:");
    }

    /** A timestamp parameter for this back office: UTC with offset, or UTC wall time where columns have no zone. */
    private static Object at(boolean zoneless, Instant instant) {
        return Times.bindable(zoneless, instant);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected void doStart() {
        seedIfEmpty();
        if (simulate) {
            simulator = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sandbox-backoffice"));
            simulator.scheduleWithFixedDelay(this::simulateSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() {
        if (simulator != null) {
            simulator.shutdownNow();
        }
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void seedIfEmpty() {
        Tx.inTransaction(dataSource, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bo_item")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return null;
                }
            }
            seed(c);
            return null;
        });
        LOG.info("Sandbox back office ready: 500 items, stock at {}", LOCATIONS);
    }

    private void seed(Connection c) throws SQLException {
        Instant now = clock.instant();
        boolean zoneless = Times.zoneless(c);
        try (PreparedStatement item = c.prepareStatement("""
                INSERT INTO bo_item (sku, parent_sku, name, price, category, brand, colour, size_label, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement stock = c.prepareStatement(
                     "INSERT INTO bo_stock (sku, location, quantity, updated_at) VALUES (?, ?, ?, ?)");
             PreparedStatement image = c.prepareStatement(
                     "INSERT INTO bo_image (sku, url, sort_order, checksum, description, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int p = 1; p <= 100; p++) {
                String parent = String.format("SBX-%03d", p);
                BigDecimal price = BigDecimal.valueOf(10 + random.nextInt(190)).add(new BigDecimal("0.99"));
                String category = CATEGORIES[p % CATEGORIES.length];
                String brand = BRANDS[p % BRANDS.length];
                addItem(item, parent, null, "Sandbox product " + p, price, category, brand, null, null, at(zoneless, now));
                image.setString(1, parent);
                image.setString(2, "https://images.example.invalid/" + parent + ".jpg");
                image.setInt(3, 0);
                image.setString(4, Integer.toHexString((parent + "v1").hashCode()));
                image.setString(5, "Sandbox product " + p);
                image.setObject(6, at(zoneless, now));
                image.addBatch();
                for (int v = 0; v < 4; v++) {
                    String sku = parent + "-" + COLOURS[v].toUpperCase().charAt(0) + (v + 1);
                    addItem(item, sku, parent, "Sandbox product " + p + " " + COLOURS[v], price, category, brand, COLOURS[v], "M", at(zoneless, now));
                    for (String location : LOCATIONS) {
                        stock.setString(1, sku);
                        stock.setString(2, location);
                        stock.setInt(3, random.nextInt(50));
                        stock.setObject(4, at(zoneless, now));
                        stock.addBatch();
                    }
                }
            }
            item.executeBatch();
            stock.executeBatch();
            image.executeBatch();
        }
        try (PreparedStatement invoice = c.prepareStatement(
                "INSERT INTO bo_invoice (invoice_no, order_ref, customer, total, issued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= 50; i++) {
                invoice.setString(1, String.format("INV-%05d", i));
                invoice.setString(2, "SO-" + (1000 + i));
                invoice.setString(3, "Customer " + i);
                invoice.setBigDecimal(4, BigDecimal.valueOf(20 + random.nextInt(500)).setScale(2, RoundingMode.UNNECESSARY));
                invoice.setObject(5, at(zoneless, now.minus(Duration.ofDays(50 - i))));
                invoice.setObject(6, at(zoneless, now));
                invoice.addBatch();
            }
            invoice.executeBatch();
        }
        try (PreparedStatement po = c.prepareStatement(
                "INSERT INTO bo_purchase_order (po_no, supplier, status, expected_at, updated_at) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement line = c.prepareStatement(
                     "INSERT INTO bo_purchase_order_line (po_no, line_no, sku, quantity) VALUES (?, ?, ?, ?)")) {
            for (int i = 1; i <= 20; i++) {
                String no = String.format("PO-%04d", i);
                po.setString(1, no);
                po.setString(2, BRANDS[i % BRANDS.length] + " Supply");
                po.setString(3, i % 3 == 0 ? "received" : "open");
                po.setObject(4, at(zoneless, now.plus(Duration.ofDays(i))));
                po.setObject(5, at(zoneless, now));
                po.addBatch();
                for (int l = 1; l <= 3; l++) {
                    line.setString(1, no);
                    line.setInt(2, l);
                    line.setString(3, String.format("SBX-%03d-%s%d", (i * 3 + l) % 100 + 1, "R", 1));
                    line.setInt(4, 10 * l);
                    line.addBatch();
                }
            }
            po.executeBatch();
            line.executeBatch();
        }
    }

    private static void addItem(PreparedStatement ps, String sku, String parent, String name, BigDecimal price,
                                String category, String brand, String colour, String size, Object at) throws SQLException {
        ps.setString(1, sku);
        ps.setString(2, parent);
        ps.setString(3, name);
        ps.setBigDecimal(4, price);
        ps.setString(5, category);
        ps.setString(6, brand);
        ps.setString(7, colour);
        ps.setString(8, size);
        ps.setObject(9, at);
        ps.addBatch();
    }

    private void simulateSafely() {
        try {
            simulateOnce();
        } catch (RuntimeException e) {
            LOG.warn("Sandbox back office simulation step failed: {}", e.getMessage());
        }
    }

    /** One step of shop-floor life: a few stock levels change, now and then a price. */
    public void simulateOnce() {
        Tx.inTransaction(dataSource, c -> {
            Object now = Times.bindable(c, clock.instant());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE bo_stock SET quantity = ?, updated_at = ? WHERE sku = ? AND location = ?")) {
                int changes = 1 + random.nextInt(5);
                for (int i = 0; i < changes; i++) {
                    ps.setInt(1, random.nextInt(60));
                    ps.setObject(2, now);
                    ps.setString(3, String.format("SBX-%03d-%s%d", 1 + random.nextInt(100), "RBBW".charAt(i % 4), i % 4 + 1));
                    ps.setString(4, LOCATIONS.get(random.nextInt(LOCATIONS.size())));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (random.nextInt(4) == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE bo_item SET price = price + 1, updated_at = ? WHERE sku = ?")) {
                    ps.setObject(1, now);
                    ps.setString(2, String.format("SBX-%03d", 1 + random.nextInt(100)));
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }
}
