package routes.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.app.TestBeans;
import routes.catalog.CatalogItemStore;
import routes.platform.TestDatabases;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent manual adjustments of a level that has no row yet: each applied exactly once, on H2 and PostgreSQL. */
class ConcurrentAdjustmentTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 5;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private HikariDataSource hub;
    private ExecutorService pool;

    static java.util.stream.Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentRelativeAdjustmentsOfAFreshLevelAreEachAppliedOnce(TestDatabases.Kind kind) throws Exception {
        hub = TestDatabases.hub(kind);
        hub.setMaximumPoolSize(THREADS + 2);
        Products products = new Products(hub, TestBeans.on(hub, clock).hubStock());
        pool = Executors.newFixedThreadPool(THREADS);
        for (int round = 0; round < ROUNDS; round++) {
            String sku = "RACE-" + round;
            Tx.inTransaction(hub, c -> {
                new CatalogItemStore().insertNamed(c, sku, sku, AutoSyncRules.CreatedBy.MANUAL.name(), clock.instant());
                return null;
            });
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<HubStock.Adjustment>> answers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return products.adjust(sku, "MAIN", HubStock.Mode.RELATIVE, 1, "race");
                }));
            }
            List<HubStock.Adjustment> done = new ArrayList<>();
            for (Future<HubStock.Adjustment> answer : answers) {
                done.add(answer.get(60, TimeUnit.SECONDS)); // throws when an adjustment failed
            }

            assertThat(done).as("round " + round).allMatch(HubStock.Adjustment::changed);
            assertThat(done).extracting(HubStock.Adjustment::after).as("round " + round)
                    .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(count("SELECT quantity FROM stock_level WHERE sku = ? AND location = 'MAIN'", sku)).isEqualTo(THREADS);
            assertThat(count("SELECT COUNT(*) FROM change_log WHERE entity_key = ?", sku)).isEqualTo(THREADS);
            assertThat(count("SELECT COUNT(*) FROM stock_adjustment WHERE sku = ?", sku)).isEqualTo(THREADS);
        }
    }

    private long count(String sql, String sku) {
        return Tx.read(hub, c -> {
            try (var ps = c.prepareStatement(sql)) {
                ps.setString(1, sku);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            }
        });
    }
}
