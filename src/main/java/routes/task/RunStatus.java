package routes.task;

import routes.platform.ColumnValue;

/** Where a run is, as {@code task_run.status} and the API's run {@code status} spell it. */
public enum RunStatus implements ColumnValue {
    QUEUED,
    RUNNING,
    OK,
    FAILED,
    /** A fire that did not run (a black-out), recorded with why. */
    SKIPPED;

    @Override
    public String column() {
        return ColumnValue.lowerHyphen(this);
    }

    /** Queued or running: the run has not ended. */
    public boolean unfinished() {
        return this == QUEUED || this == RUNNING;
    }

    public static RunStatus of(String column) {
        return ColumnValue.of(RunStatus.class, "run status", column);
    }
}
