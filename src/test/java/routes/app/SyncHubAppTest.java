package routes.app;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.sandbox.SandboxStorefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SyncHub on its embedded defaults: it is healthy and does its first sync on its own. */
class SyncHubAppTest {

    private static RunningSyncHub app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningSyncHub.start(Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void healthIsUpOnceStarted() throws Exception {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(app.get("/observe/health").body()).contains("UP"));
    }

    @Test
    void theFirstStockSyncReachesTheSandboxStorefrontAndIsInTheRunHistory() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode runs = app.getJson("/api/v1/runs?task=stock-push&status=ok");
            assertThat(runs).anySatisfy(run -> assertThat(run.path("itemsWritten").asInt()).isPositive());
        });
        SandboxStorefront store = app.context().getRegistry().lookupByNameAndType("sandboxStorefront", SandboxStorefront.class);
        assertThat(store.inventoryItemsReceived()).isEqualTo(800);
        JsonNode stockRuns = app.getJson("/api/v1/runs?task=stock&status=ok");
        // the first scheduled fire runs at once (a never-run interval task); a manual run queued first absorbs it
        assertThat(stockRuns).anySatisfy(run -> assertThat(run.path("itemsRead").asInt()).isEqualTo(800));
    }

    @Test
    void aFreshStartParksNoDeadLettersAndTheStorefrontHoldsTheSandboxCatalogWithVariantsOptionsAndImages() throws Exception {
        SandboxStorefront store = app.context().getRegistry().lookupByNameAndType("sandboxStorefront", SandboxStorefront.class);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(store.productCount()).isEqualTo(100);
            for (int p = 1; p <= 100; p++) {
                assertThat(store.variantSkus(String.format("SBX-%03d", p))).as("variants of SBX-%03d", p).hasSize(4);
            }
            assertThat(pendingCatalogChanges()).isZero();
        });
        // images-push runs after images-read and after every catalog-push: images that waited for their product go
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (int p = 1; p <= 100; p++) {
                String sku = String.format("SBX-%03d", p);
                assertThat(store.images(sku)).as("images of %s", sku)
                        .containsExactly(Map.entry("https://images.example.invalid/" + sku + ".jpg", "0: Sandbox product " + p));
            }
            assertThat(held("images")).isZero();
        });
        assertThat(store.variantSkus("SBX-001")).contains("SBX-001-R1");
        assertThat(store.options("SBX-001")).containsOnlyKeys("Colour", "Size");
        assertThat(store.options("SBX-001").get("Colour")).hasSize(4);
        assertThat(store.variantOptions("SBX-001-R1")).containsEntry("Size", "M").containsKey("Colour");
        assertThat(app.getJson("/api/v1/dead-letters?state=PARKED")).as("dead letters after a fresh start").isEmpty();
        assertThat(app.getJson("/api/v1/runs?task=catalog-push&status=failed")).isEmpty();
        assertThat(app.getJson("/api/v1/runs?task=images-push&status=failed")).isEmpty();
    }

    @Test
    void ordersArriveWithTheirLines() throws Exception {
        SandboxStorefront store = app.context().getRegistry().lookupByNameAndType("sandboxStorefront", SandboxStorefront.class);
        long id = store.createOrder("SBX-002-R1", 2, new java.math.BigDecimal("41.98"));
        app.send("POST", "/api/v1/tasks/orders-in/run", null);
        javax.sql.DataSource hub = app.bean("hubDb", javax.sql.DataSource.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(firstLine(hub, id)).isEqualTo("SBX-002-R1 x2"));
        assertThat(app.getJson("/api/v1/runs?task=orders-in&status=failed")).isEmpty();
    }

    private static String firstLine(javax.sql.DataSource hub, long storefrontOrderId) {
        return routes.platform.Tx.read(hub, c -> {
            try (var ps = c.prepareStatement("""
                    SELECT l.sku, l.quantity FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id
                    WHERE o.storefront_order_id = ?""")) {
                ps.setLong(1, storefrontOrderId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) + " x" + rs.getInt(2) : null;
                }
            }
        });
    }

    private long held(String entityType) throws Exception {
        for (JsonNode pause : app.getJson("/api/v1/pauses")) {
            if (pause.path("entityType").asText().equals(entityType)) {
                return pause.path("heldChanges").asLong();
            }
        }
        throw new AssertionError("no pause switch for " + entityType);
    }

    private long pendingCatalogChanges() throws Exception {
        long held = 0;
        for (JsonNode pause : app.getJson("/api/v1/pauses")) {
            if (pause.path("entityType").asText().equals("products") || pause.path("entityType").asText().equals("prices")) {
                held += pause.path("heldChanges").asLong();
            }
        }
        return held;
    }

    @Test
    void metricsCountRunsHeldChangesAndPushLatency() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = app.get("/observe/metrics").body();
            assertThat(metrics).contains("synchub_runs_total{").contains("task=\"stock-push\"").contains("status=\"ok\"");
            assertThat(metrics).contains("synchub_items_pushed_total{entity_type=\"inventory\"} 800.0");
            assertThat(metrics).contains("synchub_push_latency_seconds_bucket{entity_type=\"inventory\"");
            assertThat(metrics).contains("synchub_held_changes{entity_type=\"inventory\"}").contains("synchub_dead_letters");
        });
    }

    @Test
    void everyTaskIsListedWithItsKindScheduleAndState() throws Exception {
        JsonNode tasks = app.getJson("/api/v1/tasks");
        assertThat(tasks).extracting(t -> t.path("id").asText()).contains("stock", "stock-push");
        JsonNode stock = app.getJson("/api/v1/tasks/stock").path("task");
        assertThat(stock.path("kind").asText()).isEqualTo("scheduled");
        assertThat(stock.path("schedule").asText()).isEqualTo("every 15 minutes");
        assertThat(stock.path("nextRun").asText()).isNotBlank();
    }

    @Test
    void aTaskFedByFilesCannotBeRunOnDemandAndSaysWhy() throws Exception {
        HttpResponse<String> response = app.send("POST", "/api/v1/tasks/inventory-files/run", null);
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(app.readJson(response.body()).path("detail").asText()).contains("inventory-files").contains("runs when its input arrives");
        assertThat(app.getJson("/api/v1/tasks/inventory-files").path("task").path("runnable").asBoolean()).isFalse();
        assertThat(app.getJson("/api/v1/tasks/stock").path("task").path("runnable").asBoolean()).isTrue();
    }

    @Test
    void unknownTasksAndBadFiltersAreAnsweredWithTheThingNamed() throws Exception {
        HttpResponse<String> unknown = app.get("/api/v1/tasks/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(app.readJson(unknown.body()).path("detail").asText()).contains("nope");
        HttpResponse<String> badStatus = app.get("/api/v1/runs?status=weird");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(app.readJson(badStatus.body()).path("detail").asText()).startsWith("status:");
        HttpResponse<String> badLimit = app.get("/api/v1/runs?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
    }

    @Test
    void runNowAnswers202WithTheRunIdAndTheRunHappens() throws Exception {
        // the first scheduled run must have started: a run-now while it is still queued collapses into it
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(app.getJson("/api/v1/runs?task=stock&status=ok")).isNotEmpty());
        HttpResponse<String> response = app.send("POST", "/api/v1/tasks/stock/run", null);
        assertThat(response.statusCode()).isEqualTo(202);
        long runId = app.readJson(response.body()).path("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(app.getJson("/api/v1/runs/" + runId).path("run").path("status").asText()).isEqualTo("ok"));
        assertThat(app.getJson("/api/v1/runs/" + runId).path("run").path("trigger").asText()).isEqualTo("manual");
    }
}
