package routes.task;

import routes.platform.ColumnValue;

/** Where a run is, as {@code task_run.status} and the API's run {@code status} spell it. */
public enum RunStatus implements ColumnValue {
    QUEUED,
    RUNNING,
    OK,
    FAILED,
    /** Ended without failing, but items were rejected that the task's bean says the run must not hide (a partner
     *  file's bad rows): counts as done for freshness and sequences, never as plain ok. */
    PARTIAL,
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

    /** Ended without failing: ok, or partial (rejected items reported). */
    public boolean succeeded() {
        return this == OK || this == PARTIAL;
    }

    public static RunStatus of(String column) {
        return ColumnValue.of(RunStatus.class, "run status", column);
    }
}
