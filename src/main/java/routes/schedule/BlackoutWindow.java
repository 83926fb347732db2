package routes.schedule;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A black-out window in local wall-clock time: {@code from} inclusive, {@code to} exclusive, whole minutes.
 * {@code from > to} means the window crosses midnight (22:00–04:00). {@code from == to} is refused.
 * {@code days} are the weekdays on which the window STARTS (a MON 22:00–04:00 window covers Monday 22:00 to
 * Tuesday 04:00); empty means every day.
 *
 * <p>Coverage is judged on local wall time only, so DST needs no special case: on the fall-back day both
 * occurrences of 02:xx are inside a 01:00–03:00 window (3 real hours), on the spring-forward day the window
 * lasts 1 real hour.
 */
public record BlackoutWindow(LocalTime from, LocalTime to, Set<DayOfWeek> days) {

    static final String EXAMPLE = "{\"from\":\"22:00\",\"to\":\"04:00\",\"days\":[\"MON\",\"TUE\"]}";

    public BlackoutWindow {
        if (from == null) {
            throw new InvalidSchedule("from", null, "a black-out window needs its local start time \"HH:mm\" (inclusive)",
                    "\"22:00\"");
        }
        if (to == null) {
            throw new InvalidSchedule("to", null, "a black-out window needs its local end time \"HH:mm\" (exclusive)",
                    "\"04:00\"");
        }
        if (from.getSecond() != 0 || from.getNano() != 0) {
            throw new InvalidSchedule("from", "\"" + from + "\"", "must be whole minutes (\"HH:mm\")", "\"22:00\"");
        }
        if (to.getSecond() != 0 || to.getNano() != 0) {
            throw new InvalidSchedule("to", "\"" + to + "\"", "must be whole minutes (\"HH:mm\")", "\"04:00\"");
        }
        if (from.equals(to)) {
            throw new InvalidSchedule("to", "\"" + ScheduleJson.time(to) + "\"",
                    "must differ from \"from\" (" + ScheduleJson.time(from) + "): an empty window is meaningless; "
                            + "a window may cross midnight, e.g. 22:00 to 04:00",
                    "\"04:00\"");
        }
        if (days == null || days.isEmpty()) {
            days = Set.of();
        } else {
            if (days.contains(null)) {
                throw new InvalidSchedule("days", "null", "weekdays must be MON, TUE, WED, THU, FRI, SAT or SUN",
                        "[\"MON\",\"TUE\"]");
            }
            days = Collections.unmodifiableSet(EnumSet.copyOf(days));
        }
    }

    /** A window on every day. */
    public BlackoutWindow(LocalTime from, LocalTime to) {
        this(from, to, Set.of());
    }

    /** Convenience: {@code of("22:00", "04:00", MONDAY, TUESDAY)}; no days = every day. */
    public static BlackoutWindow of(String from, String to, DayOfWeek... days) {
        return new BlackoutWindow(LocalTime.parse(from), LocalTime.parse(to),
                days.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(days)));
    }

    /** True when the window crosses local midnight (from &gt; to). */
    public boolean crossesMidnight() {
        return from.isAfter(to);
    }

    /** True when {@code days} restricts nothing. */
    public boolean everyDay() {
        return days.isEmpty() || days.size() == 7;
    }

    /** Is this local wall-clock time inside the window? Only the local date-time of the argument matters. */
    public boolean covers(ZonedDateTime localTime) {
        return covers(localTime.toLocalDateTime());
    }

    /** Is this local wall-clock time inside the window? */
    public boolean covers(LocalDateTime local) {
        LocalTime t = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (!crossesMidnight()) {
            return !t.isBefore(from) && t.isBefore(to) && startsOn(day);
        }
        if (!t.isBefore(from)) {
            return startsOn(day); // evening part: the window started today
        }
        if (t.isBefore(to)) {
            return startsOn(day.minus(1)); // morning part: the window started yesterday
        }
        return false;
    }

    private boolean startsOn(DayOfWeek day) {
        return days.isEmpty() || days.contains(day);
    }

    /** E.g. "22:00–04:00 Mon–Fri", "22:00–04:00 every day", "01:00–03:00 Sat, Sun". */
    public String describe() {
        return ScheduleJson.time(from) + "\u2013" + ScheduleJson.time(to) + " " + describeDays(days);
    }

    /** Runs of 3+ consecutive days (wrapping over Sunday) as "Mon–Fri", others listed: "Mon, Wed, Sat–Mon"... */
    static String describeDays(Set<DayOfWeek> days) {
        if (days.isEmpty() || days.size() == 7) {
            return "every day";
        }
        List<String> parts = new ArrayList<>();
        for (DayOfWeek start : DayOfWeek.values()) {
            if (!days.contains(start) || days.contains(start.minus(1))) {
                continue; // not the start of a run
            }
            DayOfWeek end = start;
            int length = 1;
            while (days.contains(end.plus(1))) {
                end = end.plus(1);
                length++;
            }
            if (length >= 3) {
                parts.add(name(start) + "\u2013" + name(end));
            } else {
                for (int i = 0; i < length; i++) {
                    parts.add(name(start.plus(i)));
                }
            }
        }
        return String.join(", ", parts);
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
