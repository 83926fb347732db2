package routes.task;

import routes.platform.ColumnValue;

/**
 * How a task is started, as its route's {@code group}, {@code task.kind} and the API's task {@code kind} spell it.
 * A route whose group is none of these is not a task.
 */
public enum TaskKind implements ColumnValue {
    /** Runs on its schedule (and on demand). */
    SCHEDULED,
    /** A stage another task starts when it found work ({@code synchub.task.<id>.driven-by}). */
    AS_NEEDED,
    /** Runs when its input arrives (files, webhooks, jobs). */
    EVENT;

    @Override
    public String column() {
        return ColumnValue.lowerHyphen(this);
    }

    /** True when a route group names a task kind. */
    public static boolean isKind(String group) {
        for (TaskKind kind : values()) {
            if (kind.column().equals(group)) {
                return true;
            }
        }
        return false;
    }

    public static TaskKind of(String column) {
        return ColumnValue.of(TaskKind.class, "task kind", column);
    }
}
