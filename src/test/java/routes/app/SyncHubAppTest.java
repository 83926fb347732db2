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
