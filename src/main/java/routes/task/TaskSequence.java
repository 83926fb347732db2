package routes.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Runs other tasks one after another for a sequence task ("sync-all", "full"): each step through
 * {@link TaskTrigger#runQueued} (it queues behind a run in progress, never beside it) with the sequence's run id as
 * the step run's cycle id, waited for through the {@link RunWatchdog} (a step past its task's max-run is stuck and
 * ends the wait), then checked by the step run's status in the run history. A step that does not end ok, or is stuck,
 * stops the sequence; the sequence's run fails naming the step, its run and why.
 */
public class TaskSequence {

    /**
     * The steps of each sequence task: stages in order (a failure names its stage), the tasks of one stage in order.
     * Sync All: 1 orders storefront -> hub, 2 orders hub -> back office, 3 back-office data -> hub, 4 hub data -> storefront.
     */
    public static final Map<String, List<List<String>>> STEPS = Map.of(
            "sync-all", List.of(
                    List.of("orders-in"),
                    List.of("orders-out"),
                    List.of("items", "variants", "stock", "invoices", "purchase-orders"),
                    List.of("catalog-push", "stock-push")),
            "full", List.of(
                    List.of("items"),
                    List.of("variants"),
                    List.of("stock"),
                    List.of("purchase-orders"),
                    List.of("invoices")));

    private final TaskTrigger trigger;
    private final RunHistory runs;
    private final Map<String, List<List<String>>> steps;
    private final RunWatchdog watchdog;

    /** {@code watchdog}: how long a step may take (its task's max-run); a stuck step ends the sequence. */
    public TaskSequence(TaskTrigger trigger, RunHistory runs, Map<String, List<List<String>>> steps, RunWatchdog watchdog) {
        this.trigger = trigger;
        this.runs = runs;
        this.steps = Map.copyOf(steps);
        this.watchdog = watchdog;
    }

    public void run(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                    @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        List<List<String>> stages = stages(taskId);
        List<String> done = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            for (String step : stages.get(i)) {
                TaskTrigger.Queued queued = trigger.runQueued(step, Trigger.CYCLE, run.runId());
                Exchange finished;
                try {
                    finished = watchdog.await(queued.runId(), queued.done());
                } catch (RunWatchdog.RunStuck e) {
                    throw new StepFailed(taskId + " stopped at step " + (i + 1) + " of " + stages.size() + ": "
                            + e.getMessage() + (done.isEmpty() ? "" : " (done before it: " + String.join(", ", done) + ")"));
                }
                Long stepRun = finished.getMessage().getHeader(TaskTrigger.RUN_ID, Long.class);
                RunHistory.Run result = stepRun == null ? null : runs.get(stepRun).map(RunHistory.RunDetail::run).orElse(null);
                if (result == null || !RunStatus.of(result.status()).succeeded()) {
                    throw new StepFailed(taskId + " stopped at step " + (i + 1) + " of " + stages.size() + ": task '"
                            + step + "' run " + stepRun + " " + (result == null ? "has no record" : result.status())
                            + (result == null || result.message() == null ? "" : ": " + result.message())
                            + (done.isEmpty() ? "" : " (done before it: " + String.join(", ", done) + ")"));
                }
                done.add(step);
                run.written(1);
            }
        }
        run.total(done.size());
        run.note("ran " + String.join(", ", done));
    }

    /** The stages of sequence task {@code taskId}. */
    public List<List<String>> stages(String taskId) {
        List<List<String>> stages = steps.get(taskId);
        if (stages == null) {
            throw new IllegalArgumentException("task '" + taskId + "' calls taskSequence but has no steps; sequence tasks: "
                    + new TreeSet<>(steps.keySet()));
        }
        return stages;
    }

    /** A step of a sequence did not end ok. */
    public static final class StepFailed extends RuntimeException {
        public StepFailed(String message) {
            super(message);
        }
    }
}
