package routes.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.app.TestBeans;
import routes.platform.TestDatabases;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;

/** The levels a Sync Now selects (by filter or by SKU list), counted and paged after a cursor, on H2 and PostgreSQL. */
class SyncNowSelectionTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private HikariDataSource hub;

    static java.util.stream.Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFilterAndASkuListSelectTheirLevelsPageByPage(TestDatabases.Kind kind) {
        hub = TestDatabases.hub(kind);
        HubStock stock = TestBeans.on(hub, clock).hubStock();
        Tx.inTransaction(hub, c -> stock.setLevels(c, List.of(new HubStock.Level("A", "MAIN", 1),
                new HubStock.Level("A", "OUTLET", 9), new HubStock.Level("B", "MAIN", 2),
                new HubStock.Level("C", "MAIN", 3), new HubStock.Level("D", "MAIN", 20)), AutoSyncRules.CreatedBy.MANUAL));
        SyncNow.Filter below5 = new SyncNow.Filter(null, null, null, 5, null);
        SyncNow.Filter main = new SyncNow.Filter(null, null, "MAIN", null, "2026-11-23T00:00:00Z");

        long all = Tx.read(hub, c -> StockLevelStore.countLevels(c, (SyncNow.Filter) null));
        long cheap = Tx.read(hub, c -> StockLevelStore.countLevels(c, below5));
        long listed = Tx.read(hub, c -> StockLevelStore.countLevels(c, List.of("A", "D", "X")));
        List<HubStock.Level> first = Tx.read(hub, c -> StockLevelStore.filterPage(c, below5, "", "", 2));
        List<HubStock.Level> second = Tx.read(hub, c -> StockLevelStore.filterPage(c, below5, "B", "MAIN", 2));
        List<HubStock.Level> mains = Tx.read(hub, c -> StockLevelStore.filterPage(c, main, "A", "MAIN", 10));
        List<HubStock.Level> bySku = Tx.read(hub, c -> StockLevelStore.skuPage(c, List.of("D", "A"), "", 1));

        assertThat(all).isEqualTo(5);
        assertThat(cheap).isEqualTo(3);
        assertThat(listed).isEqualTo(3);
        assertThat(first).containsExactly(new HubStock.Level("A", "MAIN", 1), new HubStock.Level("B", "MAIN", 2));
        assertThat(second).containsExactly(new HubStock.Level("C", "MAIN", 3));
        assertThat(mains).extracting(HubStock.Level::sku).containsExactly("B", "C", "D");
        assertThat(bySku).as("whole SKUs, about a page").containsExactly(new HubStock.Level("A", "MAIN", 1),
                new HubStock.Level("A", "OUTLET", 9));
    }
}
