package routes.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import routes.schedule.Freshness;
import routes.storefront.Storefront;
import routes.task.RunWatchdog;

/** SyncHub's own health checks, beside Camel's: readiness (hub DB, storefront), task freshness and stuck runs. */
public final class HubHealthChecks {

    private HubHealthChecks() {
    }

    /** SyncHub's checks say whether it can do its work now (readiness), never whether to restart it (liveness). */
    abstract static class Readiness extends AbstractHealthCheck {
        Readiness(String id) {
            super("synchub", id);
        }

        @Override
        public final boolean isLiveness() {
            return false;
        }

        @Override
        protected final void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            Map<String, Object> details = new LinkedHashMap<>();
            String problem = problem(details);
            if (problem == null) {
                builder.up();
            } else {
                builder.down().message(problem);
            }
            details.forEach(builder::detail);
        }

        /** Why SyncHub cannot do this part of its work now (null when it can), with any details for the report. */
        protected abstract String problem(Map<String, Object> details);
    }

    /** The hub database answers. */
    public static final class HubDatabase extends Readiness {
        private final Supplier<String> probe;

        /** @param probe why the hub database does not answer now, or null when it does */
        public HubDatabase(Supplier<String> probe) {
            super("hub-database");
            this.probe = probe;
        }

        @Override
        protected String problem(Map<String, Object> details) {
            return probe.get();
        }
    }

    /** The storefront answers an authenticated call (checked at most once a minute: it costs an API call). */
    public static final class StorefrontReachable extends Readiness {
        private final Storefront storefront;
        private final Clock clock;
        private volatile Instant checkedAt = Instant.EPOCH;
        private volatile String problem = "not checked yet";

        public StorefrontReachable(Storefront storefront, Clock clock) {
            super("storefront");
            this.storefront = storefront;
            this.clock = clock;
        }

        @Override
        protected String problem(Map<String, Object> details) {
            if (Duration.between(checkedAt, clock.instant()).toSeconds() >= 60 || problem != null) {
                try {
                    storefront.findProductIdBySku("synchub-health-probe");
                    problem = null;
                } catch (RuntimeException e) {
                    problem = storefront.name() + " unreachable: " + e.getMessage();
                }
                checkedAt = clock.instant();
            }
            return problem;
        }
    }

    /** Every scheduled task succeeded within its staleness limit. */
    public static final class TaskFreshness extends Readiness {
        private final Freshness freshness;

        public TaskFreshness(Freshness freshness) {
            super("task-freshness");
            this.freshness = freshness;
        }

        @Override
        protected String problem(Map<String, Object> details) {
            List<Freshness.Stale> stale = freshness.staleTasks();
            if (stale.isEmpty()) {
                return null;
            }
            details.put("stale.tasks", stale.stream().map(Freshness.Stale::taskId).collect(Collectors.joining(",")));
            return "stale: " + stale.stream().map(Freshness.Stale::reason).collect(Collectors.joining("; "));
        }
    }

    /** No run is past its task's limit (synchub.task.<id>.max-run): a stuck run holds its task. */
    public static final class StuckRuns extends Readiness {
        private final RunWatchdog watchdog;

        public StuckRuns(RunWatchdog watchdog) {
            super("stuck-runs");
            this.watchdog = watchdog;
        }

        @Override
        protected String problem(Map<String, Object> details) {
            List<RunWatchdog.Stuck> stuck = watchdog.stuck();
            if (stuck.isEmpty()) {
                return null;
            }
            details.put("stuck.tasks", stuck.stream().map(RunWatchdog.Stuck::taskId).distinct().collect(Collectors.joining(",")));
            details.put("stuck.runs", stuck.stream().map(s -> String.valueOf(s.runId())).collect(Collectors.joining(",")));
            return "stuck: " + stuck.stream().map(RunWatchdog.Stuck::reason).collect(Collectors.joining("; "));
        }
    }
}
