package routes.ops;

import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import routes.drift.DriftReport;

/**
 * The drift report for monitoring: gauge {@code synchub_drift_items} (read from the hub DB at scrape time) and health
 * check {@code synchub/drift}. Drift does not stop SyncHub's work, so the check stays UP; its details carry the count,
 * and above {@code synchub.drift.threshold} a {@code drift} detail saying so and what to do.
 */
public final class DriftMonitor extends AbstractHealthCheck {

    private final DriftReport report;

    public DriftMonitor(DriftReport report) {
        super("synchub", "drift");
        this.report = report;
    }

    public void bind(MeterRegistry registry) {
        Gauge.builder("synchub.drift.items", report, DriftReport::count)
                .description("Storefront levels that differ from the hub, as task reconcile last found them")
                .register(registry);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        try {
            long count = report.count();
            builder.detail("drift.items", count);
            builder.detail("drift.threshold", report.threshold());
            String problem = report.problem(count);
            if (problem != null) {
                builder.detail("drift", problem);
                builder.message(problem);
            }
        } catch (RuntimeException e) {
            builder.detail("drift", "drift report unreadable: " + e.getMessage());
        }
    }
}
