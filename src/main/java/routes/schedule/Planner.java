package routes.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.quartz.CronExpression;
import routes.platform.LogText;

/**
 * The single source of truth for fire times, in one account time zone. Used both by the per-task route policy
 * ({@link #decide}) and by the calendar preview ({@link #calendar}); both go through the same fire sequence
 * ({@link #nextPlanned}) and the same black-out test ({@link #blackoutAt}). Immutable and thread-safe.
 *
 * <p>Fire times per type:
 * <ul>
 * <li><b>interval</b>: anchor + k·minutes for every integer k, anchor = local midnight of 2000-01-01 in the zone.
 * Real-time gaps are always exactly N minutes, across DST too; 15-minute fires land on :00/:15/:30/:45 local.
 * (With DST a 1440-minute interval drifts to 23:00/01:00 local: use "daily" for a wall-clock time; a 60-minute
 * interval lands on :30 in zones with a 30-minute DST shift such as Australia/Lord_Howe.)</li>
 * <li><b>daily HH:mm</b>: exactly one fire per local date, at {@code ZonedDateTime.of(date, at, zone)}: a time in
 * the spring-forward gap shifts forward by the gap length (02:30 → 03:30 in Europe/Berlin on 2026-03-29); a
 * time that exists twice on the fall-back day fires only at its earlier occurrence.</li>
 * <li><b>cron</b>: Quartz {@link CronExpression#getNextValidTimeAfter} with {@code setTimeZone(zone)}. We accept
 * Quartz's own DST behaviour, which (Quartz 2.5.2, pinned down in PlannerTest) works on the local wall clock:
 * <ul>
 * <li>spring-forward gap: a time that does not exist does NOT fire that day ("0 30 2 * * ?" has no fire on
 * 2026-03-29 in Europe/Berlin; an hourly cron skips 02:00). Unlike "daily", which shifts it to 03:30.</li>
 * <li>fall-back overlap: a repeated wall time fires once, at its LATER (standard-time) occurrence (02:30+01:00 in
 * Berlin on 2026-10-25; an hourly cron fires at 01:00+02:00 then 02:00+01:00, a two-hour real gap). Unlike
 * "daily", which takes the earlier occurrence.</li>
 * <li>quirk: Quartz compares wall times, so asked for the next fire after an instant inside the FIRST occurrence
 * of the repeated hour and past the fire's wall time (e.g. after 02:40+02:00 for "0 30 2 * * ?") it returns the
 * next day's fire, skipping 02:30+01:00. Fires themselves never lie in that first occurrence, so decide() chains
 * (lastHandled = a previous fire) are unaffected; only a calendar range or an initial lastHandled starting inside
 * that hour can see it.</li>
 * </ul></li>
 * </ul>
 */
public final class Planner {

    /** The most fires {@link #calendar} returns (1-minute interval over a week = 10,080). */
    public static final int CALENDAR_CAP = 10_000;

    /** Local date whose midnight anchors interval schedules. */
    public static final LocalDate INTERVAL_ANCHOR = LocalDate.of(2000, 1, 1);

    /**
     * {@link #decide} counts missed fires one by one for daily/cron schedules; past this many it jumps to
     * {@code now - 1 day} and {@code missedFires} becomes a lower bound (only for extremely long outages).
     */
    static final int SCAN_LIMIT = 100_000;

    private final ZoneId zone;
    private final Instant anchor;

