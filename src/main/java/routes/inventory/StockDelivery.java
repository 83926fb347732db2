package routes.inventory;

import java.util.List;
import java.util.Optional;

import routes.changelog.ChangeLog;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;

/**
 * What one batch's storefront calls came to, in call order: the value {@link StockPush#send} hands to
 * {@link StockPush#settle}, which writes each call's outcome to the change log and the sync history. A batch the
 * storefront rejected is bisected inside send, so one delivery may hold several calls; a retryable failure ends it.
 */
public record StockDelivery(List<Call> calls) {

    /** One coalesced item ready to send, with the change-log rows it settles. */
    public record Outgoing(ChangeLog.Claimed newest, List<ChangeLog.Claimed> superseded, Storefront.StockItem item) {
    }

    /** One storefront call and what it came to. */
    public sealed interface Call {
    }

    /** The storefront took these items, after {@code retried} retries of the call. */
    public record Sent(List<Outgoing> items, int retried) implements Call {
    }

    /**
     * The call's answer timed out after it was sent (outcome unknown) and a read-back showed the storefront holding
     * these items at the value sent: they settle as sent.
     */
    public record ReadBack(List<Outgoing> items, StorefrontException unanswered) implements Call {
    }

    /** The storefront rejected this one item for good (not retryable): it is parked. */
    public record Rejected(Outgoing item, StorefrontException error) implements Call {
    }

    /** A retryable failure: the items go back to wait for the next run (parked once out of attempts). */
    public record GivenBack(List<Outgoing> items, StorefrontException error) implements Call {
    }

    public StockDelivery {
        calls = List.copyOf(calls);
    }

    /** The retryable failure that ended the delivery, if one did: the run fails with it once settled. */
    public Optional<StorefrontException> retryable() {
        return calls.stream().filter(GivenBack.class::isInstance).map(c -> ((GivenBack) c).error()).findFirst();
    }

    /** How many items the storefront took. */
    public int sent() {
        return calls.stream().mapToInt(c -> c instanceof Sent s ? s.items().size()
                : c instanceof ReadBack r ? r.items().size() : 0).sum();
    }
}
