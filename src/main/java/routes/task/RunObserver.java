package routes.task;

/** Told when a task run ends (or a fire is skipped): metrics listen here. */
@FunctionalInterface
public interface RunObserver {

    void ended(String taskId, RunStatus status, RunCounters counters);

    RunObserver NONE = (task, status, counters) -> { };
}