    public Planner(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.anchor = INTERVAL_ANCHOR.atStartOfDay(zone).toInstant();
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The effective schedule: the task's own, or {@code globalDefault} when the task says "default".
     *
     * @throws InvalidSchedule field "type" when the task follows the default and the default is itself "default"
     *                         (or missing)
     */
    public Schedule resolve(Schedule taskSchedule, Schedule globalDefault) {
        Objects.requireNonNull(taskSchedule, "taskSchedule");
        if (!(taskSchedule instanceof DefaultSchedule)) {
            return taskSchedule;
        }
        return requireConcrete(globalDefault);
    }

    /**
     * Checks a global default schedule (e.g. when it is saved): it must be a concrete schedule, not "default".
     *
     * @throws InvalidSchedule field "type"
     */
    public static Schedule requireConcrete(Schedule globalDefault) {
        if (globalDefault == null) {
            throw new InvalidSchedule("type", null,
                    "no global default schedule is set, so \"default\" cannot be resolved", "\"interval\"");
        }
        if (globalDefault instanceof DefaultSchedule) {
            throw new InvalidSchedule("type", "\"default\"",
                    "the global default schedule cannot itself be \"default\"; give it a concrete type",
                    "\"interval\"");
        }
        return globalDefault;
    }

    /** The next planned fire strictly after {@code after}, ignoring black-outs; empty if there is none. */
    public Optional<Instant> nextPlanned(Schedule effective, Instant after) {
        Objects.requireNonNull(after, "after");
        return fires(effective).after(after);
    }

    /** A schedule must fire at least once this soon after it is set, black-outs applied: a week of windows, and a day. */
    public static final Duration MUST_FIRE_WITHIN = Duration.ofDays(8);

    /**
     * Refuses a schedule that can never run: one with no planned fire after {@code now} (a cron for 30 February, or
     * for a year gone by), or whose every fire in the next {@link #MUST_FIRE_WITHIN} falls in a black-out window.
     */
    public void requireFires(Schedule effective, Instant now) {
        FireSource fires = fires(effective);
        Optional<Instant> next = fires.after(now);
        if (next.isEmpty()) {
            throw new InvalidSchedule(effective instanceof CronSchedule ? "expression" : "type",
                    effective instanceof CronSchedule c ? "\"" + LogText.escape(c.expression()) + "\"" : effective.type(),
                    "never fires: no time after now matches it (a day that does not exist, or a year gone by)",
                    CronSchedule.EXAMPLE);
        }
        Instant until = now.plus(MUST_FIRE_WITHIN);
        while (next.isPresent() && next.get().isBefore(until)) {
            if (blackoutAt(effective, next.get()).isEmpty()) {
                return;
            }
            next = fires.after(next.get());
        }
        if (next.isPresent() && effective.blackouts().isEmpty()) {
            return; // fires, only later than the horizon (a cron for once a month or a year)
        }
        throw new InvalidSchedule("blackouts", effective.blackouts().size() + " windows",
                "never fires: every planned fire in the next " + MUST_FIRE_WITHIN.toDays()
                        + " days falls inside a black-out window; leave the schedule a gap to run in",
                "[" + BlackoutWindow.EXAMPLE + "]");
    }

    /** The black-out window covering {@code when} (the first one in list order), if any. */
    public Optional<BlackoutWindow> blackoutAt(Schedule effective, Instant when) {
        Objects.requireNonNull(when, "when");
        List<BlackoutWindow> windows = concrete(effective).blackouts();
        if (windows.isEmpty()) {
            return Optional.empty();
        }
        ZonedDateTime local = when.atZone(zone);
        for (BlackoutWindow w : windows) {
            if (w.covers(local)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /**
     * The route policy's question at a tick. The due fires are the planned fires in (lastHandled, now].
     * <ul>
     * <li>none due → {@code NotDue(next)} with the first planned fire after max(lastHandled, now);</li>
     * <li>{@code now} inside a black-out window → {@code Skip(latest due fire, window)}: the decision is made from
     * the current time, so a process that starts inside a window does not run;</li>
     * <li>otherwise → {@code Run(latest due fire, number of earlier due fires)}: never a burst, at most one
     * catch-up run however many fires were missed.</li>
     * </ul>
     * The caller records {@link Decision#handled()} (Run and Skip) as the new lastHandled. For a task that has
     * never run, pass the time its schedule was set (or the first time the process saw it) as lastHandled.
     * Interval and daily fires and black-out edges are whole minutes, so a tick up to a minute late still sees the
     * same black-out state as the fire itself (the calendar and the policy agree).
     */
    public Decision decide(Schedule effective, Instant lastHandled, Instant now) {
        Objects.requireNonNull(lastHandled, "lastHandled");
        Objects.requireNonNull(now, "now");
        Schedule s = concrete(effective);
        FireSource fires = fires(s);
        Due due = due(s, fires, lastHandled, now);
        if (due == null) {
            return new Decision.NotDue(fires.after(now.isAfter(lastHandled) ? now : lastHandled));
        }
        Optional<BlackoutWindow> window = blackoutAt(s, now);
        if (window.isPresent()) {
            return new Decision.Skip(due.latest, window.get());
        }
        return new Decision.Run(due.latest, (int) Math.min(due.count - 1, Integer.MAX_VALUE));
    }

    /**
     * Every planned fire in [from, to), in order, with whether it runs (no black-out covers it). At most
     * {@link #CALENDAR_CAP} entries: use {@link #calendarPage} to learn whether the list was capped.
     */
    public List<PlannedFire> calendar(Schedule effective, Instant from, Instant to) {
        return calendarPage(effective, from, to).fires();
    }

    /** As {@link #calendar}, telling whether the list was capped at {@link #CALENDAR_CAP}. */
    public CalendarPage calendarPage(Schedule effective, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Schedule s = concrete(effective);
        FireSource fires = fires(s);
        List<PlannedFire> out = new ArrayList<>();
        if (!to.isAfter(from)) {
            return new CalendarPage(out, false);
        }
        Optional<Instant> next = fires.after(from.minusNanos(1));
        while (next.isPresent() && next.get().isBefore(to)) {
            if (out.size() == CALENDAR_CAP) {
                return new CalendarPage(out, true);
            }
            Instant at = next.get();
            Optional<BlackoutWindow> window = blackoutAt(s, at);
            out.add(new PlannedFire(at, at.atZone(zone), window.isEmpty(),
                    window.map(w -> "black-out " + w.describe()).orElse(null)));
            next = fires.after(at);
        }
        return new CalendarPage(out, false);
    }

    /** Words for a dashboard: "every 15 minutes, not 22:00–04:00 Mon–Fri", "daily at 00:00", "cron 0 0 2 * * ?". */
    public String describe(Schedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        if (schedule instanceof IntervalSchedule i) {
            String every = i.minutes() == 1 ? "every minute" : "every " + i.minutes() + " minutes";
            if (i.blackouts().isEmpty()) {
                return every;
            }
            return every + ", not " + i.blackouts().stream().map(BlackoutWindow::describe)
                    .collect(Collectors.joining(" or "));
        }
        if (schedule instanceof DailySchedule d) {
            return "daily at " + ScheduleJson.time(d.at());
        }
        if (schedule instanceof CronSchedule c) {
            return "cron " + c.expression();
        }
        return "default";
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Planned fires of one schedule: the first one strictly after a given instant. */
    @FunctionalInterface
    private interface FireSource {
        Optional<Instant> after(Instant t);
    }

    private record Due(Instant latest, long count) {
    }

    private static Schedule concrete(Schedule s) {
        Objects.requireNonNull(s, "schedule");
        if (s instanceof DefaultSchedule) {
            throw new IllegalArgumentException("a \"default\" schedule has no fire times: resolve() it first");
        }
        return s;
    }

    private FireSource fires(Schedule schedule) {
        Schedule s = concrete(schedule);
        if (s instanceof IntervalSchedule i) {
            long period = i.minutes() * 60L;
            return t -> {
                try {
                    long k = Math.floorDiv(secondsSinceAnchor(t), period);
                    return Optional.of(anchor.plusSeconds(Math.multiplyExact(k + 1, period)));
                } catch (DateTimeException | ArithmeticException e) {
                    return Optional.empty(); // beyond Instant's range
                }
            };
        }
        if (s instanceof DailySchedule d) {
            LocalTime at = d.at();
            return t -> {
                try {
                    LocalDate date = t.atZone(zone).toLocalDate().minusDays(1);
                    for (int i = 0; i < 4; i++) {
                        // gap: shifted forward by the gap length; overlap: the earlier offset
                        Instant fire = ZonedDateTime.of(date.plusDays(i), at, zone).toInstant();
                        if (fire.isAfter(t)) {
                            return Optional.of(fire);
                        }
                    }
                    return Optional.empty();
                } catch (DateTimeException e) {
                    return Optional.empty(); // beyond LocalDate's range
                }
            };
        }
        CronExpression cron = ((CronSchedule) s).compile(); // confined to this FireSource, never shared
        cron.setTimeZone(TimeZone.getTimeZone(zone));
        return t -> {
            Date after;
            try {
                after = Date.from(t); // drops sub-millisecond digits; Quartz then moves to the next whole second
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            Date next = cron.getNextValidTimeAfter(after);
            return next == null || !next.toInstant().isAfter(t) ? Optional.empty() : Optional.of(next.toInstant());
        };
    }

    /** Whole seconds since the anchor, rounded down (the nanosecond part of a Duration is never negative). */
    private long secondsSinceAnchor(Instant t) {
        return Duration.between(anchor, t).getSeconds();
    }

    /** The due fires in (lastHandled, now]: the latest and how many; null if none. */
    private Due due(Schedule s, FireSource fires, Instant lastHandled, Instant now) {
        if (!now.isAfter(lastHandled)) {
            return null;
        }
        if (s instanceof IntervalSchedule i) {
            long period = i.minutes() * 60L;
            long kNow = Math.floorDiv(secondsSinceAnchor(now), period);
            long kLast = Math.floorDiv(secondsSinceAnchor(lastHandled), period);
            if (kNow <= kLast) {
                return null;
            }
            return new Due(anchor.plusSeconds(kNow * period), kNow - kLast);
        }
        Optional<Instant> first = fires.after(lastHandled);
        if (first.isEmpty() || first.get().isAfter(now)) {
            return null;
        }
        Instant latest = first.get();
        long count = 1;
        long steps = 0;
        boolean jumped = false;
        Instant cursor = latest;
        while (true) {
            if (!jumped && ++steps >= SCAN_LIMIT) {
                jumped = true;
                Instant jump = now.minus(Duration.ofDays(1));
                if (jump.isAfter(cursor)) {
                    Optional<Instant> j = fires.after(jump);
                    if (j.isPresent() && !j.get().isAfter(now)) {
                        latest = j.get(); // missed fires between cursor and jump are not counted
                        cursor = latest;
                        count++;
                        continue;
                    }
                }
            }
            Optional<Instant> next = fires.after(cursor);
            if (next.isEmpty() || next.get().isAfter(now)) {
                return new Due(latest, count);
            }
            latest = next.get();
            cursor = latest;
            count++;
        }
    }
}
