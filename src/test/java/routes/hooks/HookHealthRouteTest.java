package routes.hooks;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;
import routes.orders.OrdersIn;
import routes.platform.MutableClock;
import routes.platform.Tx;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.storefront.BigCommerceHooks;
import routes.storefront.HookScope;
import routes.task.Trigger;
import routes.task.Watermarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/hook-health.yaml and routes/orders-in.yaml with the real HookHealth, registration and OrdersIn against the
 * sandbox storefront over HTTP: hooks are registered once however often the task runs, a hook BigCommerce deactivated
 * is re-activated, and the orders of the gap arrive by polling.
 */
class HookHealthRouteTest extends RouteTestSupport {

    private static final String DESTINATION = "https://synchub.example.com/webhooks/bigcommerce";
    private static final String SECRET = "hook-secret-of-the-health-test";
    private static final String TOKEN = "sandbox-token-of-the-health-test";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final Watermarks watermarks = new Watermarks();
    private final SandboxStorefront sandbox = started(new SandboxStorefront("127.0.0.1", 0, TOKEN, clock, false, Duration.ofHours(1)));
    private final BigCommerceClient client = new BigCommerceClient("bigcommerce:sandbox",
            BigCommerceClient.Endpoints.of(sandbox.baseUrl()), TOKEN, BigCommerceClient.plainHttpClient(Duration.ofSeconds(5)),
            Duration.ofSeconds(10));
    private final RouteTestHub hub = new RouteTestHub()
            .stubOnHub("ordersIn", (db, trigger) -> new OrdersIn(client, db, watermarks, clock, 50))
            .stubOnHub("hookHealth", (db, trigger) -> new HookHealth(new HookRegistration(
                    new BigCommerceHooks(client), db, clock, DESTINATION, new HookHeader(SECRET)),
                    db, watermarks, trigger, clock));

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
        return new String[] {"hook-health.yaml", "orders-in.yaml"};
    }

    @Test
    void hooksAreRegisteredOnceWithTheirHeaderHoweverOftenTheTaskRuns() {
        runHookHealth();
        runHookHealth();

        List<JsonNode> hooks = sandbox.hooks().list();
        assertThat(sandbox.hooks().created()).isEqualTo(HookScope.values().length);
        assertThat(hooks).extracting(h -> h.path("scope").asText()).containsExactlyInAnyOrder(
                "store/order/created", "store/order/updated", "store/order/statusUpdated",
                "store/sku/inventory/updated", "store/product/inventory/updated");
        assertThat(hooks).allSatisfy(h -> {
            assertThat(h.path("destination").asText()).isEqualTo(DESTINATION);
            assertThat(h.path("is_active").asBoolean()).isTrue();
            assertThat(h.path("headers").path(HookHeader.NAME).asText()).isEqualTo(SECRET);
        });
        assertThat(hub.runsOf("hook-health")).extracting(r -> r.status()).containsExactly("ok", "ok");
        assertThat(hub.runsOf("orders-in")).as("first registration: no gap to fill").isEmpty();
    }

    @Test
    void aDeactivatedHookIsReactivatedAndTheOrdersOfTheGapArriveByPolling() {
        runHookHealth();
        // the last order event SyncHub received, and orders-in's cursor past the gap (BigCommerce's date_modified
        // need not arrive in order, so the cursor alone is no proof that nothing was missed)
        Instant lastEvent = clock.instant();
        Tx.inTransaction(hub.hubDb(), c -> ReceivedEventStore.claim(c, new StorefrontCallback("store/order/created",
                HookScope.ORDER_CREATED, "h-last-before-the-gap", 999, lastEvent, null, null, null, null),
                HookScope.ORDER_CREATED, lastEvent));
        Tx.inTransaction(hub.hubDb(), c -> {
            watermarks.save(c, "orders-in", new Watermarks.Watermark(lastEvent.plus(Duration.ofHours(3)), ""), clock.instant());
            return null;
        });

        // 48 h of failed deliveries later BigCommerce has deactivated the hook; orders came in meanwhile
        clock.advance(Duration.ofMinutes(10));
        assertThat(sandbox.hooks().deactivate("store/order/created")).isEqualTo(1);
        long first = sandbox.createOrder("SBX-001-R1", 1, new BigDecimal("20.99"));
        long second = sandbox.createOrder("SBX-002-R1", 2, new BigDecimal("41.98"));

        runHookHealth();

        assertThat(sandbox.hooks().list()).allSatisfy(h -> assertThat(h.path("is_active").asBoolean()).isTrue());
        assertThat(sandbox.hooks().created()).as("re-activated, not created again").isEqualTo(HookScope.values().length);
        assertThat(hub.runsOf("hook-health").get(1).message()).contains("1 re-activated", "orders-in asked to poll");
        // the run's end, not a NotifyBuilder: orders-in's pages may split into exchanges that count as done
        await("orders-in ran").atMost(Duration.ofSeconds(30)).until(() -> hub.runsOf("orders-in").stream()
                .anyMatch(r -> r.endedAt() != null));
        assertThat(hub.runsOf("orders-in")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("ok");
            assertThat(r.trigger()).isEqualTo("follow-up");
        });
        assertThat(storefrontOrderIds()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void hashesOlderThanAMonthAreForgottenButTheNewestOrderEventIsKept() {
        Instant old = clock.instant();
        for (String hash : new String[] {"h-old-1", "h-old-2"}) {
            Tx.inTransaction(hub.hubDb(), c -> ReceivedEventStore.claim(c, new StorefrontCallback("store/order/created",
                    HookScope.ORDER_CREATED, hash, 1, hash.equals("h-old-1") ? old : old.plusSeconds(1), null, null, null, null),
                    HookScope.ORDER_CREATED, old));
        }
        clock.advance(HookHealth.KEEP_HASHES.plusDays(1));

        runHookHealth();

        assertThat(Tx.read(hub.hubDb(), c -> (Integer) ReceivedEventStore.count(c, "h-old-1")).intValue()).isZero();
        assertThat(Tx.read(hub.hubDb(), c -> (Integer) ReceivedEventStore.count(c, "h-old-2")).intValue()).isEqualTo(1);
        assertThat(hub.runsOf("hook-health").get(0).message()).contains("1 event hash(es) older than 30 days forgotten");
    }

    /** Runs the task and waits for its run to be recorded as ended (the history, not Camel's exchange, says done). */
    private void runHookHealth() {
        long run = hub.trigger().fire("hook-health", Trigger.MANUAL);
        await("hook-health run " + run).atMost(Duration.ofSeconds(30)).until(() -> hub.runsOf("hook-health").stream()
                .anyMatch(r -> r.id() == run && r.endedAt() != null));
    }

    private List<Long> storefrontOrderIds() {
        return Tx.read(hub.hubDb(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT storefront_order_id FROM sales_order ORDER BY 1");
                 ResultSet rs = ps.executeQuery()) {
                List<Long> ids = new java.util.ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                return ids;
            }
        });
    }
}
