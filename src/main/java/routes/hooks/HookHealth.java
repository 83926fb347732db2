package routes.hooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.platform.Tx;
import routes.storefront.HookScope;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;
import routes.task.TaskTrigger;
import routes.task.Trigger;
import routes.task.Watermarks;

/**
 * Task "hook-health": keeps the hooks registered and active ({@link HookRegistration}, also what start-up runs), and
 * when a hook had to be re-activated or created again, fills the gap: orders-in is moved back to the last order event
 * SyncHub received and asked to run, so the orders BigCommerce could not deliver arrive by polling. (Storefront-side
 * stock changes of the gap are not replayed: BigCommerce has no list of them; the drift report will show the drift.)
 */
public final class HookHealth {

    public static final String ORDERS_TASK = "orders-in";
    /**
     * How long a callback's hash is kept to recognise a re-sent event: BigCommerce retries for about 48 hours, so
     * a month is ample; the table does not grow without bound.
     */
    public static final Duration KEEP_HASHES = Duration.ofDays(30);

    private final HookRegistration registration;
    private final DataSource hub;
    private final Watermarks watermarks;
    private final TaskTrigger trigger;
    private final Clock clock;

    public HookHealth(HookRegistration registration, DataSource hub, Watermarks watermarks, TaskTrigger trigger, Clock clock) {
        this.registration = registration;
        this.hub = hub;
        this.watermarks = watermarks;
        this.trigger = trigger;
        this.clock = clock;
    }

    /** Returns what changed (hooks created, re-activated or given the current header). */
    public int check(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        HookRegistration.Outcome outcome = registration.ensure();
        if (!outcome.configured()) {
            run.note(outcome.toString());
            return 0;
        }
        run.read(HookScope.values().length);
        run.written(outcome.changed());
        String note = outcome.toString();
        if (outcome.reactivated() > 0 || outcome.created() > 0) {
            Optional<Instant> last = Tx.read(hub, c -> ReceivedEventStore.lastEventAt(c, HookScope.Subject.ORDER));
            if (last.isPresent()) {
                Tx.inTransaction(hub, c -> watermarks.rewind(c, ORDERS_TASK, last.get(), clock.instant()));
                trigger.fire(ORDERS_TASK, Trigger.FOLLOW_UP);
                note += "; " + ORDERS_TASK + " asked to poll from the last order event received, " + last.get();
            }
        }
        int forgotten = Tx.inTransaction(hub, c -> ReceivedEventStore.forgetBefore(c, clock.instant().minus(KEEP_HASHES)));
        if (forgotten > 0) {
            note += "; " + forgotten + " event hash(es) older than " + KEEP_HASHES.toDays() + " days forgotten";
        }
        run.note(note);
        return outcome.changed();
    }
}
