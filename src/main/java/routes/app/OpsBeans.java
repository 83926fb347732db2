package routes.app;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.RouteControllerHealthCheck;
import org.apache.camel.spi.Registry;
import routes.api.AdminApi;
import routes.api.ApiErrors;
import routes.ops.Dashboard;
import routes.ops.HubHealthChecks;
import routes.ops.HubMetrics;
import routes.ops.JmxControls;
import routes.platform.HubDatabase;
import routes.schedule.Freshness;
import routes.schedule.TaskBoard;
import routes.storefront.RateBudget;
import routes.storefront.Storefront;

/** The admin API, dashboard, freshness, health checks, metrics and JMX. */
final class OpsBeans {

    private OpsBeans() {
    }

    /** The admin API and its error answers, the dashboard, freshness and the health checks. */
    static TaskBoard bindApi(HubFoundation hub, TaskBeans tasks, ChangeLogBeans changes, Storefront storefront) {
        Registry registry = hub.registry();
        Freshness freshness = new Freshness(tasks.catalog(), tasks.scheduler(), tasks.runs(), hub.clock());
        registry.bind("freshness", freshness);
        TaskBoard board = new TaskBoard(tasks.catalog(), tasks.scheduler(), freshness, tasks.runs(), tasks.watchdog(),
                hub.clock());
        registry.bind("adminApi", new AdminApi(tasks.catalog(), board, tasks.runs(),
                changes.deadLetters(), tasks.scheduler(), tasks.trigger(), hub.clock()));
        registry.bind("apiErrors", new ApiErrors());
        registry.bind("dashboard", new Dashboard());
        HealthCheckRegistry health = HealthCheckHelper.getHealthCheckRegistry(hub.context());
        if (health != null) {
            health.register(new HubHealthChecks.HubDatabase(() -> HubDatabase.problem(hub.hub(), 2)));
            health.register(new HubHealthChecks.StorefrontReachable(storefront, hub.clock()));
            health.register(new HubHealthChecks.TaskFreshness(freshness));
            health.register(new HubHealthChecks.StuckRuns(tasks.watchdog()));
            // Camel's route-controller check, registered by hand: camel.main.load-health-checks=false spares the
            // classpath scan that would find it (it is the only check that scan adds)
            if (health.getCheck("route-controller").isEmpty()) {
                health.register(new RouteControllerHealthCheck());
            }
        }
        return board;
    }

    /**
     * Metrics and JMX, and what waits for the context: the sandbox back office's opening, then (once fully started)
     * the task MBeans and the meters.
     */
    static void bindMonitoring(HubFoundation hub, TaskBeans tasks, TaskBoard board, ChangeLogBeans changes, SyncTaskBeans.Pushes pushes,
                               ChangePipelineBeans pipeline, RateBudget rateBudget, BackOfficeBeans backOffice) throws Exception {
        CamelContext context = hub.context();
        HubMetrics metrics = new HubMetrics(hub.clock());
        tasks.policy().setObserver(metrics);
        pushes.stock().setObserver(metrics);
        pushes.images().setObserver(metrics);
        pipeline.syncNowDelivery().setObserver(metrics);
        JmxControls jmx = new JmxControls(context, tasks.catalog(), board, tasks.scheduler(), tasks.trigger(), pipeline.changeApi());
        context.addService(jmx);
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                backOffice.awaitSandboxBackOffice();
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                // the task MBeans need the task routes, and the meters Camel's registry: both exist only now
                jmx.registerAll();
                MeterRegistry meters = started.getRegistry().findSingleByType(MeterRegistry.class);
                if (meters != null) {
                    metrics.bind(meters, changes.changeLog(), changes.deadLetters(), rateBudget);
                    metrics.bindStuckRuns(meters, tasks.watchdog());
                }
            }
        });
    }
}
