package routes.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import org.junit.jupiter.api.Test;
import routes.sandbox.SandboxStorefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sync Now of 100,000 SKUs: streamed, every level pushed once, heap bounded. */
class SyncNowBulkTest {

    private static final int SKUS = 100_000;

    @Test
    void aSyncNowOfAHundredThousandSkusPushesEachOnceInBoundedHeap() throws Exception {
        try (RunningSyncHub app = RunningSyncHub.start(Map.of("synchub.stock.batch-size", "2000",
                "synchub.sync-now.page-size", "5000"))) {
            SandboxStorefront store = app.bean("sandboxStorefront", SandboxStorefront.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> store.inventoryItemsReceived() >= 800
                    && app.getJson("/api/v1/pauses").get(1).path("heldChanges").asLong() == 0);
            javax.sql.DataSource hub = app.bean("hubDb", javax.sql.DataSource.class);
            try (Connection c = hub.getConnection();
                 PreparedStatement ps = c.prepareStatement(
                         "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES (?, '3', ?, ?)")) {
                c.setAutoCommit(false);
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                for (int i = 0; i < SKUS; i++) {
                    ps.setString(1, String.format("BULK-%06d", i));
                    ps.setInt(2, i % 500);
                    ps.setObject(3, now);
                    ps.addBatch();
                    if (i % 5000 == 4999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                c.setAutoCommit(true);
            }
            long before = store.inventoryItemsReceived();
            // the live heap before the job (the test JVM, both sandbox peers, H2): the job's own need is measured above it
            System.gc();
            long baselineMiB = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            HeapPeak peak = HeapPeak.start();
            long started = System.nanoTime();

            var response = app.send("POST", "/api/v1/sync-now", "{\"filter\":{\"location\":\"3\"}}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            long jobId = app.readJson(response.body()).path("jobId").asLong();
            await().atMost(Duration.ofSeconds(90)).until(() -> store.inventoryItemsReceived() - before >= SKUS);
            long ms = (System.nanoTime() - started) / 1_000_000;
            peak.stop();

            JsonNode job = app.getJson("/api/v1/sync-now/" + jobId);
            System.out.printf("Sync Now of %d SKUs: %d ms to the storefront, job %s, live heap before %d MiB,"
                            + " peak heap after GC %d MiB (peak used incl. garbage %d MiB), %d GCs%n", SKUS, ms, job,
                    baselineMiB, peak.afterGcMiB(), peak.usedMiB(), peak.gcs());
            assertThat(job.path("state").asText()).isEqualTo("done");
            assertThat(job.path("done").asLong()).isEqualTo(SKUS);
            assertThat(job.path("total").asLong()).isEqualTo(SKUS);
            assertThat(store.inventoryItemsReceived() - before).isEqualTo(SKUS);
            assertThat(store.updatesOf("BULK-000000", 3)).isEqualTo(1);
            assertThat(store.updatesOf("BULK-099999", 3)).isEqualTo(1);
            assertThat(store.quantity("BULK-012345", 3)).isEqualTo(12345 % 500);
            assertThat(store.maxUpdatesOfOneLevel()).isEqualTo(1);
            assertThat(peak.gcs()).as("the heap was measured by GCs during the run").isPositive();
            assertThat(peak.afterGcMiB() - baselineMiB).as("heap the run added, old-gen garbage included").isLessThan(256);
            JsonNode autoSync = app.getJson("/api/v1/products?q=BULK-0000&limit=1");
            assertThat(autoSync.get(0).path("autoSync").asBoolean()).as("Sync Now turns Auto Sync on").isTrue();
        }
    }

    /** The heap's high-water mark: the most used after any GC (what stays live), and the raw pool peaks. */
    static final class HeapPeak {
        private final AtomicLong afterGc = new AtomicLong();
        private final AtomicLong gcs = new AtomicLong();
        private final NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum()
                        - nonHeap(info.getGcInfo().getMemoryUsageAfterGc());
                afterGc.accumulateAndGet(used, Math::max);
                gcs.incrementAndGet();
            }
        };

        static HeapPeak start() {
            HeapPeak peak = new HeapPeak();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            ManagementFactory.getGarbageCollectorMXBeans().forEach(gc ->
                    ((NotificationEmitter) gc).addNotificationListener(peak.listener, null, null));
            return peak;
        }

        private static long nonHeap(Map<String, MemoryUsage> pools) {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.NON_HEAP && pools.containsKey(p.getName()))
                    .mapToLong(p -> pools.get(p.getName()).getUsed()).sum();
        }

        void stop() throws Exception {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            }
        }

        long afterGcMiB() {
            return afterGc.get() >> 20;
        }

        long usedMiB() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
        }

        long gcs() {
            return gcs.get();
        }
    }
}
