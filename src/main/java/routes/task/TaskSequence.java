package routes.task;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Runs other tasks one after another for a sequence task ("sync-all", "full"): each step through
 * {@link TaskTrigger#runAndWait} (it queues behind a run in progress, never beside it) with the sequence's run id as
 * the step run's cycle id, then checked by the step run's status in the run history. A step that does not end ok
 * stops the sequence; the sequence's run fails naming the step, its run and why.
 */
public class TaskSequence {

    /**
     * Header listing the steps: stages separated by {@code |}, the tasks of one stage by {@code ,}. The built-in routes
     * pass the list as the first argument instead ({@code bean:taskSequence?method=run('a | b, c', *, *)}).
     */
    public static final String STEPS = "SyncHubSteps";

    private final TaskTrigger trigger;
    private final RunHistory runs;

    public TaskSequence(TaskTrigger trigger, RunHistory runs) {
        this.trigger = trigger;
        this.runs = runs;
    }

    public void run(@Header(STEPS) String steps, @ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                    @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        List<List<String>> stages = parse(steps);
        List<String> done = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            for (String step : stages.get(i)) {
                Exchange finished = trigger.runAndWait(step, "cycle", run.runId());
                Long stepRun = finished.getMessage().getHeader(TaskTrigger.RUN_ID, Long.class);
                RunHistory.Run result = stepRun == null ? null : runs.get(stepRun).map(RunHistory.RunDetail::run).orElse(null);
                if (result == null || !"ok".equals(result.status())) {
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

    static List<List<String>> parse(String steps) {
        if (steps == null || steps.isBlank()) {
            throw new IllegalArgumentException("no steps: the route must list the steps to run (run('a | b, c', *, *) or header "
                    + STEPS + ")");
        }
        List<List<String>> stages = new ArrayList<>();
        for (String stage : steps.split("\\|")) {
            List<String> tasks = new ArrayList<>();
            for (String task : stage.split(",")) {
                if (!task.isBlank()) {
                    tasks.add(task.trim());
                }
            }
            if (!tasks.isEmpty()) {
                stages.add(tasks);
            }
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
