package routes.changelog;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.app.TestBeans;
import routes.inventory.AutoSyncRules;
import routes.inventory.HubStock;
import routes.inventory.LocationMap;
import routes.inventory.StockConsolidation;
import routes.inventory.StockLevelStore;
import routes.inventory.StockPush;
import routes.inventory.StockPushLoop;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.task.RunCounters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static routes.platform.Times.utc;

/** Pause, consolidation, deletes, Auto Sync and manual adjustments over the change log, on H2 and PostgreSQL. */
class ChangePipelineTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private HikariDataSource hub;
    private SandboxStorefront store;
    private ChangeLog log;
    private HubStock stock;
    private StockPush push;
    private PauseSwitches pauses;

    static java.util.stream.Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    void start(TestDatabases.Kind kind, AutoSyncRules rules, int batchSize) throws Exception {
        hub = TestDatabases.hub(kind);
        store = new SandboxStorefront("127.0.0.1", 0, "test-token", clock, false, Duration.ofSeconds(5));
        store.start();
        TestBeans beans = TestBeans.on(hub, clock, rules);
        log = beans.changeLog();
        stock = beans.hubStock();
        pauses = beans.pauses();
        BigCommerceClient client = new BigCommerceClient("bigcommerce:test", BigCommerceClient.Endpoints.of(store.baseUrl()),
                "test-token", BigCommerceClient.pooledHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5));
        push = new StockPush(log, beans.deadLetters(), client, LocationMap.parse("MAIN=1,OUTLET=2"), hub,
                clock, batchSize, 3);
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.stop();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeleteDuringAPauseGoesAtOnceAndDropsTheHeldUpdatesOfThatLevel(TestDatabases.Kind kind) throws Exception {
        start(kind, AutoSyncRules.DEFAULTS, 100);
        levels(new HubStock.Level("A-1", "MAIN", 5), new HubStock.Level("B-1", "MAIN", 6));
        StockPushLoop.run(push, "stock-push", new RunCounters(1));
        pauses.pause(EntityType.INVENTORY, "test");

        levels(new HubStock.Level("A-1", "MAIN", 7), new HubStock.Level("B-1", "MAIN", 8));
        levels(new HubStock.Level("A-1", "MAIN", 9));
        Tx.inTransaction(hub, c -> stock.deleteLevel(c, "A-1", "MAIN", "manual"));
        long calls = store.inventoryCalls();
        RunCounters run = new RunCounters(2);
        StockPushLoop.run(push, "stock-push", run);

        assertThat(store.quantity("A-1", 1)).as("the delete went out while paused").isZero();
        assertThat(store.quantity("B-1", 1)).as("B-1's update is still held").isEqualTo(6);
        assertThat(store.inventoryCalls()).isEqualTo(calls + 1);
        assertThat(rows("A-1")).containsExactly("SENT:UPSERT", "SUPERSEDED:UPSERT", "SUPERSEDED:UPSERT", "SENT:DELETE");
        assertThat(rows("B-1")).containsExactly("SENT:UPSERT", "PENDING:UPSERT");
        assertThat(pauses.get(EntityType.INVENTORY).heldChanges()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deletingAnItemDeletesEveryLevelOfItAndMarksItDeleted(TestDatabases.Kind kind) throws Exception {
        start(kind, AutoSyncRules.DEFAULTS, 100);
        levels(new HubStock.Level("C-1", "MAIN", 3), new HubStock.Level("C-1", "OUTLET", 4));
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO item (sku, name, created_by, created_at, updated_at) VALUES ('C-1', 'Cup', 'MANUAL', ?, ?)")) {
                ps.setObject(1, utc(clock.instant()));
                ps.setObject(2, utc(clock.instant()));
                return ps.executeUpdate();
            }
        });
        pauses.pause(EntityType.INVENTORY, "test");

        int deleted = Tx.inTransaction(hub, c -> stock.deleteItem(c, "C-1", "manual"));
        StockPushLoop.run(push, "stock-push", new RunCounters(1));

        assertThat(deleted).isEqualTo(2);
        assertThat(store.quantity("C-1", 1)).isZero();
        assertThat(store.quantity("C-1", 2)).isZero();
        assertThat(rows("C-1")).containsExactly("SUPERSEDED:UPSERT", "SUPERSEDED:UPSERT", "SENT:DELETE", "SENT:DELETE");
        assertThat(count("SELECT COUNT(*) FROM item WHERE sku = 'C-1' AND deleted")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void thePreviewIsExactlyWhatTheResumeSends(TestDatabases.Kind kind) throws Exception {
        start(kind, AutoSyncRules.DEFAULTS, 7);
        pauses.pause(EntityType.INVENTORY, "test");
        // SKU-major order: all of one SKU's changes before the next SKU's
        for (int sku = 0; sku < 30; sku++) {
            for (int change = 1; change <= 20; change++) {
                levels(new HubStock.Level(String.format("P-%02d", sku), "MAIN", sku * 100 + change));
            }
        }
        StockPush.Preview preview = push.preview();
        pauses.resume(EntityType.INVENTORY, "test");
        long callsBefore = store.inventoryCalls();
        StockPushLoop.run(push, "stock-push", new RunCounters(1));

        assertThat(preview.heldRows()).isEqualTo(600);
        assertThat(preview.items()).hasSize(30).allSatisfy(item -> {
            assertThat(item.disposition()).isEqualTo(StockConsolidation.Disposition.SEND);
            assertThat(item.rows()).isEqualTo(20);
            assertThat(store.quantity(item.sku(), 1)).isEqualTo(item.stockItem().quantity());
            assertThat(store.updatesOf(item.sku(), 1)).isEqualTo(1);
        });
        assertThat(preview.items()).extracting(i -> i.stockItem().quantity()).contains(20, 2920);
        assertThat(preview.calls()).isEqualTo(5).isEqualTo((int) (store.inventoryCalls() - callsBefore));
        assertThat(store.inventoryItemsReceived()).isEqualTo(30);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void autoSyncOffStopsASkusPushesAndTurningItOnPushesNothingByItself(TestDatabases.Kind kind) throws Exception {
        start(kind, AutoSyncRules.DEFAULTS, 100);
        levels(new HubStock.Level("A-1", "MAIN", 5), new HubStock.Level("B-1", "MAIN", 6));
        setAutoSync("A-1", false);
        StockPushLoop.run(push, "stock-push", new RunCounters(1));

        assertThat(store.quantity("A-1", 1)).as("off at send time: settled, not sent").isNull();
        assertThat(store.quantity("B-1", 1)).isEqualTo(6);
        assertThat(rows("A-1")).containsExactly("SKIPPED:UPSERT");

        levels(new HubStock.Level("A-1", "MAIN", 9));
        assertThat(rows("A-1")).as("no change row is written while off").containsExactly("SKIPPED:UPSERT");
        setAutoSync("A-1", true);
        long calls = store.inventoryCalls();
        StockPushLoop.run(push, "stock-push", new RunCounters(2));
        assertThat(store.inventoryCalls()).as("turning it on pushes nothing").isEqualTo(calls);

        levels(new HubStock.Level("A-1", "MAIN", 10));
        StockPushLoop.run(push, "stock-push", new RunCounters(3));
        assertThat(store.quantity("A-1", 1)).isEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOrderImportItemStartsAtZeroAndWarnsWhenItsRuleTurnsAutoSyncOn(TestDatabases.Kind kind) throws Exception {
        Map<AutoSyncRules.CreatedBy, Boolean> rules = new EnumMap<>(AutoSyncRules.DEFAULTS.rules());
        rules.put(AutoSyncRules.CreatedBy.ORDER_IMPORT, true);
        start(kind, new AutoSyncRules(rules), 100);
        RunCounters run = new RunCounters(1);

        boolean created = Tx.inTransaction(hub, c -> stock.createFromOrderImport(c, "O-1", "Ordered thing", "MAIN", run));
        boolean again = Tx.inTransaction(hub, c -> stock.createFromOrderImport(c, "O-1", "Ordered thing", "MAIN", run));

        assertThat(created).isTrue();
        assertThat(again).isFalse();
        assertThat(run.note()).contains("O-1").contains("0 will be pushed").contains("synchub.auto-sync.rule.order-import");
        assertThat(quantity("O-1")).isZero();
        assertThat(rows("O-1")).containsExactly("PENDING:UPSERT");
        assertThat(count("SELECT COUNT(*) FROM item WHERE sku = 'O-1' AND created_by = 'ORDER_IMPORT'")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOrderImportItemUnderTheDefaultRuleIsCreatedQuietly(TestDatabases.Kind kind) throws Exception {
        start(kind, AutoSyncRules.DEFAULTS, 100);
        RunCounters run = new RunCounters(1);
        Tx.inTransaction(hub, c -> stock.createFromOrderImport(c, "O-2", null, "MAIN", run));
        assertThat(run.note()).isNull();
        assertThat(rows("O-2")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRefusedAdjustmentLeavesNothingBehind(TestDatabases.Kind kind) throws Exception {
        start(kind, AutoSyncRules.DEFAULTS, 100);
        levels(new HubStock.Level("A-1", "MAIN", 5));
        long changes = count("SELECT COUNT(*) FROM change_log");

        assertThatThrownBy(() -> Tx.inTransaction(hub, c -> stock.adjust(c, "NOPE", "MAIN", HubStock.Mode.ABSOLUTE, 1, "x")))
                .isInstanceOf(HubStock.UnknownSku.class).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> Tx.inTransaction(hub, c -> stock.adjust(c, "A-1", "MAIN", HubStock.Mode.RELATIVE, -6, "x")))
                .isInstanceOfSatisfying(HubStock.InvalidInput.class, e -> assertThat(e.field()).isEqualTo("quantity"))
                .hasMessageContaining("-1");

        assertThat(quantity("A-1")).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(changes);
        assertThat(count("SELECT COUNT(*) FROM stock_adjustment")).isZero();

        HubStock.Adjustment ok = Tx.inTransaction(hub, c -> stock.adjust(c, "A-1", "MAIN", HubStock.Mode.RELATIVE, -2, "count"));
        assertThat(ok.before()).isEqualTo(5);
        assertThat(ok.after()).isEqualTo(3);
        assertThat(rows("A-1")).containsExactly("PENDING:UPSERT", "PENDING:UPSERT");
        assertThat(count("SELECT COUNT(*) FROM change_log WHERE origin = 'manual'")).isEqualTo(2);
    }

    private void levels(HubStock.Level... levels) {
        Tx.inTransaction(hub, c -> stock.setLevels(c, List.of(levels), AutoSyncRules.CreatedBy.MANUAL));
    }

    private Integer quantity(String sku) {
        Tx.Work<Integer> read = c -> StockLevelStore.quantity(c, sku, "MAIN");
        return Tx.read(hub, read);
    }

    private void setAutoSync(String sku, boolean enabled) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE auto_sync SET enabled = ? WHERE sku = ?")) {
                ps.setBoolean(1, enabled);
                ps.setString(2, sku);
                return ps.executeUpdate();
            }
        });
    }

    private List<String> rows(String sku) {
        return Tx.read(hub, c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state, operation FROM change_log WHERE entity_key = ? ORDER BY id")) {
                ps.setString(1, sku);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + ":" + rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    private long count(String sql) {
        return Tx.read(hub, c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
