package routes.drift;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;
import routes.inventory.LocationMap;
import routes.inventory.SyncHistoryStore;
import routes.platform.MutableClock;
import routes.platform.Tx;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.task.RunHistory;
import routes.task.Trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static routes.platform.Times.utc;

/**
 * routes/reconcile.yaml with the real Reconcile against the sandbox storefront over HTTP, in pages of two: a level
 * changed behind SyncHub's back and one the hub moved on from are reported with their kind, a store level the hub
 * does not hold is only counted, and a level that agrees again is dropped by the next run.
 */
class ReconcileRouteTest extends RouteTestSupport {

    private static final String TOKEN = "sandbox-token-of-the-reconcile-test";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC);
    private final SandboxStorefront sandbox = started(new SandboxStorefront("127.0.0.1", 0, TOKEN, clock, false, Duration.ofHours(1)));
    private final BigCommerceClient client = new BigCommerceClient("bigcommerce:sandbox",
            BigCommerceClient.Endpoints.of(sandbox.baseUrl()), TOKEN, BigCommerceClient.plainHttpClient(Duration.ofSeconds(5)),
            Duration.ofSeconds(10));
    private final RouteTestHub hub = new RouteTestHub()
            .stubOnHub("reconcile", (db, trigger) -> new Reconcile(client, db, LocationMap.parse("MAIN=1"), clock, 2));

    private static SandboxStorefront started(SandboxStorefront sandbox) {
        sandbox.start();
        return sandbox;
    }

    @AfterEach
    void stopSandbox() {
        sandbox.stop();
    }

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"reconcile.yaml"};
    }

    @Test
    void driftIsReportedByKindAndDroppedOnceTheLevelsAgree() {
        hubLevel("A", 5);
        hubLevel("B", 8);
        hubLevel("C", 9);
        pushed("B", 7);
        pushed("C", 9);
        sandbox.changeLevel("A", 1, 5);
        sandbox.changeLevel("B", 1, 7);
        sandbox.changeLevel("C", 1, 10);
        sandbox.changeLevel("NOT-IN-HUB", 1, 3);
        sandbox.changeLevel("A", 2, 99); // another location, not configured

        RunHistory.Run first = runReconcile();

        assertThat(first.status()).isEqualTo("ok");
        assertThat(first.itemsRead()).isEqualTo(4);
        assertThat(first.message()).contains("2 of 4 storefront levels differ", "1 are levels the hub does not hold");
        List<DriftStore.Item> drift = Tx.read(hub.hubDb(), c -> DriftStore.page(c, 0, 10));
        assertThat(drift).extracting(DriftStore.Item::sku, DriftStore.Item::kind, DriftStore.Item::hub, DriftStore.Item::store,
                DriftStore.Item::pushed).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("B", DriftKind.HUB_AHEAD, 8, 7, 7),
                        org.assertj.core.groups.Tuple.tuple("C", DriftKind.STORE_CHANGED, 9, 10, 9));

        sandbox.changeLevel("C", 1, 9);
        clock.advance(Duration.ofDays(1));
        RunHistory.Run second = runReconcile();

        assertThat(second.message()).contains("1 drifted levels resolved");
        List<DriftStore.Item> after = Tx.read(hub.hubDb(), c -> DriftStore.page(c, 0, 10));
        assertThat(after).singleElement().satisfies(b -> {
            assertThat(b.sku()).isEqualTo("B");
            assertThat(b.firstSeenAt()).isEqualTo(Instant.parse("2026-12-02T03:00:00Z"));
            assertThat(b.seenAt()).isEqualTo(clock.instant());
        });
    }

    private RunHistory.Run runReconcile() {
        long run = hub.trigger().fire("reconcile", Trigger.MANUAL);
        await("reconcile run " + run).atMost(Duration.ofSeconds(30)).until(() -> hub.runsOf("reconcile").stream()
                .anyMatch(r -> r.id() == run && r.endedAt() != null));
        return hub.runsOf("reconcile").stream().filter(r -> r.id() == run).findFirst().orElseThrow();
    }

    private void hubLevel(String sku, int quantity) {
        Tx.inTransaction(hub.hubDb(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES (?, 'MAIN', ?, ?)")) {
                ps.setString(1, sku);
                ps.setInt(2, quantity);
                ps.setObject(3, utc(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }

    private void pushed(String sku, int quantity) {
        Tx.inTransaction(hub.hubDb(), c -> {
            SyncHistoryStore.insert(c, List.of(new SyncHistoryStore.Row(sku, "MAIN", quantity, "bigcommerce:sandbox", "ok",
                    null, null, 1, clock.instant().minusSeconds(60))));
            return null;
        });
    }
}
