package routes.app;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import routes.platform.TestDatabases;
import routes.sandbox.SandboxStorefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SyncHub is killed with kill -9 while it pushes 10,000 quantity changes, then restarted on the same data dir:
 * every SKU ends at its last quantity at the storefront, nothing acknowledged is lost, and no SKU ever receives an
 * older value after a newer one.
 */
class KillNineTest {

    private static final int SKUS = 100;
    private static final int CHANGES = 10_000;

    @Test
    void aKilledSyncHubLosesNothingAndNeverSendsAStaleValue() throws Exception {
        SandboxStorefront store = new SandboxStorefront("127.0.0.1", 0, "kill-test-token", Clock.systemUTC(), false, Duration.ofHours(1));
        store.start();
        Path dataDir = TestDatabases.tempDir();
        Map<String, String> settings = Map.of(
                "synchub.storefront.base-url", store.baseUrl(),
                "synchub.storefront.token", "kill-test-token",
                "synchub.stock.batch-size", "20");
        Map<String, Integer> lastAcknowledged = new HashMap<>();
        ForkedSyncHub hub = ForkedSyncHub.start(dataDir, List.of("-Xmx512m"), settings);
        try {
            // the first stock sync brings the back office's levels in and pushes them
            await().atMost(Duration.ofSeconds(60)).until(() -> store.inventoryItemsReceived() >= 800);

            int change = 0;
            int killAt = CHANGES / 2;
            for (; change < killAt; change++) {
                adjust(hub, change, lastAcknowledged);
            }
            // pushes of the first half are under way: kill it mid-flight
            long pushedBeforeKill = store.inventoryItemsReceived();
            hub.kill();
            assertThat(hub.alive()).isFalse();

            hub = ForkedSyncHub.start(dataDir, List.of("-Xmx512m"), settings);
            for (; change < CHANGES; change++) {
                adjust(hub, change, lastAcknowledged);
            }

            ForkedSyncHub running = hub;
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                for (Map.Entry<String, Integer> e : lastAcknowledged.entrySet()) {
                    assertThat(store.quantity(e.getKey(), 1)).as(e.getKey() + " at the storefront").isEqualTo(e.getValue());
                }
            });
            for (String sku : lastAcknowledged.keySet()) {
                List<Integer> levels = store.receivedLevels(sku, 1);
                assertThat(levels).as(sku + " as the storefront received it").isSorted();
            }
            System.out.printf("kill -9 after %d of %d changes (%d items pushed by then); all %d SKUs at their last"
                    + " quantity after the restart; %d items pushed in all%n", killAt, CHANGES, pushedBeforeKill,
                    lastAcknowledged.size(), store.inventoryItemsReceived());
            assertThat(running.alive()).isTrue();
        } finally {
            hub.close();
            store.stop();
        }
    }

    /** Change n sets SKU n % 100 at MAIN to 1000 + n: later changes always carry higher values. */
    private static void adjust(ForkedSyncHub hub, int n, Map<String, Integer> lastAcknowledged) throws Exception {
        String sku = String.format("SBX-%03d-R1", n % SKUS + 1);
        int quantity = 1000 + n;
        HttpResponse<String> response = hub.send("POST", "/api/v1/stock/adjustments",
                "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"mode\":\"absolute\",\"location\":\"MAIN\",\"reason\":\"kill test\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        lastAcknowledged.put(sku, quantity);
    }
}
