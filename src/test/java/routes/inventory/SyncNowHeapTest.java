package routes.inventory;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import routes.app.ForkedSyncHub;
import routes.platform.TestDatabases;
import routes.sandbox.SandboxStorefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sync Now of 100,000 SKUs in a SyncHub JVM capped at 256 MiB of heap: it must stream (an unbounded load would die
 * with OutOfMemoryError), push every SKU once, and the GC log's highest heap-after-GC is reported.
 */
class SyncNowHeapTest {

    private static final int SKUS = 100_000;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void aHundredThousandSkuSyncNowRunsInA256MiBHeapAndPushesEachOnce() throws Exception {
        TestDatabases.requirePostgres();
        String schema = "heap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SandboxStorefront store = new SandboxStorefront("127.0.0.1", 0, "heap-test-token", Clock.systemUTC(), false, Duration.ofHours(1));
        store.start();
        Path dataDir = TestDatabases.tempDir();
        Path gcLog = dataDir.resolve("gc.log");
        try (ForkedSyncHub hub = ForkedSyncHub.start(dataDir,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog),
                Map.of("synchub.storefront.base-url", store.baseUrl(),
                        "synchub.storefront.token", "heap-test-token",
                        "synchub.db.url", TestDatabases.PG_URL,
                        "synchub.db.user", TestDatabases.PG_USER,
                        "synchub.db.schema", schema,
                        "synchub.stock.batch-size", "2000",
                        "synchub.scheduler.tick-cron", "0 0 0 1 1 ? 2099"))) {
            insertLevels(schema);
            long before = store.inventoryItemsReceived();

            HttpResponse<String> response = hub.send("POST", "/api/v1/sync-now", "{\"filter\":{\"location\":\"3\"}}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            long jobId = new ObjectMapper().readTree(response.body()).path("jobId").asLong();
            long started = System.nanoTime();
            // The storefront counts a page when it receives it; the job counts it once its history and cursor are
            // committed, just after. So wait for the job's own end, not for the storefront's count.
            await().atMost(Duration.ofSeconds(180)).until(() -> {
                assertThat(hub.alive()).as("SyncHub ran out of heap or died: " + hub.log()).isTrue();
                JsonNode state = new ObjectMapper().readTree(hub.send("GET", "/api/v1/sync-now/" + jobId, null).body());
                assertThat(state.path("state").asText()).as(state.toString()).isNotEqualTo("failed");
                return "done".equals(state.path("state").asText());
            });
            long ms = (System.nanoTime() - started) / 1_000_000;
            JsonNode job = new ObjectMapper().readTree(hub.send("GET", "/api/v1/sync-now/" + jobId, null).body());

            assertThat(job.path("done").asLong()).isEqualTo(SKUS);
            assertThat(job.path("total").asLong()).isEqualTo(SKUS);
            assertThat(store.inventoryItemsReceived() - before).isEqualTo(SKUS);
            assertThat(store.updatesOf("BULK-000000", 3)).isEqualTo(1);
            assertThat(store.updatesOf("BULK-099999", 3)).isEqualTo(1);
            JsonNode product = new ObjectMapper().readTree(hub.send("GET", "/api/v1/products?q=BULK-09999&limit=1", null).body());
            assertThat(product.get(0).path("autoSync").asBoolean()).as("Sync Now turns Auto Sync on (as in the seed)").isTrue();
            int peakAfterGc = peakHeapAfterGc(gcLog);
            System.out.printf("Sync Now of %d SKUs in a 256 MiB heap: %d ms to the job's end; highest heap after GC %d MiB%n",
                    SKUS, ms, peakAfterGc);
            assertThat(peakAfterGc).isPositive().isLessThan(256);
        } finally {
            store.stop();
        }
    }

    private static void insertLevels(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "")) {
            c.setSchema(schema);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES (?, '3', ?, ?)")) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                for (int i = 0; i < SKUS; i++) {
                    ps.setString(1, String.format("BULK-%06d", i));
                    ps.setInt(2, i % 500);
                    ps.setObject(3, now);
                    ps.addBatch();
                    if (i % 5000 == 4999) {
                        ps.executeBatch();
                    }
                }
            }
            c.commit();
        }
    }

    /** The highest "after" figure of the JVM's GC log lines ("Pause Young ... 120M->40M(247M)"). */
    static int peakHeapAfterGc(Path gcLog) throws Exception {
        int peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Integer.parseInt(m.group(2)));
            }
        }
        return peak;
    }
}
