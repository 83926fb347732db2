package routes.hooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import routes.platform.JsonAnswer;
import routes.platform.Tx;
import routes.storefront.HookScope;
import routes.task.TaskTrigger;
import routes.task.Trigger;

/**
 * {@code POST /webhooks/bigcommerce}: BigCommerce's callbacks. Accepted when they carry the custom {@link HookHeader}
 * SyncHub registered its hooks with, or a valid Standard Webhooks {@link CallbackSignature}; anything else is 401.
 * A callback is taken once by its payload {@code hash} ({@code webhook_event}, unique: also across nodes) and
 * answered 202 before the work: an order event asks task orders-in to run (which polls the storefront), a
 * storefront stock event is recorded (never applied to hub stock). A duplicate is answered 200 and does nothing.
 */
public class StorefrontCallbacks {

    /** What taking a callback did: nothing (its hash was taken before), recorded it, or queued an orders-in run. */
    private record Taken(boolean fresh, Long runId) {
        static final Taken DUPLICATE = new Taken(false, null);
        static final Taken RECORDED = new Taken(true, null);
    }

    private final HookHeader header;
    private final CallbackSignature signature;
    private final DataSource hub;
    private final TaskTrigger trigger;
    private final Clock clock;

    /** {@code header} and {@code signature} may each be null (not configured); with neither every call is 503. */
    public StorefrontCallbacks(HookHeader header, CallbackSignature signature, DataSource hub, TaskTrigger trigger, Clock clock) {
        this.header = header;
        this.signature = signature;
        this.hub = hub;
        this.trigger = trigger;
        this.clock = clock;
    }

    public String receive(@Body byte[] body, @Header(HookHeader.NAME) String secret, @Header(CallbackSignature.ID) String id,
                          @Header(CallbackSignature.TIMESTAMP) String timestamp,
                          @Header(CallbackSignature.SIGNATURE) String signed, Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        if (header == null && signature == null) {
            return JsonAnswer.of(exchange, 503, JsonAnswer.error("not configured", "set " + HookHeader.SETTING + " (the hooks' custom header) or "
                    + CallbackSignature.SETTING + " (the app's client secret, for the webhook-signature header)"));
        }
        Optional<String> rejected = rejection(body, secret, id, timestamp, signed);
        if (rejected.isPresent()) {
            return JsonAnswer.of(exchange, 401, JsonAnswer.error("unauthorized", rejected.get()));
        }
        StorefrontCallback event;
        try {
            event = StorefrontCallback.parse(body);
        } catch (StorefrontCallback.Invalid e) {
            return JsonAnswer.of(exchange, 400, JsonAnswer.error("bad request", e.getMessage()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scope", event.scope());
        out.put("hash", event.hash());
        HookScope scope = event.hookScope();
        if (scope == null) {
            // answered 2xx all the same: a non-2xx would make BigCommerce retry for 48 h and then deactivate the hook
            out.put("ignored", "SyncHub does not handle scope " + event.scope());
            return JsonAnswer.of(exchange, 200, out);
        }
        Taken taken = Tx.inTransaction(hub, c -> {
            if (!ReceivedEventStore.claim(c, event, scope, clock.instant())) {
                return Taken.DUPLICATE;
            }
            if (scope.subject() == HookScope.Subject.INVENTORY) {
                // recorded in the claim's transaction: taken once, or not at all (BigCommerce then sends it again)
                StorefrontInventoryEventStore.record(c, event, clock.instant());
                return Taken.RECORDED;
            }
            // the claim commits only once the run is queued: a failure here leaves the event for BigCommerce's retry
            return new Taken(true, trigger.fire(HookHealth.ORDERS_TASK, Trigger.EVENT));
        });
        if (!taken.fresh()) {
            out.put("duplicate", true);
            return JsonAnswer.of(exchange, 200, out);
        }
        if (taken.runId() != null) {
            out.put("task", HookHealth.ORDERS_TASK);
            out.put("runId", taken.runId());
        } else {
            out.put("recorded", true);
        }
        return JsonAnswer.of(exchange, 202, out);
    }

    /** Why the callback is not BigCommerce's, or empty when it is: either proof is enough. */
    private Optional<String> rejection(byte[] body, String secret, String id, String timestamp, String signed) {
        if (header != null && header.matches(secret)) {
            return Optional.empty();
        }
        Optional<String> signatureProblem = signature != null && signed != null
                ? signature.problem(id, timestamp, signed, body) : Optional.empty();
        if (signature != null && signed != null && signatureProblem.isEmpty()) {
            return Optional.empty();
        }
        if (signatureProblem.isPresent()) {
            return signatureProblem;
        }
        if (secret != null) {
            return Optional.of(header == null ? "header " + HookHeader.NAME + " is not checked here (" + HookHeader.SETTING
                    + " is not set) and no " + CallbackSignature.SIGNATURE + " header came"
                    : "header " + HookHeader.NAME + " is not the secret the hooks were registered with");
        }
        return Optional.of("neither header " + HookHeader.NAME + " nor a Standard Webhooks " + CallbackSignature.SIGNATURE
                + " header is present");
    }

    @Override
    public String toString() {
        return "StorefrontCallbacks[" + (header == null ? "no header" : "header") + ", "
                + (signature == null ? "no signature" : "signature") + ", secrets hidden]";
    }
}
