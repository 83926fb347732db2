package routes.orders.webhook;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;
import routes.platform.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/webhooks-orders.yaml on platform-http (a free loopback port) with the real OrderWebhook and trigger, and the
 * real orders-in task file with stub pull steps: a signed POST starts orders-in, an unsigned one does not.
 */
class OrderWebhookRouteTest extends RouteTestSupport {

    private static final String SECRET = "route-test-secret";
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final byte[] EVENT = event("abc", NOW.getEpochSecond());
    /** An event from 2019 (BigCommerce's documented example), signed all the same. */
    private static final byte[] OLD_EVENT = event("old", 1561479335);

    /** Stub for ordersIn's steps in orders-in-pages: a pull with no pages, no new orders, so no orders-out. */
    public static final class NoOrders {
        public NoOrders open() {
            return this;
        }

        public boolean more() {
            return false;
        }

        public int close() {
            return 0;
        }
    }

    private final int port = freePort();
    private final RouteTestHub hub = new RouteTestHub()
            .stub("ordersIn", new NoOrders())
            .stubOnHub("orderWebhook", (db, trigger) -> new OrderWebhook(new WebhookSignature(SECRET),
                    new RelayReplays(db, new MutableClock(NOW, ZoneOffset.UTC), RelayReplays.DEFAULT_WINDOW), trigger));

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"webhooks-orders.yaml", "orders-in.yaml"};
    }

    @Override
    protected void configure(MainConfigurationProperties main) {
        super.configure(main);
        main.httpServer().withEnabled(true).withHost("127.0.0.1").withPort(port);
    }

    @Test
    void aSignedOrderEventStartsOrdersInAndIsAnswered202WithItsRun() throws Exception {
        NotifyBuilder ordersIn = new NotifyBuilder(context).fromRoute("orders-in").whenDone(1).create();

        HttpResponse<String> answer = post(new WebhookSignature(SECRET).sign(EVENT));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        long runId = new ObjectMapper().readTree(answer.body()).path("runId").asLong();
        assertThat(ordersIn.matches(20, TimeUnit.SECONDS)).as("orders-in ran").isTrue();
        assertThat(hub.runsOf("orders-in")).singleElement().satisfies(run -> {
            assertThat(run.id()).isEqualTo(runId);
            assertThat(run.trigger()).isEqualTo("event");
            assertThat(run.status()).isEqualTo("ok");
        });
    }

    @Test
    void aWronglySignedEventIsAnswered401AndStartsNothing() throws Exception {
        HttpResponse<String> answer = post(new WebhookSignature("another-secret").sign(EVENT));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        // the webhook fires orders-in before it answers: by the answer a fire would be in the history
        assertThat(hub.runsOf("orders-in")).isEmpty();
    }

    @Test
    void oneSignedEventSentFiftyTimesAtOnceStartsOrdersInOnce() throws Exception {
        String signature = new WebhookSignature(SECRET).sign(EVENT);
        int sends = 50;
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CyclicBarrier together = new CyclicBarrier(10);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < sends; i++) {
                answers.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return post(signature, EVENT, "");
                }));
            }
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                byStatus.merge(answer.get(30, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
            }
            assertThat(byStatus).containsExactly(Map.entry(200, sends - 1), Map.entry(202, 1));
        } finally {
            pool.shutdownNow();
        }
        // every answer came after its fire: by now all fires are in the history
        assertThat(hub.runsOf("orders-in")).hasSize(1);

        HttpResponse<String> later = post(signature, EVENT, "");
        assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(later.body()).path("duplicate").asBoolean()).isTrue();
        assertThat(hub.runsOf("orders-in")).hasSize(1);
    }

    @Test
    void aSignedEventOutsideTheAgeWindowIsAnswered400AndStartsNothing() throws Exception {
        HttpResponse<String> answer = post(new WebhookSignature(SECRET).sign(OLD_EVENT), OLD_EVENT, "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(answer.body()).path("detail").asText())
                .startsWith("created_at: 2019-06-25T16:15:35Z is older than 300 s");
        assertThat(hub.runsOf("orders-in")).isEmpty();
    }

    @Test
    void aSignatureInTheQueryStringIsNotTakenForTheHeader() throws Exception {
        String signature = new WebhookSignature(SECRET).sign(EVENT);
        HttpResponse<String> answer = post(null, EVENT, "?" + OrderWebhook.SIGNATURE_HEADER + "=" + signature);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(hub.runsOf("orders-in")).isEmpty();
    }

    private HttpResponse<String> post(String signature) throws IOException, InterruptedException {
        return post(signature, EVENT, "");
    }

    private HttpResponse<String> post(String signature, byte[] body, String query) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/orders" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(OrderWebhook.SIGNATURE_HEADER, signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] event(String hash, long createdAt) {
        return ("{\"scope\":\"store/order/created\",\"store_id\":\"1025646\",\"data\":{\"type\":\"order\",\"id\":250},"
                + "\"hash\":\"" + hash + "\",\"created_at\":" + createdAt + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
