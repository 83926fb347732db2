package routes.app;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import routes.api.DriftApi;
import routes.changelog.PauseSwitches;
import routes.drift.DriftRepair;
import routes.drift.DriftReport;
import routes.drift.Reconcile;
import routes.ops.DriftMonitor;
import routes.platform.Settings;
import routes.storefront.BigCommerceClient;
import routes.storefront.Storefront;

/**
 * The drift report: task {@code reconcile} ({@code reconcile}), its admin API ({@code driftApi}), the health check
 * {@code synchub/drift} and, once Camel's meter registry exists, gauge {@code synchub_drift_items}.
 */
final class DriftBeans {

    private DriftBeans() {
    }

    static void bind(HubFoundation hub, ChangeLogBeans changes, Storefront storefront, PushSettings push, TaskBeans tasks)
            throws Exception {
        Settings settings = hub.settings();
        int pageSize = settings.integer("synchub.drift.page-size", 250, 1, BigCommerceClient.INVENTORY_ITEMS_PER_PAGE);
        DriftReport report = new DriftReport(hub.hub(), settings.integer("synchub.drift.threshold", 0, 0, 100_000_000));
        hub.registry().bind("reconcile", new Reconcile(storefront, hub.hub(), push.locations(), hub.clock(), pageSize));
        hub.registry().bind("driftApi", new DriftApi(report,
                new DriftRepair(hub.hub(), changes.changeLog(), hub.clock(), pageSize), tasks.trigger(),
                new PauseSwitches(hub.hub(), hub.clock())));
        DriftMonitor monitor = new DriftMonitor(report);
        CamelContext context = hub.context();
        HealthCheckRegistry health = HealthCheckHelper.getHealthCheckRegistry(context);
        if (health != null) {
            health.register(monitor);
        }
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                MeterRegistry meters = started.getRegistry().findSingleByType(MeterRegistry.class);
                if (meters != null) {
                    monitor.bind(meters);
                }
            }
        });
    }
}
