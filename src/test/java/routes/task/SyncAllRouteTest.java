package routes.task;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sync All as routes/sync-all.yaml declares it, with the real task policy, trigger and task sequence; each step task is
 * a stub instance of the task template that records its run (and fails when told to).
 */
class SyncAllRouteTest extends RouteTestSupport {

    private static final List<String> ORDER = List.of("orders-in", "orders-out", "items", "variants", "stock", "invoices",
            "purchase-orders", "catalog-push", "stock-push");

    /** Stub step: records which task ran; the task named {@link #failing} throws. */
    public static final class Steps {
        final List<String> ran = new CopyOnWriteArrayList<>();
        volatile String failing;

        public void run(@ExchangeProperty(TaskRunPolicy.TASK_ID) String task) {
            ran.add(task);
            if (task.equals(failing)) {
                throw new IllegalStateException("stub " + task + " refused");
            }
        }
    }

    private final Steps steps = new Steps();
    private final RouteTestHub hub = new RouteTestHub().withTaskSequence().stub("stubStep", steps);

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"sync-all.yaml"};
    }

    @Test
    void runsTheFourStagesInTheirOrderEachStepInTheCycle() throws Exception {
        addStepTasks();
        NotifyBuilder cycle = new NotifyBuilder(context).fromRoute("sync-all").whenDone(1).create();

        long cycleId = hub.trigger().fire("sync-all", Trigger.MANUAL);

        assertThat(cycle.matches(30, TimeUnit.SECONDS)).as("sync-all ended").isTrue();
        assertThat(steps.ran).containsExactlyElementsOf(ORDER);
        assertThat(hub.runsOf("sync-all")).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("ok");
            assertThat(run.message()).isEqualTo("ran " + String.join(", ", ORDER));
        });
        for (String step : ORDER) {
            assertThat(hub.runsOf(step)).as(step).singleElement().satisfies(run -> {
                assertThat(run.cycleId()).isEqualTo(cycleId);
                assertThat(run.trigger()).isEqualTo("cycle");
                assertThat(run.status()).isEqualTo("ok");
            });
        }
    }

    @Test
    void aFailedStepStopsTheCycleAndItsRunNamesTheStep() throws Exception {
        steps.failing = "stock";
        addStepTasks();
        NotifyBuilder cycle = new NotifyBuilder(context).fromRoute("sync-all").whenDone(1).create();

        hub.trigger().fire("sync-all", Trigger.MANUAL);

        assertThat(cycle.matches(30, TimeUnit.SECONDS)).as("sync-all ended").isTrue();
        assertThat(steps.ran).containsExactly("orders-in", "orders-out", "items", "variants", "stock");
        assertThat(hub.runsOf("sync-all")).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.message()).contains("step 3 of 4").contains("'stock'").contains("stub stock refused")
                    .contains("done before it: orders-in, orders-out, items, variants");
        });
        assertThat(hub.runsOf("stock")).singleElement().satisfies(run -> assertThat(run.status()).isEqualTo("failed"));
        for (String notRun : List.of("invoices", "purchase-orders", "catalog-push", "stock-push")) {
            assertThat(hub.runsOf(notRun)).as(notRun).isEmpty();
        }
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
