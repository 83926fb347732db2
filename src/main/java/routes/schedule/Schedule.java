package routes.schedule;

import java.util.List;

/**
 * A task's schedule as persisted (JSON, see {@link ScheduleJson}) and changeable at runtime.
 * All wall-clock times are in the account time zone, which the {@link Planner} is given.
 *
 * <p>Instances are immutable and validated on construction: an invalid value throws {@link InvalidSchedule}.
 */
public sealed interface Schedule permits DefaultSchedule, IntervalSchedule, DailySchedule, CronSchedule {

    /** The JSON {@code type}: "default", "interval", "daily" or "cron". */
    String type();

    /** Black-out windows; only interval schedules have any. */
    default List<BlackoutWindow> blackouts() {
        return List.of();
    }
}
