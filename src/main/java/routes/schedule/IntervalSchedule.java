package routes.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code {"type":"interval","minutes":15,"blackouts":[...]}}: every {@code minutes} minutes (1..1440) of real time,
 * anchored at local midnight of 2000-01-01 in the account zone, except while a black-out window covers the fire.
 */
public record IntervalSchedule(int minutes, List<BlackoutWindow> blackouts) implements Schedule {

    public static final int MIN_MINUTES = 1;
    public static final int MAX_MINUTES = 1440;
    /** More windows than a week has uses for; the cap keeps parsing and planning cheap. */
    public static final int MAX_BLACKOUTS = 50;

    public IntervalSchedule {
        if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
            throw new InvalidSchedule("minutes", String.valueOf(minutes),
                    "must be a whole number of minutes from " + MIN_MINUTES + " to " + MAX_MINUTES, "15");
        }
        List<BlackoutWindow> copy = new ArrayList<>();
        if (blackouts != null && blackouts.size() > MAX_BLACKOUTS) {
            throw new InvalidSchedule("blackouts", blackouts.size() + " windows",
                    "at most " + MAX_BLACKOUTS + " black-out windows; merge overlapping ones", "[]");
        }
        if (blackouts != null) {
            for (int i = 0; i < blackouts.size(); i++) {
                BlackoutWindow w = blackouts.get(i);
                if (w == null) {
                    throw new InvalidSchedule("blackouts[" + i + "]", "null", "must be a black-out window object",
                            "{\"from\":\"22:00\",\"to\":\"04:00\",\"days\":[\"MON\"]}");
                }
                copy.add(w);
            }
        }
        blackouts = Collections.unmodifiableList(copy);
    }

    /** Every {@code minutes} minutes, no black-out windows. */
    public IntervalSchedule(int minutes) {
        this(minutes, List.of());
    }

    @Override
    public String type() {
        return "interval";
    }
}
