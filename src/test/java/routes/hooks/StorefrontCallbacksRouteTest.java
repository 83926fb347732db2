package routes.hooks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;
import routes.platform.MutableClock;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/webhooks-bigcommerce.yaml on platform-http with the real StorefrontCallbacks on an H2 hub and a stand-in
 * orders-in task (routes/stubs/orders-in.yaml, the task contract around a stub): BigCommerce-shaped callbacks are accepted with the registered custom header or a
 * valid Standard Webhooks signature, refused 401 otherwise, and taken once per hash.
 */
class StorefrontCallbacksRouteTest extends RouteTestSupport {

    private static final String HOOK_SECRET = "hook-secret-for-the-route-test";
    private static final String CLIENT_SECRET = "client-secret-of-the-app";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stand-in orders-in's work: nothing. */
    public static final class NoOrders {
        public int pull() {
            return 0;
        }
    }

    private final int port = freePort();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final CallbackSignature signature = new CallbackSignature(CLIENT_SECRET, clock);
    private final RouteTestHub hub = new RouteTestHub()
            .stub("ordersInStub", new NoOrders())
            .stubOnHub("storefrontCallbacks", (db, trigger) -> new StorefrontCallbacks(new HookHeader(HOOK_SECRET),
                    signature, db, trigger, clock));

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"webhooks-bigcommerce.yaml", "stubs/orders-in.yaml"};
    }

    @Override
    protected void configure(MainConfigurationProperties main) {
        super.configure(main);
        main.httpServer().withEnabled(true).withHost("127.0.0.1").withPort(port);
    }

    static byte[] orderEvent(String hash, long orderId) {
        return ("{\"created_at\":1764669600,\"store_id\":\"1025646\",\"producer\":\"stores/abc123\",\"scope\":\"store/order/created\","
                + "\"hash\":\"" + hash + "\",\"data\":{\"type\":\"order\",\"id\":" + orderId + "}}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] skuInventoryEvent(String hash) {
        return ("{\"created_at\":1764669600,\"store_id\":\"1025646\",\"producer\":\"stores/abc123\",\"scope\":\"store/sku/inventory/updated\","
                + "\"hash\":\"" + hash + "\",\"data\":{\"type\":\"sku\",\"id\":461,\"inventory\":{\"product_id\":167,"
                + "\"method\":\"absolute\",\"value\":2,\"variant_id\":509}}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCallbackWithTheRegisteredHeaderStartsOrdersInAndIsAnswered202() throws Exception {
        HttpResponse<String> answer = post(orderEvent("h-header", 250), Map.of(HookHeader.NAME, HOOK_SECRET));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("task").asText()).isEqualTo("orders-in");
        // the run's end as the history records it (a NotifyBuilder can match just before the policy records it)
        await("orders-in ran").atMost(Duration.ofSeconds(20)).until(() -> hub.runsOf("orders-in").stream()
                .anyMatch(r -> r.endedAt() != null));
        assertThat(hub.runsOf("orders-in")).singleElement().satisfies(run -> {
            assertThat(run.id()).isEqualTo(body.path("runId").asLong());
            assertThat(run.trigger()).isEqualTo("event");
            assertThat(run.status()).isEqualTo("ok");
        });
    }

    @Test
    void aCallbackWithAValidStandardWebhooksSignatureIsAccepted() throws Exception {
        byte[] event = orderEvent("h-signed", 251);
        long now = clock.instant().getEpochSecond();

        HttpResponse<String> answer = post(event, signed("msg_251", now, event));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(Tx.read(hub.hubDb(), c -> (Integer) ReceivedEventStore.count(c, "h-signed")).intValue()).isEqualTo(1);
    }

    @Test
    void aStaleTimestampAWrongSignatureOrNoProofIs401WithAJsonReason() throws Exception {
        byte[] event = orderEvent("h-refused", 252);
        long now = clock.instant().getEpochSecond();

        HttpResponse<String> stale = post(event, signed("msg_252", now - 301, event));
        HttpResponse<String> wrong = post(event, Map.of(CallbackSignature.ID, "msg_252",
                CallbackSignature.TIMESTAMP, String.valueOf(now),
                CallbackSignature.SIGNATURE, new CallbackSignature("not-the-client-secret", clock).sign("msg_252", now, event)));
        HttpResponse<String> wrongHeader = post(event, Map.of(HookHeader.NAME, "not-the-hook-secret-at-all"));
        HttpResponse<String> none = post(event, Map.of());

        for (HttpResponse<String> refused : java.util.List.of(stale, wrong, wrongHeader, none)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            JsonNode body = JSON.readTree(refused.body());
            assertThat(body.path("error").asText()).isEqualTo("unauthorized");
            assertThat(body.path("detail").asText()).isNotBlank().doesNotContain(HOOK_SECRET, CLIENT_SECRET);
        }
        assertThat(JSON.readTree(stale.body()).path("detail").asText()).contains("webhook-timestamp", "300 s window");
        assertThat(JSON.readTree(wrong.body()).path("detail").asText()).contains("webhook-signature");
        assertThat(JSON.readTree(none.body()).path("detail").asText()).contains(HookHeader.NAME, "webhook-signature");
        assertThat(Tx.read(hub.hubDb(), c -> (Integer) ReceivedEventStore.count(c, "h-refused")).intValue()).isZero();
        assertThat(hub.runsOf("orders-in")).isEmpty();
    }

    @Test
    void theSameHashTwiceIsProcessedOnce() throws Exception {
        byte[] event = skuInventoryEvent("h-twice");

        HttpResponse<String> first = post(event, Map.of(HookHeader.NAME, HOOK_SECRET));
        HttpResponse<String> again = post(event, Map.of(HookHeader.NAME, HOOK_SECRET));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(JSON.readTree(first.body()).path("recorded").asBoolean()).isTrue();
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("duplicate").asBoolean()).isTrue();
        var recorded = Tx.read(hub.hubDb(), c -> StorefrontInventoryEventStore.newest(c, 10));
        assertThat(recorded).singleElement().satisfies(r -> {
            assertThat(r.scope()).isEqualTo("store/sku/inventory/updated");
            assertThat(r.skuId()).isEqualTo(461L);
            assertThat(r.productId()).isEqualTo(167L);
            assertThat(r.variantId()).isEqualTo(509L);
            assertThat(r.method()).isEqualTo("absolute");
            assertThat(r.value()).isEqualTo(2);
        });
        // a storefront stock change is recorded, not applied: no task ran for it
        assertThat(hub.runsOf("orders-in")).isEmpty();
    }

    @Test
    void aRepeatedOrderEventStartsOrdersInOnce() throws Exception {
        NotifyBuilder ordersIn = new NotifyBuilder(context).fromRoute("orders-in").whenDone(1).create();
        byte[] event = orderEvent("h-order-twice", 253);

        assertThat(post(event, Map.of(HookHeader.NAME, HOOK_SECRET)).statusCode()).isEqualTo(202);
        assertThat(ordersIn.matches(20, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> again = post(event, Map.of(HookHeader.NAME, HOOK_SECRET));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(hub.runsOf("orders-in")).hasSize(1);
    }

    private Map<String, String> signed(String id, long timestamp, byte[] event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CallbackSignature.ID, id);
        headers.put(CallbackSignature.TIMESTAMP, String.valueOf(timestamp));
        headers.put(CallbackSignature.SIGNATURE, signature.sign(id, timestamp, event));
        return headers;
    }

    private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/bigcommerce"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
