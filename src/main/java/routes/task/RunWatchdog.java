package routes.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices runs that hang: a run unfinished for longer than its task's limit ({@link RunLimits}, by the injected clock)
 * is stuck. Route run-watchdog calls {@link #check} every {@code synchub.watchdog.period-ms} (one warning per stuck
 * run); the health check, the metric synchub_runs_stuck and the task tile ask {@link #stuck} / {@link #overdue}; Sync
 * All waits for each step through {@link #await}, which ends the wait once the step is stuck.
 */
public class RunWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger("synchub.runs");

    /** A run past its task's limit. */
    public record Stuck(String taskId, long runId, Instant startedAt, Duration running, Duration limit) {

        public String reason() {
            return "task '" + taskId + "' run " + runId + " stuck: unfinished for " + running + " since " + startedAt
                    + ", longer than its limit " + limit + " (" + RunLimits.key(taskId) + ")";
        }
    }

    /** A waited-for run became stuck. */
    public static final class RunStuck extends RuntimeException {
        private final transient Stuck stuck;

        RunStuck(Stuck stuck) {
            super(stuck.reason());
            this.stuck = stuck;
        }

        public Stuck stuck() {
            return stuck;
        }
    }

    private final RunHistory runs;
    private final RunLimits limits;
    private final Clock clock;
    private final Duration period;
    private final Set<Long> alerted = ConcurrentHashMap.newKeySet();

    /** {@code period}: how often {@link #await} looks at the clock (the route's period is the same setting). */
    public RunWatchdog(RunHistory runs, RunLimits limits, Clock clock, Duration period) {
        this.runs = runs;
        this.limits = limits;
        this.clock = clock;
        this.period = period;
    }

    /** The running runs past their limit now, oldest first. */
    public List<Stuck> stuck() {
        return runs.list(null, RunStatus.RUNNING, 1000).stream().map(this::overdue).flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparingLong(Stuck::runId)).toList();
    }

    /** {@code run} as stuck, when it is unfinished and past its task's limit. */
    public Optional<Stuck> overdue(RunHistory.Run run) {
        if (run == null || !RunStatus.of(run.status()).unfinished() || run.startedAt() == null) {
            return Optional.empty();
        }
        Instant startedAt = Instant.parse(run.startedAt());
        Duration running = Duration.between(startedAt, clock.instant());
        Duration limit = limits.of(run.task());
        return running.compareTo(limit) > 0
                ? Optional.of(new Stuck(run.task(), run.id(), startedAt, running, limit)) : Optional.empty();
    }

    /** Route run-watchdog's step: warns once about each run that became stuck; returns how many are stuck. */
    public int check() {
        List<Stuck> now = stuck();
        for (Stuck s : now) {
            if (alerted.add(s.runId())) {
                LOG.warn("{} (it holds its task: no other run of it starts until it ends)", s.reason());
            }
        }
        alerted.retainAll(now.stream().map(Stuck::runId).toList());
        return now.size();
    }

    /**
     * Waits for run {@code runId} to end ({@code done}), looking at the clock every period; throws {@link RunStuck}
     * once the run (queued or running) is past its task's limit. The run itself goes on: only the wait ends.
     */
    public Exchange await(long runId, Future<Exchange> done) {
        while (true) {
            try {
                return done.get(period.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Optional<Stuck> stuck = runs.get(runId).map(RunHistory.RunDetail::run).flatMap(this::overdue);
                if (stuck.isPresent()) {
                    throw new RunStuck(stuck.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for run " + runId, e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }
}
