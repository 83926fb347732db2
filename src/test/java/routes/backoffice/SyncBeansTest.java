package routes.backoffice;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.app.TestBeans;
import routes.catalog.CatalogPush;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.inventory.SkuMetrics;
import routes.orders.OrdersIn;
import routes.orders.OrdersInLoop;
import routes.orders.OrdersOut;
import routes.orders.SalesOrderStore;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.sandbox.SandboxBackOffice;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.task.RunCounters;
import routes.task.Watermarks;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.platform.Times.utc;

/** The sync tasks' beans against the sandbox back office (JDBC) and sandbox storefront (HTTP), on H2 and PostgreSQL hubs. */
class SyncBeansTest {

    private static final Instant LATER = Instant.parse("2026-11-23T11:00:00Z");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private HikariDataSource hub;
    private HikariDataSource erp;
    private SandboxBackOffice backOffice;
    private SandboxStorefront store;
    private ChangeLog changeLog;
    private IncrementalPull incremental;
    private JdbcBackOffice jdbc;
    private BigCommerceClient client;
    private DeadLetters deadLetters;

    static Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    void start(TestDatabases.Kind kind) throws Exception {
        hub = TestDatabases.hub(kind);
        erp = TestDatabases.backOffice(TestDatabases.Kind.H2);
        backOffice = new SandboxBackOffice(erp, clock, false, Duration.ofSeconds(5));
        backOffice.start();
        store = new SandboxStorefront("127.0.0.1", 0, "test-token", clock, false, Duration.ofSeconds(5));
        store.start();
        TestBeans beans = TestBeans.on(hub, clock);
        changeLog = beans.changeLog();
        deadLetters = beans.deadLetters();
        jdbc = new JdbcBackOffice(erp, BackOfficeQueries.load("classpath:backoffice/sandbox-queries.properties"), 100);
        incremental = new IncrementalPull(jdbc, hub, new Watermarks(), clock, 100);
        client = new BigCommerceClient("bigcommerce:test", BigCommerceClient.Endpoints.of(store.baseUrl()), "test-token",
                BigCommerceClient.pooledHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.stop();
        }
        if (backOffice != null) {
            backOffice.stop();
        }
        if (hub != null) {
            hub.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void itemsAndVariantsTakeTheirOwnRowsOnceAndLogWhatChanged(TestDatabases.Kind kind) throws Exception {
        start(kind);
        ItemPull items = new ItemPull(incremental, changeLog, clock, "items.changed");
        ItemPull variants = new ItemPull(incremental, changeLog, clock, "variants.changed");

        RunCounters first = pull(items, "items");
        RunCounters firstVariants = pull(variants, "variants");
        assertThat(first.read()).isEqualTo(100);
        assertThat(firstVariants.read()).as("variants keep their own watermark").isEqualTo(400);
        assertThat(count(hub, "SELECT COUNT(*) FROM item")).isEqualTo(500);
        assertThat(count(hub, "SELECT COUNT(*) FROM change_log WHERE entity_type = 'products'")).isEqualTo(500);

        assertThat(pull(items, "items").read()).as("nothing newer than the watermark").isZero();

        execute(erp, "UPDATE bo_item SET price = price + 5, updated_at = ? WHERE sku = 'SBX-007'", LATER);
        execute(erp, "UPDATE bo_item SET name = 'Renamed', updated_at = ? WHERE sku = 'SBX-008'", LATER);
        RunCounters changed = pull(items, "items");
        assertThat(changed.read()).isEqualTo(2);
        assertThat(count(hub, "SELECT COUNT(*) FROM change_log WHERE entity_type = 'prices'")).isEqualTo(1);
        assertThat(count(hub, "SELECT COUNT(*) FROM change_log WHERE entity_type = 'prices' AND entity_key = 'SBX-007'")).isEqualTo(1);
        assertThat(count(hub, "SELECT COUNT(*) FROM change_log WHERE entity_type = 'products' AND entity_key = 'SBX-008'")).isEqualTo(2);
        assertThat(pull(variants, "variants").read()).as("a product's change is not the variants' business").isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theImagesCheckCountsWhatImagesReadWillTakeAndImagesReadTakesItOnce(TestDatabases.Kind kind) throws Exception {
        start(kind);
        StageCheck check = new StageCheck(incremental, "images.pending", "images-read");
        ImagePull images = new ImagePull(incremental, changeLog, clock);

        assertThat(check.pending(new RunCounters(1))).isEqualTo(100);
        RunCounters read = new RunCounters(2);
        images.pull("images-read", read);
        assertThat(read.written()).isEqualTo(100);
        assertThat(count(hub, "SELECT COUNT(*) FROM item_image")).isEqualTo(100);
        assertThat(count(hub, "SELECT COUNT(*) FROM change_log WHERE entity_type = 'images'")).isEqualTo(100);
        assertThat(check.pending(new RunCounters(3))).isZero();

        execute(erp, "UPDATE bo_image SET checksum = 'new', updated_at = ? WHERE sku = 'SBX-003'", LATER);
        assertThat(check.pending(new RunCounters(4))).isEqualTo(1);
        RunCounters again = new RunCounters(5);
        images.pull("images-read", again);
        assertThat(again.written()).isEqualTo(1);
        assertThat(count(hub, "SELECT COUNT(*) FROM item_image WHERE checksum = 'new'")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void invoicesAndPurchaseOrdersArriveIncrementally(TestDatabases.Kind kind) throws Exception {
        start(kind);
        InvoicePull invoices = new InvoicePull(incremental, clock);
        PurchaseOrderPull orders = new PurchaseOrderPull(incremental, clock);

        RunCounters inv = new RunCounters(1);
        invoices.pull("invoices", inv);
        RunCounters po = new RunCounters(2);
        orders.pull("purchase-orders", po);
        assertThat(inv.read()).isEqualTo(50);
        assertThat(count(hub, "SELECT COUNT(*) FROM invoice")).isEqualTo(50);
        assertThat(po.read()).as("one row per line").isEqualTo(60);
        assertThat(count(hub, "SELECT COUNT(*) FROM purchase_order")).isEqualTo(20);
        assertThat(count(hub, "SELECT COUNT(*) FROM purchase_order_line")).isEqualTo(60);

        execute(erp, "UPDATE bo_purchase_order SET status = 'received', updated_at = ? WHERE po_no = 'PO-0001'", LATER);
        RunCounters poAgain = new RunCounters(3);
        orders.pull("purchase-orders", poAgain);
        RunCounters invAgain = new RunCounters(4);
        invoices.pull("invoices", invAgain);
        assertThat(poAgain.read()).isEqualTo(3);
        assertThat(invAgain.read()).isZero();
        assertThat(count(hub, "SELECT COUNT(*) FROM purchase_order WHERE status = 'received'")).isEqualTo(7);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOrderSeenTwiceIsOneRowAndIsBookedInTheBackOfficeOnceEvenWhenRetried(TestDatabases.Kind kind) throws Exception {
        start(kind);
        OrdersIn in = new OrdersIn(client, hub, new Watermarks(), clock, 2);
        OrdersOut out = new OrdersOut(jdbc, hub, clock, 2);
        long first = store.createOrder("SBX-001-R1", 2, new BigDecimal("21.98"));
        store.createOrder("SBX-002-R1", 1, new BigDecimal("10.99"));
        store.createOrder("SBX-001-R1", 3, new BigDecimal("32.97"));

        RunCounters taken = new RunCounters(1);
        assertThat(OrdersInLoop.run(in, "orders-in", taken)).isEqualTo(3);
        assertThat(OrdersInLoop.run(in, "orders-in", new RunCounters(2))).as("the same orders again").isZero();
        assertThat(count(hub, "SELECT COUNT(*) FROM sales_order")).isEqualTo(3);
        assertThat(count(hub, "SELECT COUNT(*) FROM sales_order_line")).isEqualTo(3);
        assertThat(count(hub, "SELECT SUM(quantity) FROM sales_order_line WHERE sku = 'SBX-001-R1'")).isEqualTo(5);

        out.push(new RunCounters(3));
        assertThat(count(erp, "SELECT COUNT(*) FROM bo_sales_order")).isEqualTo(3);
        assertThat(count(erp, "SELECT COUNT(*) FROM bo_sales_order WHERE idempotency_key = 'storefront-" + first + "'")).isEqualTo(1);
        // a retry after a crash between the back-office insert and exported_at: the back office ignores the key it has
        execute(hub, "UPDATE sales_order SET exported_at = NULL WHERE exported_at IS NOT NULL OR ? IS NOT NULL", LATER);
        RunCounters retried = new RunCounters(4);
        out.push(retried);
        assertThat(retried.read()).isEqualTo(3);
        assertThat(retried.written()).isZero();
        assertThat(count(erp, "SELECT COUNT(*) FROM bo_sales_order")).isEqualTo(3);
        assertThat(count(hub, "SELECT COUNT(*) FROM sales_order WHERE exported_at IS NULL")).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void catalogPushCreatesUnknownProductsOnceAndUpdatesKnownOnesInBatchesTheApiAccepts(TestDatabases.Kind kind) throws Exception {
        start(kind);
        ItemPull items = new ItemPull(incremental, changeLog, clock, "items.changed");
        CatalogPush push = new CatalogPush(changeLog, deadLetters, client, hub, 500, 3);
        pull(items, "items");

        RunCounters created = new RunCounters(1);
        push.push("catalog-push", created);
        assertThat(created.written()).isEqualTo(100);
        assertThat(store.productCount()).isEqualTo(100);
        assertThat(count(hub, "SELECT COUNT(*) FROM item WHERE storefront_product_id IS NOT NULL")).isEqualTo(100);

        // 25 price changes: updates of known products, batches of at most 10 (the sandbox refuses more with 422)
        execute(erp, "UPDATE bo_item SET price = price + 1, updated_at = ? WHERE parent_sku IS NULL AND sku <= 'SBX-025'", LATER);
        pull(items, "items");
        // a SKU the hub lost its storefront id for is found by SKU, not created again
        execute(hub, "UPDATE item SET storefront_product_id = NULL WHERE sku = 'SBX-001' OR ? IS NULL", LATER);
        RunCounters updated = new RunCounters(2);
        push.push("catalog-push", updated);
        assertThat(updated.read()).isEqualTo(25);
        assertThat(updated.written()).isEqualTo(25);
        assertThat(updated.failed()).isZero();
        assertThat(store.productCount()).isEqualTo(100);
        assertThat(count(hub, "SELECT COUNT(*) FROM item WHERE sku = 'SBX-001' AND storefront_product_id IS NOT NULL")).isEqualTo(1);
        assertThat(count(hub, "SELECT COUNT(*) FROM change_log WHERE state IN ('PENDING', 'SENDING')")).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void skuMetricsAreUnitsSoldPerDayAndDaysOfStockLeft(TestDatabases.Kind kind) throws Exception {
        start(kind);
        execute(hub, "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES ('A', 'MAIN', 40, ?)", LATER);
        execute(hub, "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES ('A', 'OUTLET', 20, ?)", LATER);
        execute(hub, "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES ('B', 'MAIN', 5, ?)", LATER);
        OrdersIn in = new OrdersIn(client, hub, new Watermarks(), clock, 50);
        store.createOrder("A", 30, new BigDecimal("30.00"));
        store.createOrder("A", 15, new BigDecimal("15.00"));
        OrdersInLoop.run(in, "orders-in", new RunCounters(1));

        int skus = new SkuMetrics(hub, clock, 30, SalesOrderStore::unitsSoldSince).recompute(new RunCounters(2));

        assertThat(skus).isEqualTo(2);
        assertThat(decimal("SELECT units_per_day FROM sku_metric WHERE sku = 'A'")).isEqualByComparingTo("1.5");
        assertThat(decimal("SELECT days_of_stock FROM sku_metric WHERE sku = 'A'")).isEqualByComparingTo("40");
        assertThat(decimal("SELECT units_per_day FROM sku_metric WHERE sku = 'B'")).isEqualByComparingTo("0");
        assertThat(decimal("SELECT days_of_stock FROM sku_metric WHERE sku = 'B'")).as("nothing sold").isNull();
    }

    private RunCounters pull(ItemPull bean, String task) {
        RunCounters run = new RunCounters(0);
        bean.pull(task, run);
        return run;
    }

    private BigDecimal decimal(String sql) {
        return Tx.read(hub, c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getBigDecimal(1);
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

    /** A statement with one bound timestamp. */
    private static void execute(DataSource db, String sql, Instant at) {
        Tx.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, utc(at));
                return ps.executeUpdate();
            }
        });
    }
}
