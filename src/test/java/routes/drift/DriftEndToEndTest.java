package routes.drift;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.app.RunningSyncHub;
import routes.platform.TestDatabases;
import routes.sandbox.SandboxStorefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The drift report end to end on the embedded sandbox: ten levels changed at the sandbox storefront behind SyncHub's
 * back are exactly what reconcile reports; a repair sends the hub's levels through the change log and stock-push, the
 * next reconcile finds no drift, and a second repair sends nothing. On H2 and on PostgreSQL.
 */
class DriftEndToEndTest {

    private static final int CHANGED = 10;

    @ParameterizedTest
    @MethodSource("routes.platform.TestDatabases#kinds")
    void tenLevelsChangedBehindSyncHubsBackAreReportedRepairedAndThenGone(TestDatabases.Kind kind) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("synchub.sandbox.simulate", "false",
                "synchub.drift.page-size", "37"));
        if (kind == TestDatabases.Kind.POSTGRES) {
            TestDatabases.requirePostgres();
            settings.put("synchub.db.url", TestDatabases.PG_URL);
            settings.put("synchub.db.user", TestDatabases.PG_USER);
            settings.put("synchub.db.schema", "drift_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        }
        try (RunningSyncHub app = RunningSyncHub.start(settings)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(app.getJson("/api/v1/runs?task=stock-push&status=ok"))
                    .anySatisfy(run -> assertThat(run.path("itemsWritten").asInt()).isEqualTo(800)));
            SandboxStorefront store = app.bean("sandboxStorefront", SandboxStorefront.class);
            assertThat(reconcile(app).path("count").asLong()).as("no drift after the first sync").isZero();

            Map<String, Integer> original = new LinkedHashMap<>();
            for (int i = 1; i <= CHANGED; i++) {
                String sku = String.format("SBX-%03d-R1", i * 7);
                Integer level = store.quantity(sku, 1);
                assertThat(level).as(sku + " at location 1 of the sandbox storefront").isNotNull();
                original.put(sku, level);
                store.changeLevel(sku, 1, level + 5);
            }
            long received = store.inventoryItemsReceived();

            JsonNode report = reconcile(app);
            assertThat(report.path("count").asLong()).isEqualTo(CHANGED);
            List<String> listed = new ArrayList<>();
            for (JsonNode item : report.path("items")) {
                listed.add(item.path("sku").asText());
                assertThat(item.path("location").asText()).isEqualTo("MAIN");
                assertThat(item.path("kind").asText()).isEqualTo("store-changed");
                assertThat(item.path("hub").asInt()).isEqualTo(original.get(item.path("sku").asText()));
                assertThat(item.path("lastPush").asInt()).isEqualTo(item.path("hub").asInt());
                assertThat(item.path("store").asInt()).isEqualTo(item.path("hub").asInt() + 5);
                assertThat(item.path("since").asText()).isNotBlank();
            }
            assertThat(listed).containsExactlyInAnyOrderElementsOf(original.keySet());
            assertThat(app.get("/observe/metrics").body()).containsPattern("(?m)^synchub_drift_items(\\{[^}]*})? 10\\.0$");
            assertThat(app.get("/observe/health").body()).contains("{\"name\":\"drift\",\"status\":\"UP\",\"message\":\"10 storefront levels differ from the hub");
            String since = report.path("items").get(0).path("since").asText();
            assertThat(reconcile(app).path("items").get(0).path("since").asText()).as("since when survives runs").isEqualTo(since);

            JsonNode dryRun = app.getJson("/api/v1/drift/repair");
            assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
            assertThat(dryRun.path("updates").asLong()).isEqualTo(CHANGED);
            assertThat(dryRun.path("items")).allSatisfy(u ->
                    assertThat(u.path("quantity").asInt()).isEqualTo(original.get(u.path("sku").asText())));
            assertThat(store.inventoryItemsReceived()).as("a dry run sends nothing").isEqualTo(received);

            // the repair goes through the change log: while inventory is paused it is held there, a resume sends it
            assertThat(app.send("PUT", "/api/v1/pauses/inventory", null).statusCode()).isEqualTo(200);
            HttpResponse<String> repair = app.send("POST", "/api/v1/drift/repair", null);
            assertThat(repair.statusCode()).as(repair.body()).isEqualTo(202);
            assertThat(app.readJson(repair.body()).path("updates").asLong()).isEqualTo(CHANGED);
            assertThat(app.readJson(repair.body()).path("inventoryPaused").asBoolean()).isTrue();
            long repairPush = app.readJson(repair.body()).path("runId").asLong();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(app.getJson("/api/v1/runs/" + repairPush).path("run").path("status").asText()).isEqualTo("ok"));
            assertThat(store.inventoryItemsReceived()).as("held while paused").isEqualTo(received);
            assertThat(app.getJson("/api/v1/pauses")).filteredOn(p -> p.path("entityType").asText().equals("inventory"))
                    .singleElement().satisfies(p -> assertThat(p.path("heldChanges").asLong()).isEqualTo(CHANGED));
            assertThat(app.send("DELETE", "/api/v1/pauses/inventory", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> original.forEach((sku, level) ->
                    assertThat(store.quantity(sku, 1)).as(sku).isEqualTo(level)));
            assertThat(store.inventoryItemsReceived() - received).isEqualTo(CHANGED);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    app.getJson("/api/v1/products/" + original.keySet().iterator().next() + "/sync-history").toString())
                    .contains("ok"));

            assertThat(reconcile(app).path("count").asLong()).as("drift after the repair was pushed").isZero();
            HttpResponse<String> second = app.send("POST", "/api/v1/drift/repair", null);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            assertThat(app.readJson(second.body()).path("updates").asLong()).isZero();
            assertThat(store.inventoryItemsReceived() - received).as("a second repair sends nothing").isEqualTo(CHANGED);
        }
    }

    /** Runs reconcile now, waits for its run to end well, and returns the report. */
    private static JsonNode reconcile(RunningSyncHub app) throws Exception {
        HttpResponse<String> response = app.send("POST", "/api/v1/tasks/reconcile/run", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        long runId = app.readJson(response.body()).path("runId").asLong();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode run = app.getJson("/api/v1/runs/" + runId).path("run");
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("ok");
        });
        return app.getJson("/api/v1/drift?limit=1000");
    }
}
