package routes.drift;

import java.net.http.HttpResponse;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import routes.app.ForkedSyncHub;
import routes.platform.TestDatabases;
import routes.sandbox.SandboxStorefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconcile reading 100,000 storefront levels in a SyncHub JVM capped at 128 MiB of heap: it must stream page by page
 * (holding the store's levels, or their JSON, at once would die with OutOfMemoryError), report exactly the levels that
 * differ, and the GC log's highest heap-after-GC is reported.
 */
class DriftHeapTest {

    private static final int LEVELS = 100_000;
    private static final int DRIFTED = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHundredThousandStorefrontLevelsAreReconciledInA128MiBHeap() throws Exception {
        TestDatabases.requirePostgres();
        String schema = "drift_heap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SandboxStorefront store = new SandboxStorefront("127.0.0.1", 0, "drift-heap-token", Clock.systemUTC(), false, Duration.ofHours(1));
        store.start();
        for (int i = 0; i < LEVELS; i++) {
            // every 1000th level differs from the hub's
            store.changeLevel(sku(i), 3, quantity(i) + (i % (LEVELS / DRIFTED) == 0 ? 1 : 0));
        }
        Path dataDir = TestDatabases.tempDir();
        Path gcLog = dataDir.resolve("gc.log");
        try (ForkedSyncHub hub = ForkedSyncHub.start(dataDir,
                List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog),
                Map.of("synchub.storefront.base-url", store.baseUrl(),
                        "synchub.storefront.token", "drift-heap-token",
                        "synchub.storefront.locations", "3=3",
                        "synchub.sandbox.simulate", "false",
                        "synchub.drift.page-size", "1000",
                        "synchub.db.url", TestDatabases.PG_URL,
                        "synchub.db.user", TestDatabases.PG_USER,
                        "synchub.db.schema", schema,
                        "synchub.scheduler.tick-cron", "0 0 0 1 1 ? 2099"))) {
            insertHubLevels(schema);

            HttpResponse<String> response = hub.send("POST", "/api/v1/tasks/reconcile/run", null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            long runId = JSON.readTree(response.body()).path("runId").asLong();
            await().atMost(Duration.ofSeconds(240)).until(() -> {
                assertThat(hub.alive()).as("SyncHub ran out of heap or died: " + hub.log()).isTrue();
                JsonNode run = JSON.readTree(hub.send("GET", "/api/v1/runs/" + runId, null).body()).path("run");
                assertThat(run.path("status").asText()).as(run.toString()).isNotEqualTo("failed");
                return "ok".equals(run.path("status").asText());
            });
            JsonNode run = JSON.readTree(hub.send("GET", "/api/v1/runs/" + runId, null).body()).path("run");
            JsonNode report = JSON.readTree(hub.send("GET", "/api/v1/drift?limit=1000", null).body());

            assertThat(run.path("itemsRead").asLong()).as(run.toString()).isEqualTo(LEVELS);
            assertThat(report.path("count").asLong()).isEqualTo(DRIFTED);
            assertThat(report.path("items")).allSatisfy(item -> {
                assertThat(item.path("kind").asText()).isEqualTo("never-pushed");
                assertThat(item.path("store").asInt()).isEqualTo(item.path("hub").asInt() + 1);
            });
            int peakAfterGc = routes.inventory.SyncNowHeapTestAccess.peakHeapAfterGc(gcLog);
            System.out.printf("Reconcile of %d storefront levels in a 128 MiB heap: highest heap after GC %d MiB%n",
                    LEVELS, peakAfterGc);
            assertThat(peakAfterGc).isPositive().isLessThan(128);
        } finally {
            store.stop();
        }
    }

    private static String sku(int i) {
        return String.format("DRIFT-%06d", i);
    }

    private static int quantity(int i) {
        return i % 500;
    }

    private static void insertHubLevels(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "")) {
            c.setSchema(schema);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES (?, '3', ?, ?)")) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                for (int i = 0; i < LEVELS; i++) {
                    ps.setString(1, sku(i));
                    ps.setInt(2, quantity(i));
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
}
