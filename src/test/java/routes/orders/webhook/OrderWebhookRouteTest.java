package routes.orders.webhook;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/webhooks-orders.yaml on platform-http (a free loopback port) with the real OrderWebhook and trigger, and the
 * real orders-in task file with stub pull steps: a signed POST starts orders-in, an unsigned one does not.
 */
class OrderWebhookRouteTest extends RouteTestSupport {

    private static final String SECRET = "route-test-secret";
    private static final byte[] EVENT = """
            {"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},"hash":"abc","created_at":1561479335}"""
            .getBytes(StandardCharsets.UTF_8);

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
            .stubOnTrigger("orderWebhook", trigger -> new OrderWebhook(new WebhookSignature(SECRET), trigger));

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

    private HttpResponse<String> post(String signature) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/orders"))
                .header("Content-Type", "application/json")
                .header(OrderWebhook.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EVENT))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
