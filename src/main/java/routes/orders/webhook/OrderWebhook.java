package routes.orders.webhook;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import routes.platform.JsonAnswer;
import routes.task.TaskTrigger;
import routes.task.Trigger;

/**
 * {@code POST /webhooks/orders}: a storefront order event, signed with HMAC-SHA256 of the raw body under the shared
 * secret {@code synchub.storefront.webhook-secret}, in header {@value #SIGNATURE_HEADER}. A valid one asks task
 * {@code orders-in} to run and is answered 202; out-of-order events are harmless because orders-in reads the
 * storefront's current state by watermark. An event is taken
 * once ({@link RelayReplays}: a replay is answered 200 {@code "duplicate":true} and starts nothing) and only while its
 * {@code created_at} is within {@link RelayReplays#WINDOW_SETTING} of now (400 otherwise). The signature is read from
 * the request header only: a query naming it (which Camel would map onto the same header) is refused (401).
 * <p>
 * BigCommerce itself does not sign this way (it sends the custom headers set when the hook was registered, and a
 * payload {@code hash}): SyncHub expects a relay or gateway in front to add {@value #SIGNATURE_HEADER}.
 */
public class OrderWebhook {

    public static final String SIGNATURE_HEADER = "X-SyncHub-Signature";
    public static final String TASK = "orders-in";

    private final WebhookSignature signature;
    private final RelayReplays replays;
    private final TaskTrigger trigger;

    /** @param signature null when no secret is configured: every call is then answered 503 */
    public OrderWebhook(WebhookSignature signature, RelayReplays replays, TaskTrigger trigger) {
        this.signature = signature;
        this.replays = replays;
        this.trigger = trigger;
    }

    public String receive(@Body byte[] body, @Header(SIGNATURE_HEADER) String signed,
                          @Header(Exchange.HTTP_QUERY) String query, Exchange exchange) {
        exchange.getMessage().removeHeader(SIGNATURE_HEADER);
        if (query != null && query.toLowerCase(Locale.ROOT).contains(SIGNATURE_HEADER.toLowerCase(Locale.ROOT))) {
            return JsonAnswer.of(exchange, 401, JsonAnswer.error("unauthorized", SIGNATURE_HEADER
                    + " came in the query string: it counts only as a request header"));
        }
        if (signature == null) {
            return JsonAnswer.of(exchange, 503, JsonAnswer.error("not configured", WebhookSignature.SETTING
                    + " is not set: set it to the secret the storefront relay signs with (env SYNCHUB_STOREFRONT_WEBHOOK_SECRET)"));
        }
        if (!signature.verify(body, signed)) {
            return JsonAnswer.of(exchange, 401, JsonAnswer.error("unauthorized", signed == null
                    ? "header " + SIGNATURE_HEADER + " (HMAC-SHA256 of the body, hex or base64) is missing"
                    : "header " + SIGNATURE_HEADER + " is not the HMAC-SHA256 of this body under " + WebhookSignature.SETTING));
        }
        WebhookEvent event;
        try {
            event = WebhookEvent.parse(body);
        } catch (InvalidWebhook e) {
            return JsonAnswer.of(exchange, 400, JsonAnswer.error("bad request", e.getMessage()));
        }
        RelayReplays.Age age = replays.age(event);
        if (age != RelayReplays.Age.WITHIN) {
            return JsonAnswer.of(exchange, 400, JsonAnswer.error("bad request", "created_at: "
                    + java.time.Instant.ofEpochSecond(event.createdAt()) + " is " + (age == RelayReplays.Age.TOO_OLD
                    ? "older" : "later") + " than " + replays.window().toSeconds() + " s from now (" + RelayReplays.WINDOW_SETTING
                    + "): an old event is refused as a replay; check the relay's and this machine's clocks"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scope", event.scope());
        out.put("orderId", event.orderId());
        // the key commits only once the run is queued: a failure here leaves the event for the relay's retry
        Optional<Long> runId = replays.once(event, body, () -> trigger.fire(TASK, Trigger.EVENT));
        if (runId.isEmpty()) {
            out.put("duplicate", true);
            return JsonAnswer.of(exchange, 200, out);
        }
        out.put("task", TASK);
        out.put("runId", runId.get());
        return JsonAnswer.of(exchange, 202, out);
    }

    @Override
    public String toString() {
        return "OrderWebhook[" + (signature == null ? "no secret" : "secret hidden") + "]";
    }
}
