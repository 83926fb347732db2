package routes.orders.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import routes.platform.JsonAnswer;
import routes.task.TaskTrigger;
import routes.task.Trigger;

/**
 * {@code POST /webhooks/orders}: a storefront order event, signed with HMAC-SHA256 of the raw body under the shared
 * secret {@code synchub.storefront.webhook-secret}, in header {@value #SIGNATURE_HEADER}. A valid one asks task
 * {@code orders-in} to run and is answered 202; repeats and out-of-order events are harmless because triggers
 * collapse into one queued run and orders-in reads the storefront's current state by watermark.
 * <p>
 * BigCommerce itself does not sign this way (it sends the custom headers set when the hook was registered, and a
 * payload {@code hash}): SyncHub expects a relay or gateway in front to add {@value #SIGNATURE_HEADER}.
 */
public class OrderWebhook {

    public static final String SIGNATURE_HEADER = "X-SyncHub-Signature";
    public static final String TASK = "orders-in";

    private final WebhookSignature signature;
    private final TaskTrigger trigger;

    /** @param signature null when no secret is configured: every call is then answered 503 */
    public OrderWebhook(WebhookSignature signature, TaskTrigger trigger) {
        this.signature = signature;
        this.trigger = trigger;
    }

    public String receive(@Body byte[] body, @Header(SIGNATURE_HEADER) String signed, Exchange exchange) {
        exchange.getMessage().removeHeader(SIGNATURE_HEADER);
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
        long runId = trigger.fire(TASK, Trigger.EVENT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", TASK);
        out.put("runId", runId);
        out.put("scope", event.scope());
        out.put("orderId", event.orderId());
        return JsonAnswer.of(exchange, 202, out);
    }

    @Override
    public String toString() {
        return "OrderWebhook[" + (signature == null ? "no secret" : "secret hidden") + "]";
    }
}
