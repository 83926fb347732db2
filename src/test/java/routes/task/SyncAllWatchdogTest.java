package routes.task;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;
import routes.ops.HubHealthChecks;
import routes.ops.HubMetrics;
import routes.platform.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run watchdog with Sync All (routes/sync-all.yaml, routes/run-watchdog.yaml) on a clock the test moves: a step
 * that never ends is stuck once it has run longer than its task's max-run, and the cycle ends naming it; the stuck run
 * shows in the health check and the metric. No sleeps: the watchdog looks every 20 ms, the test moves the clock.
 */
class SyncAllWatchdogTest extends RouteTestSupport {

    /** Stub step: the task named {@link #hanging} does not end until the test lets it. */
    public static final class Steps {
        final CountDownLatch release = new CountDownLatch(1);
        volatile String hanging;

        public void run(@ExchangeProperty(TaskRunPolicy.TASK_ID) String task) throws InterruptedException {
            if (task.equals(hanging)) {
                release.await(60, TimeUnit.SECONDS);
            }
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC);
    private final Steps steps = new Steps();
    private final RouteTestHub hub = new RouteTestHub().withClock(clock).withTaskSequence().stub("stubStep", steps)
            // run-watchdog, like scheduler, names no route configuration: it gets the unnamed one (the API's errors)
            .stub("apiErrors", new routes.api.ApiErrors());

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"sync-all.yaml", "run-watchdog.yaml"};
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("synchub.watchdog.period-ms", "20");
        p.setProperty("synchub.task.stock.max-run", "30m");
        return p;
    }

    @AfterEach
    void releaseTheHangingStep() {
        steps.release.countDown();
    }

    @Test
    void aStepThatNeverEndsIsStuckAfterItsMaxRunAndEndsTheCycleWithTheReason() throws Exception {
        steps.hanging = "stock";
        addStepTasks();

        hub.trigger().fire("sync-all", Trigger.MANUAL);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(hub.runsOf("stock"))
                .singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("running")));
        clock.advance(Duration.ofMinutes(29));
        assertThat(hub.watchdog().stuck()).as("within its limit").isEmpty();
        assertThat(hub.runsOf("sync-all")).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("running"));

        clock.advance(Duration.ofMinutes(2));

        List<RunHistory.Run> cycle = hub.awaitEndedRuns("sync-all", 1);
        assertThat(cycle).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.message()).contains("step 3 of 4").contains("task 'stock'").contains("stuck")
                    .contains("limit PT30M (synchub.task.stock.max-run)")
                    .contains("done before it: orders-in, orders-out, items, variants");
        });
        long stockRun = hub.runsOf("stock").get(0).id();
        assertThat(hub.watchdog().stuck()).singleElement().satisfies(s -> {
            assertThat(s.taskId()).isEqualTo("stock");
            assertThat(s.runId()).isEqualTo(stockRun);
        });
        for (String notRun : List.of("invoices", "purchase-orders", "catalog-push", "stock-push")) {
            assertThat(hub.runsOf(notRun)).as(notRun).isEmpty();
        }

        // alerted: the health check names it, the metric counts it
        DefaultHealthCheckRegistry registry = new DefaultHealthCheckRegistry(context);
        HubHealthChecks.StuckRuns check = new HubHealthChecks.StuckRuns(hub.watchdog());
        check.setCamelContext(context);
        HealthCheck.Result result = check.call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry("stuck.tasks", "stock").containsEntry("stuck.runs", String.valueOf(stockRun));
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("task 'stock' run " + stockRun + " stuck"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new HubMetrics(clock).bindStuckRuns(meters, hub.watchdog());
        assertThat(meters.get("synchub.runs.stuck").gauge().value()).isEqualTo(1.0);
        assertThat(hub.watchdog().check()).isEqualTo(1);
        registry.stop();
        assertThat(board().find("stock")).hasValueSatisfying(t -> assertThat(t.state()).isEqualTo("stuck"));
        assertThat(board().find("items")).hasValueSatisfying(t -> assertThat(t.state()).isNotEqualTo("stuck"));

        // once it ends, nothing is stuck
        steps.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.watchdog().stuck().isEmpty());
    }

    @Test
    void theGlobalDefaultLimitsEveryTaskWithoutItsOwnAndAnUnknownDurationIsNamed() {
        RunLimits limits = new RunLimits(key -> java.util.Optional.ofNullable(Map.of(
                "synchub.task.max-run", "90m", "synchub.task.stock.max-run", "PT10M").get(key)));
        assertThat(limits.of("stock")).isEqualTo(Duration.ofMinutes(10));
        assertThat(limits.of("items")).isEqualTo(Duration.ofMinutes(90));
        assertThat(new RunLimits(key -> java.util.Optional.empty()).of("items")).isEqualTo(RunLimits.DEFAULT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunLimits(key -> java.util.Optional.of("soon")))
                .hasMessageContaining("synchub.task.max-run").hasMessageContaining("'soon' is not a duration");
    }

    /** The task tiles as the dashboard gets them, on this test's hub, runs, watchdog and clock. */
    private routes.schedule.TaskBoard board() {
        TaskCatalog catalog = new TaskCatalog(context);
        routes.schedule.TaskScheduler scheduler = new routes.schedule.TaskScheduler(hub.hubDb(),
                new routes.schedule.Planner(ZoneOffset.UTC), clock, catalog, hub.trigger(), hub.runs(),
                routes.schedule.ScheduleJson.parse("{\"type\":\"interval\",\"minutes\":15}"), Map.of(), Map.of());
        return new routes.schedule.TaskBoard(catalog, scheduler,
                new routes.schedule.Freshness(catalog, scheduler, hub.runs(), clock), hub.runs(), hub.watchdog(), clock);
    }

    /** Every step of Sync All as a task on the task template whose work is the stub. */
    private void addStepTasks() throws Exception {
        for (List<String> stage : TaskSequence.STEPS.get("sync-all")) {
            for (String step : stage) {
                context.addRouteFromTemplate(step, TaskContract.TEMPLATE,
                        Map.of("id", step, "description", "stub " + step, "steps", "bean:stubStep?method=run"));
            }
        }
    }
}
