package routes.schedule;

import java.time.LocalTime;

/**
 * {@code {"type":"daily","at":"00:00"}}: exactly one fire per local date at {@code at} (whole minutes).
 * See {@link Planner#nextPlanned} for the DST rules.
 */
public record DailySchedule(LocalTime at) implements Schedule {

    public DailySchedule {
        if (at == null) {
            throw new InvalidSchedule("at", null, "a daily schedule needs the local time of day to run, as \"HH:mm\"",
                    "\"00:00\"");
        }
        if (at.getSecond() != 0 || at.getNano() != 0) {
            throw new InvalidSchedule("at", "\"" + at + "\"", "must be whole minutes (\"HH:mm\")", "\"00:00\"");
        }
    }

    @Override
    public String type() {
        return "daily";
    }
}
