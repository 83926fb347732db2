package routes.changelog;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;
import routes.inventory.AutoSyncRules;
import routes.inventory.HubStock;
import routes.platform.Tx;
import routes.sandbox.SandboxStorefront;
import routes.task.TaskTrigger;
import routes.task.Trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The issue's own scenario: pause inventory, 10,000 changes to 100 SKUs, restart SyncHub on the same data dir,
 * resume, and exactly 100 updates go in ceil(100 / batch) calls with each SKU's last quantity; a delete made during
 * the pause went out at once; the preview said beforehand exactly what the resume sent.
 */
class PauseResumeAcrossRestartTest {

    private static final int BATCH = 25;
    private static final Map<String, String> SETTINGS = Map.of("synchub.stock.batch-size", String.valueOf(BATCH));

    @Test
    void heldChangesSurviveARestartAndGoConsolidatedOnResume() throws Exception {
        java.nio.file.Path dataDir;
        try (RunningSyncHub first = RunningSyncHub.start(SETTINGS)) {
            dataDir = first.dataDir();
            SandboxStorefront store = first.bean("sandboxStorefront", SandboxStorefront.class);
            HubStock stock = first.bean("hubStock", HubStock.class);
            javax.sql.DataSource hub = first.bean("hubDb", javax.sql.DataSource.class);
            // the sandbox's first stock sync settles before the test's own changes
            await().atMost(Duration.ofSeconds(60)).until(() -> store.inventoryItemsReceived() >= 800
                    && first.getJson("/api/v1/pauses").get(1).path("heldChanges").asLong() == 0);
            List<HubStock.Level> initial = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                initial.add(new HubStock.Level(sku(i), "MAIN", 0));
            }
            initial.add(new HubStock.Level("D-1", "MAIN", 7));
            Tx.inTransaction(hub, c -> stock.setLevels(c, initial, AutoSyncRules.CreatedBy.MANUAL));
            first.bean("taskTrigger", TaskTrigger.class).fire("stock-push", Trigger.EVENT);
            await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(7).equals(store.quantity("D-1", 1)));

            HttpResponse<String> paused = first.send("PUT", "/api/v1/pauses/inventory", null);
            assertThat(paused.statusCode()).isEqualTo(200);
            assertThat(first.readJson(paused.body()).path("paused").asBoolean()).isTrue();

            // one through the API, the rest through the same HubStock.adjust, SKU after SKU
            HttpResponse<String> viaApi = first.send("POST", "/api/v1/stock/adjustments",
                    "{\"sku\":\"P-000\",\"quantity\":5,\"mode\":\"absolute\",\"reason\":\"recount\"}");
            assertThat(viaApi.statusCode()).as(viaApi.body()).isEqualTo(200);
            for (int i = 0; i < 100; i++) {
                int s = i;
                Tx.inTransaction(hub, c -> {
                    for (int change = 1; change < (s == 0 ? 100 : 101); change++) {
                        stock.adjust(c, sku(s), "MAIN", HubStock.Mode.RELATIVE, change % 2 == 0 ? 3 : 1, "test");
                    }
                    return null;
                });
            }
            long callsBeforeDelete = store.inventoryCalls();
            Tx.inTransaction(hub, c -> stock.adjust(c, "D-1", "MAIN", HubStock.Mode.ABSOLUTE, 9, "held"));
            Tx.inTransaction(hub, c -> stock.deleteLevel(c, "D-1", "MAIN", "manual"));
            first.bean("taskTrigger", TaskTrigger.class).fire("stock-push", Trigger.EVENT);
            await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(0).equals(store.quantity("D-1", 1)));
            assertThat(store.inventoryCalls()).as("the delete alone, at once").isEqualTo(callsBeforeDelete + 1);
            JsonNode inventory = first.getJson("/api/v1/pauses").get(1);
            assertThat(inventory.path("entityType").asText()).isEqualTo("inventory");
            assertThat(inventory.path("heldChanges").asLong()).isEqualTo(10_000);
        }

        try (RunningSyncHub second = RunningSyncHub.start(SETTINGS, dataDir)) {
            SandboxStorefront store = second.bean("sandboxStorefront", SandboxStorefront.class);
            JsonNode pauses = second.getJson("/api/v1/pauses");
            assertThat(pauses.get(1).path("paused").asBoolean()).as("the pause survived the restart").isTrue();
            assertThat(pauses.get(1).path("heldChanges").asLong()).isEqualTo(10_000);
            JsonNode preview = second.getJson("/api/v1/pauses/inventory/preview");
            assertThat(preview.path("updates").asInt()).isEqualTo(100);
            assertThat(preview.path("calls").asInt()).isEqualTo((100 + BATCH - 1) / BATCH);

            long start = System.nanoTime();
            HttpResponse<String> resumed = second.send("DELETE", "/api/v1/pauses/inventory", null);
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
            assertThat(second.readJson(resumed.body()).path("pushTask").asText()).isEqualTo("stock-push");
            await().atMost(Duration.ofSeconds(30)).until(() -> store.inventoryItemsReceived() >= 100
                    && second.getJson("/api/v1/pauses").get(1).path("heldChanges").asLong() == 0);
            System.out.printf("resume -> 100 SKUs at the storefront in %d ms%n", (System.nanoTime() - start) / 1_000_000);

            assertThat(store.inventoryItemsReceived()).isEqualTo(100);
            assertThat(store.inventoryCalls()).isEqualTo((100 + BATCH - 1) / BATCH);
            assertThat(store.maxUpdatesOfOneLevel()).isEqualTo(1);
            for (int i = 0; i < 100; i++) {
                // 0, then 50 x (+1) and 50 x (+3) = 200 (P-000: 5, then 50 x +1 and 49 x +3 = 202)
                assertThat(store.quantity(sku(i), 1)).as(sku(i)).isEqualTo(i == 0 ? 202 : 200);
            }
            for (JsonNode item : preview.path("items")) {
                assertThat(store.quantity(item.path("sku").asText(), 1)).isEqualTo(item.path("quantity").asInt());
                assertThat(item.path("heldRows").asInt()).isEqualTo(100);
            }
            JsonNode history = second.getJson("/api/v1/products/P-007/sync-history");
            assertThat(history.get(0).path("quantity").asInt()).isEqualTo(200);
            assertThat(history.get(0).path("status").asText()).isEqualTo("ok");
        }
    }

    private static String sku(int i) {
        return String.format("P-%03d", i);
    }
}
