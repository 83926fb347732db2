package routes.inventory;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.app.TestBeans;
import routes.backoffice.BackOfficeQueries;
import routes.backoffice.IncrementalPull;
import routes.backoffice.JdbcBackOffice;
import routes.backoffice.StockPull;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.sandbox.SandboxBackOffice;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.task.RunCounters;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.platform.Times.utc;

/** Back office -> hub -> change log -> storefront, over real JDBC and HTTP, on H2 and PostgreSQL hubs. */
class StockFlowTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private HikariDataSource hub;
    private HikariDataSource erp;
    private SandboxStorefront store;
    private StockPull pull;
    private StockPush push;
    private SandboxBackOffice backOffice;
    private DeadLetters deadLetters;

    static java.util.stream.Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    void start(TestDatabases.Kind kind, String locations) throws Exception {
        hub = TestDatabases.hub(kind);
        erp = TestDatabases.backOffice(TestDatabases.Kind.H2);
        backOffice = new SandboxBackOffice(erp, clock, false, Duration.ofSeconds(5));
        backOffice.start();
        store = new SandboxStorefront("127.0.0.1", 0, "test-token", clock, false, Duration.ofSeconds(5));
        store.start();
        TestBeans beans = TestBeans.on(hub, clock);
        ChangeLog log = beans.changeLog();
        HubStock hubStock = beans.hubStock();
        deadLetters = beans.deadLetters();
        JdbcBackOffice jdbc = new JdbcBackOffice(erp, BackOfficeQueries.load("classpath:backoffice/sandbox-queries.properties"), 100);
        pull = new StockPull(new IncrementalPull(jdbc, hub, beans.watermarks(), clock, 100), hubStock);
        BigCommerceClient client = new BigCommerceClient("bigcommerce:test", BigCommerceClient.Endpoints.of(store.baseUrl()),
                "test-token", BigCommerceClient.pooledHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5));
        push = new StockPush(log, deadLetters, client, LocationMap.parse(locations), hub, clock, 250, 3);
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
    void everyBackOfficeLevelReachesTheStorefrontOnce(TestDatabases.Kind kind) throws Exception {
        start(kind, "MAIN=1,OUTLET=2");

        RunCounters pulled = new RunCounters(1);
        pull.pull("stock", pulled);
        RunCounters pushed = new RunCounters(2);
        StockPushLoop.run(push, "stock-push", pushed);

        assertThat(pulled.read()).isEqualTo(800);
        assertThat(pulled.written()).isEqualTo(800);
        assertThat(pushed.written()).isEqualTo(800);
        assertThat(store.inventoryCalls()).as("batches of 250").isEqualTo(4);
        assertThat(store.quantity("SBX-001-R1", 1)).isEqualTo(backOfficeQuantity("SBX-001-R1", "MAIN"));
        assertThat(store.quantity("SBX-100-W4", 2)).isEqualTo(backOfficeQuantity("SBX-100-W4", "OUTLET"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSecondRunWithNoChangesPushesNothingAndAChangePushesOnlyItself(TestDatabases.Kind kind) throws Exception {
        start(kind, "MAIN=1,OUTLET=2");
        pull.pull("stock", new RunCounters(1));
        StockPushLoop.run(push, "stock-push", new RunCounters(2));
        long callsBefore = store.inventoryCalls();

        RunCounters idle = new RunCounters(3);
        pull.pull("stock", idle);
        assertThat(idle.read()).as("nothing newer than the watermark").isZero();

        setBackOfficeQuantity("SBX-002-B2", "OUTLET", 77, Instant.parse("2026-11-23T10:05:00Z"));
        RunCounters changed = new RunCounters(4);
        pull.pull("stock", changed);
        RunCounters pushed = new RunCounters(5);
        StockPushLoop.run(push, "stock-push", pushed);

        assertThat(changed.written()).isEqualTo(1);
        assertThat(pushed.written()).isEqualTo(1);
        assertThat(store.inventoryCalls()).isEqualTo(callsBefore + 1);
        assertThat(store.quantity("SBX-002-B2", 2)).isEqualTo(77);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rowsWithTheSameTimestampAcrossPagesAreNeverSkipped(TestDatabases.Kind kind) throws Exception {
        start(kind, "MAIN=1,OUTLET=2");
        // all 800 seeded rows share one updated_at; pages of 100 must still take every one of them
        RunCounters pulled = new RunCounters(1);
        pull.pull("stock", pulled);
        long hubRows = Tx.read(hub, c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM stock_level")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(hubRows).isEqualTo(800);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLevelTheStorefrontCannotPlaceIsParkedAndItsNeighboursStillGo(TestDatabases.Kind kind) throws Exception {
        start(kind, "MAIN=1");  // OUTLET has no storefront location id

        pull.pull("stock", new RunCounters(1));
        RunCounters pushed = new RunCounters(2);
        StockPushLoop.run(push, "stock-push", pushed);

        assertThat(pushed.written()).isEqualTo(400);
        assertThat(pushed.failed()).isEqualTo(400);
        assertThat(pushed.errors().get(0).message()).contains("location 'OUTLET'").contains("synchub.storefront.locations");
        assertThat(deadLetters.count("PARKED")).isEqualTo(400);
        assertThat(store.quantity("SBX-001-R1", 1)).isEqualTo(backOfficeQuantity("SBX-001-R1", "MAIN"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aBatchTheStorefrontRejectsIsSplitSoGoodItemsGoAndTheBadOneIsParked(TestDatabases.Kind kind) throws Exception {
        start(kind, "MAIN=1,OUTLET=2");
        pull.pull("stock", new RunCounters(1));
        // a negative level: the storefront refuses the whole batch (422) it comes in
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE stock_level SET quantity = -3 WHERE sku = 'SBX-050-R1' AND location = 'MAIN'")) {
                return ps.executeUpdate();
            }
        });

        RunCounters pushed = new RunCounters(2);
        StockPushLoop.run(push, "stock-push", pushed);

        assertThat(pushed.written()).isEqualTo(799);
        assertThat(pushed.failed()).isEqualTo(1);
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(dl -> {
            assertThat(dl.entityKey()).isEqualTo("SBX-050-R1");
            assertThat(dl.reason()).contains("422");
            assertThat(dl.request()).contains("\"quantity\":-3");
        });
    }

    private int backOfficeQuantity(String sku, String location) {
        return Tx.read(erp, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT quantity FROM bo_stock WHERE sku = ? AND location = ?")) {
                ps.setString(1, sku);
                ps.setString(2, location);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private void setBackOfficeQuantity(String sku, String location, int quantity, Instant at) {
        Tx.inTransaction(erp, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE bo_stock SET quantity = ?, updated_at = ? WHERE sku = ? AND location = ?")) {
                ps.setInt(1, quantity);
                ps.setObject(2, utc(at));
                ps.setString(3, sku);
                ps.setString(4, location);
                return ps.executeUpdate();
            }
        });
    }

}
