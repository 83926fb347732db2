package routes.task;

import routes.platform.ColumnValue;

/** What asked for a run, as {@code task_run.run_trigger}, the API's run {@code trigger} and the trigger header spell it. */
public enum Trigger implements ColumnValue {
    /** The scheduler's tick (also a fire without the header). */
    SCHEDULE,
    /** An operator: REST, JMX or the dashboard. */
    MANUAL,
    /** A peer or a change: the order webhook, a stock change, a resume. */
    EVENT,
    /** A step of a sequence task (Sync All, full). */
    CYCLE,
    /** A task's route starting the next task (a stage, a push after a pull). */
    FOLLOW_UP,
    /** A dead letter replayed. */
    REPLAY;

    @Override
    public String column() {
        return ColumnValue.lowerHyphen(this);
    }

    public static Trigger of(String column) {
        return ColumnValue.of(Trigger.class, "trigger", column);
    }
}
