package routes.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.app.TestBeans;
import routes.platform.TestDatabases;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The product list, sync history and Auto Sync switch behind the admin API, on H2 and PostgreSQL hubs. */
class ProductsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private HikariDataSource hub;
    private HubStock stock;
    private Products products;

    static java.util.stream.Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    void start(TestDatabases.Kind kind) {
        hub = TestDatabases.hub(kind);
        stock = TestBeans.on(hub, clock).hubStock();
        products = new Products(hub, stock);
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPageListsEachSkusLevelsInLocationOrderItsFlagAndOnlyItsNewestPush(TestDatabases.Kind kind) {
        start(kind);
        Tx.inTransaction(hub, c -> stock.setLevels(c, List.of(new HubStock.Level("P-1", "OUTLET", 4),
                new HubStock.Level("P-1", "MAIN", 3), new HubStock.Level("P-2", "MAIN", 7),
                new HubStock.Level("Q-9", "MAIN", 1)), AutoSyncRules.CreatedBy.MANUAL));
        Instant t1 = clock.instant();
        Instant t2 = t1.plusSeconds(60);
        Tx.inTransaction(hub, c -> {
            SyncHistoryStore.insert(c, List.of(
                    new SyncHistoryStore.Row("P-1", "MAIN", 3, "sf", "failed", "boom", 11L, 1, t1),
                    new SyncHistoryStore.Row("P-1", "OUTLET", 4, "sf", "ok", null, 12L, 2, t2),
                    new SyncHistoryStore.Row("Q-9", "MAIN", 1, "sf", "ok", "Sync Now job 3", null, 3, t1)));
            return null;
        });
        products.setAutoSync("P-2", false);

        List<Products.Product> page = products.page("%p-%", 0, 50);

        assertThat(page).extracting(Products.Product::sku).containsExactly("P-1", "P-2");
        Products.Product p1 = page.get(0);
        assertThat(p1.quantities()).containsExactly(Map.entry("MAIN", 3), Map.entry("OUTLET", 4));
        assertThat(p1.autoSync()).isTrue();
        assertThat(p1.lastPush()).isEqualTo(new SyncHistoryStore.Push(t2, "OUTLET", 4, "sf", "ok", null));
        assertThat(page.get(1).autoSync()).isFalse();
        assertThat(page.get(1).lastPush()).isNull();
        assertThat(products.page(null, 1, 2)).extracting(Products.Product::sku).containsExactly("P-2", "Q-9");
        assertThat(products.history("P-1", 10)).extracting(SyncHistoryStore.Push::status).containsExactly("ok", "failed");
        assertThat(products.history("P-2", 10)).isEmpty();
        assertThatThrownBy(() -> products.history("NOPE", 10)).isInstanceOf(HubStock.UnknownSku.class);
        assertThatThrownBy(() -> products.setAutoSync("NOPE", true)).isInstanceOf(HubStock.UnknownSku.class);
        assertThat(products.unknown(List.of("P-1", "NOPE", "Q-9", "NADA"), 20)).containsExactly("NOPE", "NADA");
    }
}
