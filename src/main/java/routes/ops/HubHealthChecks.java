package routes.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import routes.storefront.Storefront;

/** SyncHub's own health checks, beside Camel's: readiness (hub DB, storefront) and task freshness. */
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
    }

    /** The hub database answers. */
    public static final class HubDatabase extends Readiness {
        private final Supplier<String> problem;

        /** @param problem why the hub database does not answer now, or null when it does */
        public HubDatabase(Supplier<String> problem) {
            super("hub-database");
            this.problem = problem;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            String why = problem.get();
            if (why == null) {
                builder.up();
            } else {
                builder.down().message(why);
            }
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
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            if (Duration.between(checkedAt, clock.instant()).toSeconds() >= 60 || problem != null) {
                try {
                    storefront.findProductIdBySku("synchub-health-probe");
                    problem = null;
                } catch (RuntimeException e) {
                    problem = storefront.name() + " unreachable: " + e.getMessage();
                }
                checkedAt = clock.instant();
            }
            if (problem == null) {
                builder.up();
            } else {
                builder.down().message(problem);
            }
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
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            List<Freshness.Stale> stale = freshness.staleTasks();
            if (stale.isEmpty()) {
                builder.up();
            } else {
                builder.down().message("stale: " + stale.stream().map(Freshness.Stale::reason).collect(Collectors.joining("; ")));
                builder.detail("stale.tasks", stale.stream().map(Freshness.Stale::taskId).collect(Collectors.joining(",")));
            }
        }
    }
}
