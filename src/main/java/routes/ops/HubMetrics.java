package routes.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.changelog.PushObserver;
import routes.storefront.RateBudget;
import routes.task.RunCounters;
import routes.task.RunObserver;
import routes.task.RunStatus;
import routes.task.RunWatchdog;

/**
 * SyncHub's own meters, in the registry Camel scrapes at /observe/metrics: runs by task and status, items written,
 * held changes, dead letters and stuck runs (read from the hub DB at scrape time), change-to-storefront push latency,
 * and rate-limit waits.
 */
public class HubMetrics implements RunObserver, PushObserver {

    private final Clock clock;
    private volatile MeterRegistry registry;

    public HubMetrics(Clock clock) {
        this.clock = clock;
    }

    /** Binds to Camel's meter registry (it exists once the context has started). */
    public void bind(MeterRegistry registry, ChangeLog changeLog, DeadLetters deadLetters, RateBudget rateBudget) {
        for (EntityType type : EntityType.values()) {
            Gauge.builder("synchub.held.changes", changeLog, log -> log.pending(type))
                    .description("Changes waiting to reach the storefront (held while paused, or not sent yet)")
                    .tag("entity_type", type.column()).register(registry);
        }
        Gauge.builder("synchub.dead.letters", deadLetters, letters -> letters.count("PARKED"))
                .description("Failures parked for replay").register(registry);
        if (rateBudget != null) {
            FunctionCounter.builder("synchub.rate.limit.waits", rateBudget, RateBudget::windowsWaited)
                    .description("Times a storefront call waited out a rate-limit window").register(registry);
        }
        this.registry = registry;
    }

    /** synchub_runs_stuck: runs past their task's limit, counted at scrape time. */
    public void bindStuckRuns(MeterRegistry registry, RunWatchdog watchdog) {
        Gauge.builder("synchub.runs.stuck", watchdog, w -> w.stuck().size())
                .description("Runs unfinished for longer than their task's limit (synchub.task.<id>.max-run)")
                .register(registry);
    }

    @Override
    public void ended(String taskId, RunStatus status, RunCounters counters) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        Counter.builder("synchub.runs").description("Task runs by task and status")
                .tag("task", taskId).tag("status", status.column()).register(r).increment();
        Counter.builder("synchub.items.written").description("Items a task wrote (to the hub or the storefront)")
                .tag("task", taskId).register(r).increment(counters.written());
        Counter.builder("synchub.items.failed").description("Items a task could not take")
                .tag("task", taskId).register(r).increment(counters.failed());
    }

    @Override
    public void pushed(EntityType entityType, List<Instant> changedAt) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        Timer latency = Timer.builder("synchub.push.latency")
                .description("From a change's commit in the hub to the storefront's acknowledgement")
                .tag("entity_type", entityType.column()).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1))
                .register(r);
        Instant now = clock.instant();
        for (Instant at : changedAt) {
            latency.record(Duration.between(at, now));
        }
        Counter.builder("synchub.items.pushed").description("Items the storefront acknowledged")
                .tag("entity_type", entityType.column()).register(r).increment(changedAt.size());
    }

    @Override
    public void synced(EntityType entityType, int items) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        Counter.builder("synchub.items.pushed").description("Items the storefront acknowledged")
                .tag("entity_type", entityType.column()).register(r).increment(items);
    }
}
