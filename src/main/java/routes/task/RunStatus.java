package routes.task;

import routes.platform.ColumnValue;

/** Where a run is, as {@code task_run.status} and the API's run {@code status} spell it. */
public enum RunStatus implements ColumnValue {
    QUEUED("queued"),
    RUNNING("running"),
    OK("ok"),
    FAILED("failed"),
    /** A fire that did not run (a black-out), recorded with why. */
    SKIPPED("skipped");

    private final String column;

    RunStatus(String column) {
        this.column = column;
    }

    @Override
    public String column() {
        return column;
    }

    /** Queued or running: the run has not ended. */
    public boolean unfinished() {
        return this == QUEUED || this == RUNNING;
    }

    public static RunStatus of(String column) {
        return ColumnValue.of(RunStatus.class, "run status", column);
    }
}
