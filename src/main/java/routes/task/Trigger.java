package routes.task;

import routes.platform.ColumnValue;

/** What asked for a run, as {@code task_run.run_trigger}, the API's run {@code trigger} and the trigger header spell it. */
public enum Trigger implements ColumnValue {
    /** The scheduler's tick (also a fire without the header). */
    SCHEDULE("schedule"),
    /** An operator: REST, JMX or the dashboard. */
    MANUAL("manual"),
    /** A peer or a change: the order webhook, a stock change, a resume. */
    EVENT("event"),
    /** A step of a sequence task (Sync All, full). */
    CYCLE("cycle"),
    /** A task's route starting the next task (a stage, a push after a pull). */
    FOLLOW_UP("follow-up"),
    /** A dead letter replayed. */
    REPLAY("replay");

    private final String column;

    Trigger(String column) {
        this.column = column;
    }

    @Override
    public String column() {
        return column;
    }

    public static Trigger of(String column) {
        return ColumnValue.of(Trigger.class, "trigger", column);
    }
}
