package routes.backoffice;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.app.TestBeans;
import routes.changelog.ChangeLog;
import routes.orders.OrdersOut;
import routes.platform.TestDatabases;
import routes.platform.Times;
import routes.platform.Tx;
import routes.sandbox.SandboxBackOffice;
import routes.task.RunCounters;
import routes.task.Watermarks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back-office beans against the sandbox back office on H2, PostgreSQL and MariaDB (each with its schema and
 * queries file), the hub on H2: the same suite, so an ERP on any of the three behaves the same.
 */
class BackOfficeVendorsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.123456Z");
    private static final Instant LATER = Instant.parse("2026-11-23T11:00:00Z");
    /** Keys whose order differs between byte order and a case-insensitive, accent- or punctuation-aware collation
     * (not "a-1" and "\u00e4-1" together: MariaDB's default collation makes them one primary key). */
    private static final List<String> AWKWARD_SKUS = List.of("a-1", "Z-1", "_x", "@q", "\u00e4-2", "sbx", "SBX-0", "~1", "0");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TimeZone jvmZone = TimeZone.getDefault();
    private HikariDataSource hub;
    private HikariDataSource erp;
    private SandboxBackOffice sandbox;
    private JdbcBackOffice jdbc;
    private TestBeans beans;
    private ChangeLog changeLog;

    static Stream<TestDatabases.Kind> backOffices() {
        return TestDatabases.backOfficeKinds();
    }

    void start(TestDatabases.Kind kind, int pageSize) throws Exception {
        erp = TestDatabases.backOffice(kind);
        hub = TestDatabases.hub(TestDatabases.Kind.H2);
        sandbox = new SandboxBackOffice(erp, clock, false, Duration.ofSeconds(5));
        sandbox.start();
        jdbc = new JdbcBackOffice(erp, BackOfficeQueries.load(TestDatabases.backOfficeQueries(kind)), pageSize);
        beans = TestBeans.on(hub, clock);
        changeLog = beans.changeLog();
    }

    private IncrementalPull incremental(int pageSize) {
        return new IncrementalPull(jdbc, hub, new Watermarks(), clock, pageSize);
    }

    @AfterEach
    void stop() {
        TimeZone.setDefault(jvmZone);
        if (sandbox != null) {
            sandbox.stop();
        }
        if (hub != null) {
            hub.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    @ParameterizedTest
    @MethodSource("backOffices")
    void stockRowsSharingOneTimestampAreNeverSkippedAtAPageBoundaryAndASecondRunReadsNothing(TestDatabases.Kind kind) throws Exception {
        start(kind, 7);
        for (String sku : AWKWARD_SKUS) {
            execute(erp, "INSERT INTO bo_stock (sku, location, quantity, updated_at) VALUES ('" + sku.replace("'", "''")
                    + "', 'MAIN', 3, ?)", NOW);
        }
        StockPull pull = new StockPull(incremental(7), beans.hubStock());

        RunCounters first = run(pull, "stock");
        assertThat(first.read()).as("800 sandbox levels and the awkward keys, all at one updated_at, pages of 7")
                .isEqualTo(800 + AWKWARD_SKUS.size());
        assertThat(count(hub, "SELECT COUNT(*) FROM stock_level")).isEqualTo(800 + AWKWARD_SKUS.size());
        assertThat(run(pull, "stock").read()).as("a second run reads nothing new").isZero();

        execute(erp, "UPDATE bo_stock SET quantity = 99, updated_at = ? WHERE sku = 'SBX-042-R1' AND location = 'OUTLET'", LATER);
        RunCounters changed = run(pull, "stock");
        assertThat(changed.read()).as("the change after the watermark").isEqualTo(1);
        assertThat(count(hub, "SELECT quantity FROM stock_level WHERE sku = 'SBX-042-R1' AND location = 'OUTLET'")).isEqualTo(99);
        assertThat(watermark("stock")).isEqualTo(LATER);
        assertThat(run(pull, "stock").read()).isZero();
    }

    @ParameterizedTest
    @MethodSource("backOffices")
    void everyIncrementalQueryReadsRowsSharingOneTimestampExactlyOnceAcrossPages(TestDatabases.Kind kind) throws Exception {
        start(kind, 7);
        // the sandbox seeds every row at one updated_at; three rows of each table move past it, so pages cross from
        // the rows at the watermark's timestamp to the rows after it
        execute(erp, "UPDATE bo_stock SET updated_at = ? WHERE sku IN ('SBX-001-R1', 'SBX-050-W4')", LATER);
        execute(erp, "UPDATE bo_item SET updated_at = ? WHERE sku IN ('SBX-002', 'SBX-002-B2', 'SBX-099-R1')", LATER);
        execute(erp, "UPDATE bo_image SET updated_at = ? WHERE sku IN ('SBX-003', 'SBX-004', 'SBX-098')", LATER);
        execute(erp, "UPDATE bo_invoice SET updated_at = ? WHERE invoice_no IN ('INV-00002', 'INV-00003', 'INV-00049')", LATER);
        execute(erp, "UPDATE bo_purchase_order SET updated_at = ? WHERE po_no IN ('PO-0001', 'PO-0003')", LATER);
        Map<String, String> rowsOf = Map.of(
                "stock.changed", "SELECT COUNT(*) FROM bo_stock",
                "items-list.changed", "SELECT COUNT(*) FROM bo_item",
                "images.changed", "SELECT COUNT(*) FROM bo_image",
                "invoices.changed", "SELECT COUNT(*) FROM bo_invoice",
                "purchase-orders.changed", "SELECT COUNT(*) FROM bo_purchase_order p"
                        + " LEFT JOIN bo_purchase_order_line l ON l.po_no = p.po_no");
        IncrementalPull incremental = incremental(7);
        for (Map.Entry<String, String> query : rowsOf.entrySet()) {
            List<String> keys = new ArrayList<>();
            RunCounters run = new RunCounters(1);
            incremental.pull("keys-" + query.getKey(), query.getKey(), rs -> rs.getString("row_key"), (c, page) -> {
                keys.addAll(page);
                return page.size();
            }, run);
            long rows = count(erp, query.getValue());
            assertThat(rows).as(query.getKey()).isGreaterThan(14);
            assertThat(keys).as(query.getKey() + ": every row once, in pages of 7").hasSize((int) rows).doesNotHaveDuplicates();
            assertThat(watermark("keys-" + query.getKey())).as(query.getKey()).isEqualTo(LATER);
        }
    }

    @ParameterizedTest
    @MethodSource("backOffices")
    void itemsAndVariantsKeepTheirOwnWatermarksAndTakeAChangeOnce(TestDatabases.Kind kind) throws Exception {
        start(kind, 33);
        ItemPull items = new ItemPull(incremental(33), changeLog, clock, "items.changed");
        ItemPull variants = new ItemPull(incremental(33), changeLog, clock, "variants.changed");

        assertThat(run(items, "items").read()).isEqualTo(100);
        assertThat(run(variants, "variants").read()).isEqualTo(400);
        assertThat(count(hub, "SELECT COUNT(*) FROM item")).isEqualTo(500);
        assertThat(run(items, "items").read()).isZero();
        assertThat(run(variants, "variants").read()).isZero();
        assertThat(watermark("items")).as("updated_at round-trips to the microsecond, in UTC").isEqualTo(NOW);

        execute(erp, "UPDATE bo_item SET price = price + 5, updated_at = ? WHERE sku = 'SBX-007'", LATER);
        execute(erp, "UPDATE bo_item SET name = 'Renamed', updated_at = ? WHERE sku = 'SBX-007-B2'", LATER);
        assertThat(run(items, "items").read()).isEqualTo(1);
        assertThat(run(variants, "variants").read()).isEqualTo(1);
        assertThat(count(hub, "SELECT COUNT(*) FROM change_log WHERE entity_type = 'prices' AND entity_key = 'SBX-007'")).isEqualTo(1);
        assertThat(count(hub, "SELECT COUNT(*) FROM item WHERE name = 'Renamed'")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("backOffices")
    void imagesAreCountedByTheCheckAndReadOnce(TestDatabases.Kind kind) throws Exception {
        start(kind, 30);
        IncrementalPull incremental = incremental(30);
        StageCheck check = new StageCheck(incremental, "images.pending", "images-read");
        ImagePull images = new ImagePull(incremental, changeLog, clock);

        assertThat(check.pending(new RunCounters(1))).isEqualTo(100);
        RunCounters read = new RunCounters(2);
        images.pull("images-read", read);
        assertThat(read.written()).isEqualTo(100);
        assertThat(check.pending(new RunCounters(3))).isZero();

        execute(erp, "UPDATE bo_image SET checksum = 'new', updated_at = ? WHERE sku = 'SBX-003'", LATER);
        assertThat(check.pending(new RunCounters(4))).isEqualTo(1);
        RunCounters again = new RunCounters(5);
        images.pull("images-read", again);
        assertThat(again.written()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("backOffices")
    void aNewDescriptionIsAnUpsertAndAnImageRemovedInTheBackOfficeLeavesTheHubWithADelete(TestDatabases.Kind kind)
            throws Exception {
        start(kind, 30);
        ImagePull images = new ImagePull(incremental(30), changeLog, clock);
        images.pull("images-read", new RunCounters(1));
        assertThat(count(hub, "SELECT COUNT(*) FROM item_image WHERE sku = 'SBX-004' AND description = 'Sandbox product 4'"))
                .isEqualTo(1);

        execute(erp, "UPDATE bo_image SET description = 'Side view', updated_at = ? WHERE sku = 'SBX-003'", LATER);
        execute(erp, "UPDATE bo_image SET deleted = TRUE, updated_at = ? WHERE sku = 'SBX-004'", LATER);
        RunCounters run = new RunCounters(2);
        images.pull("images-read", run);

        assertThat(run.written()).isEqualTo(2);
        assertThat(count(hub, "SELECT COUNT(*) FROM item_image WHERE sku = 'SBX-003' AND description = 'Side view'")).isEqualTo(1);
        assertThat(count(hub, "SELECT COUNT(*) FROM item_image WHERE sku = 'SBX-004'")).as("dropped from the hub").isZero();
        assertThat(count(hub, "SELECT COUNT(*) FROM change_log WHERE entity_type = 'images' AND entity_key = 'SBX-004'"
                + " AND operation = 'DELETE'")).isEqualTo(1);
        assertThat(count(hub, "SELECT COUNT(*) FROM change_log WHERE entity_type = 'images' AND entity_key = 'SBX-003'"
                + " AND operation = 'UPSERT'")).isEqualTo(2);

        // removed once: touching the deleted row again logs nothing more
        execute(erp, "UPDATE bo_image SET updated_at = ? WHERE sku = 'SBX-004'", LATER.plusSeconds(60));
        RunCounters again = new RunCounters(3);
        images.pull("images-read", again);
        assertThat(again.written()).isZero();
    }

    @ParameterizedTest
    @MethodSource("backOffices")
    void invoicesAndPurchaseOrdersKeepTheirInstantsWhateverTheJvmTimeZone(TestDatabases.Kind kind) throws Exception {
        // a zone with a half-hour offset: any trip through the JVM's zone would shift the instants
        TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
        start(kind, 8);
        InvoicePull invoices = new InvoicePull(incremental(8), clock);
        PurchaseOrderPull orders = new PurchaseOrderPull(incremental(8), clock);

        RunCounters inv = new RunCounters(1);
        invoices.pull("invoices", inv);
        RunCounters po = new RunCounters(2);
        orders.pull("purchase-orders", po);
        assertThat(inv.read()).isEqualTo(50);
        assertThat(po.read()).as("one row per line").isEqualTo(60);
        assertThat(count(hub, "SELECT COUNT(*) FROM purchase_order_line")).isEqualTo(60);
        assertThat(instant(hub, "SELECT issued_at FROM invoice WHERE invoice_no = 'INV-00001'"))
                .isEqualTo(NOW.minus(Duration.ofDays(49)));
        assertThat(instant(hub, "SELECT expected_at FROM purchase_order WHERE po_no = 'PO-0002'"))
                .isEqualTo(NOW.plus(Duration.ofDays(2)));

        execute(erp, "UPDATE bo_purchase_order SET status = 'received', updated_at = ? WHERE po_no = 'PO-0001'", LATER);
        RunCounters poAgain = new RunCounters(3);
        orders.pull("purchase-orders", poAgain);
        RunCounters invAgain = new RunCounters(4);
        invoices.pull("invoices", invAgain);
        assertThat(poAgain.read()).isEqualTo(3);
        assertThat(invAgain.read()).isZero();
    }

    @ParameterizedTest
    @MethodSource("backOffices")
    void ordersOutTwiceBooksEachOrderOnce(TestDatabases.Kind kind) throws Exception {
        start(kind, 10);
        insertHubOrder(501, "a@example.com", "21.98");
        insertHubOrder(502, "b@example.com", "10.99");
        OrdersOut out = new OrdersOut(jdbc, hub, clock, 1);

        RunCounters first = new RunCounters(1);
        out.push(first);
        assertThat(first.written()).isEqualTo(2);
        // as after a crash between the back-office insert and the hub's exported_at
        execute(hub, "UPDATE sales_order SET exported_at = NULL WHERE exported_at IS NOT NULL OR ? IS NOT NULL", LATER);
        RunCounters again = new RunCounters(2);
        out.push(again);
        assertThat(again.read()).isEqualTo(2);
        assertThat(again.written()).isZero();
        assertThat(count(erp, "SELECT COUNT(*) FROM bo_sales_order")).isEqualTo(2);
        assertThat(count(erp, "SELECT COUNT(*) FROM bo_sales_order WHERE idempotency_key = 'storefront-501'")).isEqualTo(1);
        assertThat(instant(erp, "SELECT received_at FROM bo_sales_order WHERE storefront_id = 501")).isEqualTo(NOW);
    }

    private void insertHubOrder(long storefrontId, String email, String total) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sales_order (storefront_order_id, status, customer_email, total, currency, received_at)
                    VALUES (?, 'Awaiting Fulfillment', ?, ?, 'EUR', ?)""")) {
                ps.setLong(1, storefrontId);
                ps.setString(2, email);
                ps.setBigDecimal(3, new BigDecimal(total));
                ps.setObject(4, Times.utc(NOW));
                return ps.executeUpdate();
            }
        });
    }

    private static RunCounters run(StockPull pull, String task) {
        RunCounters run = new RunCounters(0);
        pull.pull(task, run);
        return run;
    }

    private static RunCounters run(ItemPull pull, String task) {
        RunCounters run = new RunCounters(0);
        pull.pull(task, run);
        return run;
    }

    private Instant watermark(String task) {
        return Tx.read(hub, c -> new Watermarks().get(c, task).timestamp());
    }

    private static Instant instant(DataSource db, String sql) {
        return Tx.read(db, c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return Times.instant(rs, rs.getMetaData().getColumnLabel(1));
            }
        });
    }

    private static long count(DataSource db, String sql) {
        return Tx.read(db, c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** A statement with one bound timestamp, in the database's own timestamp convention. */
    private static void execute(DataSource db, String sql, Instant at) {
        Tx.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, Times.bindable(c, at));
                return ps.executeUpdate();
            }
        });
    }
}
