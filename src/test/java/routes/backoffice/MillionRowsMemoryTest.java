package routes.backoffice;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import routes.app.TestBeans;
import routes.platform.TestDatabases;
import routes.platform.Times;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.Watermarks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in ({@code -Dsynchub.test.million-rows=true}; the pull alone took 224 s here, 43 s once pages seek on
 * (updated_at, row_key) and Auto Sync flags are read per page, with other builds running): 1,000,000 back-office stock
 * rows through StockPull / IncrementalPull with pages of 1000, H2 on both sides. Prints the heap it took, sampled with the
 * MemoryPoolMXBeans (peak used, and peak live after a collection); asserts only that every row arrived.
 */
@EnabledIfSystemProperty(named = "synchub.test.million-rows", matches = "true")
class MillionRowsMemoryTest {

    private static final int ROWS = 1_000_000;
    private static final Instant BASE = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aMillionStockRowsArriveWithFlatMemory() throws Exception {
        Clock clock = Clock.fixed(BASE.plus(Duration.ofDays(30)), ZoneOffset.UTC);
        try (HikariDataSource erp = TestDatabases.backOffice(TestDatabases.Kind.H2);
             HikariDataSource hub = TestDatabases.hub(TestDatabases.Kind.H2)) {
            // 100 rows per timestamp: ties at every page boundary, as on a real ERP's bulk updates
            Tx.inTransaction(erp, c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO bo_stock (sku, location, quantity, updated_at)
                        SELECT 'M-' || LPAD(CAST(X AS VARCHAR), 7, '0'), 'MAIN', MOD(X, 50),
                               DATEADD(SECOND, X / 100, CAST(? AS TIMESTAMP WITH TIME ZONE))
                          FROM SYSTEM_RANGE(1, ?)""")) {
                    ps.setObject(1, Times.utc(BASE));
                    ps.setInt(2, ROWS);
                    return ps.executeUpdate();
                }
            });
            JdbcBackOffice jdbc = new JdbcBackOffice(erp, BackOfficeQueries.load(TestDatabases.backOfficeQueries(TestDatabases.Kind.H2)), 1000);
            StockPull pull = new StockPull(new IncrementalPull(jdbc, hub, new Watermarks(), clock, 1000),
                    TestBeans.on(hub, clock).hubStock());

            HeapSampler heap = new HeapSampler();
            long started = System.nanoTime();
            RunCounters run = new RunCounters(1);
            try {
                heap.start();
                pull.pull("stock", run);
            } finally {
                heap.stop();
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

            assertThat(run.read()).isEqualTo(ROWS);
            assertThat(count(hub, "SELECT COUNT(*) FROM stock_level")).isEqualTo(ROWS);
            System.out.printf("1M rows: peak heap used %d MiB, peak live after GC %d MiB, max heap %d MiB, %d s%n",
                    heap.peakUsed.get() >> 20, heap.peakAfterGc.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, seconds);
        }
    }

    private static long count(HikariDataSource db, String sql) {
        return Tx.read(db, c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Samples the heap pools every 20 ms: the most used at once, and the most still live after a collection. */
    static final class HeapSampler {
        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakAfterGc = new AtomicLong();
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });

        void start() {
            System.gc();
            timer.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            sample();
        }

        private void sample() {
            long used = 0;
            long afterGc = 0;
            for (MemoryPoolMXBean pool : pools) {
                used += pool.getUsage().getUsed();
                MemoryUsage collected = pool.getCollectionUsage();
                afterGc += collected == null ? 0 : collected.getUsed();
            }
            peakUsed.accumulateAndGet(used, Math::max);
            peakAfterGc.accumulateAndGet(afterGc, Math::max);
        }
    }
}
