package routes.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final Planner berlin = new Planner(BERLIN);

    /** An instant written with its local offset, e.g. "2026-06-10T22:00+02:00". */
    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static List<Instant> instants(List<PlannedFire> fires) {
        return fires.stream().map(PlannedFire::at).toList();
    }

    // ---------------------------------------------------------------- interval fire times

    @Test
    void intervalFiresLandOnLocalQuarterHoursAnchoredAtLocalMidnight() {
        IntervalSchedule every15 = new IntervalSchedule(15);
        assertThat(berlin.nextPlanned(every15, at("2026-06-10T10:07:31+02:00"))).contains(at("2026-06-10T10:15+02:00"));
        assertThat(berlin.nextPlanned(every15, at("2026-06-10T10:15+02:00")))
                .as("strictly after").contains(at("2026-06-10T10:30+02:00"));
        assertThat(berlin.nextPlanned(every15, at("2026-06-10T10:14:59.999999999+02:00"))).contains(at("2026-06-10T10:15+02:00"));
        assertThat(berlin.nextPlanned(every15, at("1999-06-10T10:07+02:00"))).as("before the anchor").contains(at("1999-06-10T10:15+02:00"));
    }

    @Test
    void hourlyIntervalInKolkataFiresOnTheLocalHour() {
        Planner kolkata = new Planner(ZoneId.of("Asia/Kolkata"));
        assertThat(kolkata.nextPlanned(new IntervalSchedule(60), at("2026-06-10T10:07+05:30")))
                .contains(at("2026-06-10T11:00+05:30"));
        assertThat(kolkata.calendar(new IntervalSchedule(60), at("2026-06-10T00:00+05:30"), at("2026-06-11T00:00+05:30")))
                .hasSize(24)
                .allSatisfy(f -> assertThat(f.local().getMinute()).isZero());
    }

    @Test
    void intervalWithAWindowInsideADaySkipsOnlyTheFiresInsideIt() {
        IntervalSchedule s = new IntervalSchedule(30, List.of(BlackoutWindow.of("12:00", "13:00")));
        List<PlannedFire> day = berlin.calendar(s, at("2026-06-10T00:00+02:00"), at("2026-06-11T00:00+02:00"));
        assertThat(day).hasSize(48);
        assertThat(day.stream().filter(f -> !f.runs()).map(f -> f.local().toLocalTime()))
                .containsExactly(LocalTime.of(12, 0), LocalTime.of(12, 30));
        assertThat(day).filteredOn(f -> !f.runs())
                .allSatisfy(f -> assertThat(f.skipReason()).isEqualTo("black-out 12:00\u201313:00 every day"));
        assertThat(day).filteredOn(PlannedFire::runs).allSatisfy(f -> assertThat(f.skipReason()).isNull());
        assertThat(berlin.decide(s, at("2026-06-10T12:29+02:00"), at("2026-06-10T12:30:10+02:00")))
                .isEqualTo(new Decision.Skip(at("2026-06-10T12:30+02:00"), BlackoutWindow.of("12:00", "13:00")));
        assertThat(berlin.decide(s, at("2026-06-10T12:30+02:00"), at("2026-06-10T13:00:10+02:00")))
                .isEqualTo(new Decision.Run(at("2026-06-10T13:00+02:00"), 0));
    }

    @Test
    void blackoutAcrossMidnightSkipsTheTwoAmFire() {
        BlackoutWindow night = BlackoutWindow.of("22:00", "04:00");
        IntervalSchedule hourly = new IntervalSchedule(60, List.of(night));
        List<PlannedFire> fires = berlin.calendar(hourly, at("2026-06-10T20:00+02:00"), at("2026-06-11T06:00+02:00"));
        assertThat(fires.stream().map(f -> f.local().getHour() + (f.runs() ? " runs" : " skipped")))
                .containsExactly("20 runs", "21 runs", "22 skipped", "23 skipped", "0 skipped", "1 skipped",
                        "2 skipped", "3 skipped", "4 runs", "5 runs");
        assertThat(berlin.decide(hourly, at("2026-06-11T01:00+02:00"), at("2026-06-11T02:00:05+02:00")))
                .isEqualTo(new Decision.Skip(at("2026-06-11T02:00+02:00"), night));
        assertThat(berlin.blackoutAt(hourly, at("2026-06-11T02:00+02:00"))).contains(night);
        assertThat(berlin.blackoutAt(hourly, at("2026-06-11T04:00+02:00"))).isEmpty();
    }

    @Test
    void weekdayLimitedWindowSkipsItsNightIncludingTheNextMorningOnly() {
        // 2026-06-12 is a Friday; the window starts Fridays only
        assertThat(LocalDate.of(2026, 6, 12).getDayOfWeek()).isEqualTo(FRIDAY);
        BlackoutWindow fridayNight = BlackoutWindow.of("22:00", "04:00", FRIDAY);
        IntervalSchedule hourly = new IntervalSchedule(60, List.of(fridayNight));
        assertThat(berlin.blackoutAt(hourly, at("2026-06-11T23:00+02:00"))).as("Thu 23:00").isEmpty();
        assertThat(berlin.blackoutAt(hourly, at("2026-06-12T02:00+02:00"))).as("Fri 02:00").isEmpty();
        assertThat(berlin.blackoutAt(hourly, at("2026-06-12T23:00+02:00"))).as("Fri 23:00").contains(fridayNight);
        assertThat(berlin.blackoutAt(hourly, at("2026-06-13T02:00+02:00"))).as("Sat 02:00").contains(fridayNight);
        assertThat(berlin.blackoutAt(hourly, at("2026-06-13T23:00+02:00"))).as("Sat 23:00").isEmpty();
        List<PlannedFire> week = berlin.calendar(hourly, at("2026-06-08T00:00+02:00"), at("2026-06-15T00:00+02:00"));
        assertThat(week).hasSize(7 * 24);
        assertThat(week).filteredOn(f -> !f.runs()).hasSize(6)
                .allSatisfy(f -> assertThat(f.skipReason()).isEqualTo("black-out 22:00\u201304:00 Fri"));
    }

    @Test
    void theFirstCoveringWindowIsReported() {
        BlackoutWindow weekdays = BlackoutWindow.of("09:00", "17:00", MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
        BlackoutWindow lunch = BlackoutWindow.of("12:00", "13:00");
        IntervalSchedule s = new IntervalSchedule(15, List.of(weekdays, lunch));
        assertThat(berlin.blackoutAt(s, at("2026-06-12T12:15+02:00"))).contains(weekdays);
        assertThat(berlin.blackoutAt(s, at("2026-06-13T12:15+02:00"))).contains(lunch);
    }

    // ---------------------------------------------------------------- decide

    @Test
    void startingInsideAWindowSkipsInsteadOfRunning() {
        BlackoutWindow night = BlackoutWindow.of("22:00", "04:00");
        IntervalSchedule s = new IntervalSchedule(15, List.of(night));
        // last run 21:45, the process was down and starts again at 23:07: it must not run
        Decision d = berlin.decide(s, at("2026-06-10T21:45+02:00"), at("2026-06-10T23:07:12+02:00"));
        assertThat(d).isEqualTo(new Decision.Skip(at("2026-06-10T23:00+02:00"), night));
        assertThat(d.handled()).contains(at("2026-06-10T23:00+02:00"));
    }

    @Test
    void downForFiveHoursGivesOneCatchUpRunThenNormalRuns() {
        IntervalSchedule every15 = new IntervalSchedule(15);
        Instant lastHandled = at("2026-06-10T08:00+02:00");
        Instant restart = at("2026-06-10T13:00:05+02:00");
        Decision catchUp = berlin.decide(every15, lastHandled, restart);
        // 08:15 .. 13:00 = 20 due fires: one run for 13:00, 19 collapsed into it
        assertThat(catchUp).isEqualTo(new Decision.Run(at("2026-06-10T13:00+02:00"), 19));

        Instant recorded = catchUp.handled().orElseThrow();
        assertThat(berlin.decide(every15, recorded, at("2026-06-10T13:00:20+02:00")))
                .isEqualTo(new Decision.NotDue(Optional.of(at("2026-06-10T13:15+02:00"))));
        assertThat(berlin.decide(every15, recorded, at("2026-06-10T13:15:03+02:00")))
                .isEqualTo(new Decision.Run(at("2026-06-10T13:15+02:00"), 0));
    }

    @Test
    void firesMissedInsideAWindowThatHasEndedCollapseIntoOneRun() {
        IntervalSchedule s = new IntervalSchedule(15, List.of(BlackoutWindow.of("22:00", "04:00")));
        // down from 21:00 to 05:02: 05:00 runs once, the 31 earlier fires (21:15 .. 04:45) are collapsed
        assertThat(berlin.decide(s, at("2026-06-10T21:00+02:00"), at("2026-06-11T05:02+02:00")))
                .isEqualTo(new Decision.Run(at("2026-06-11T05:00+02:00"), 31));
    }

    @Test
    void notDueGivesTheNextPlannedFire() {
        IntervalSchedule every15 = new IntervalSchedule(15);
        assertThat(berlin.decide(every15, at("2026-06-10T10:00+02:00"), at("2026-06-10T10:14:59+02:00")))
                .isEqualTo(new Decision.NotDue(Optional.of(at("2026-06-10T10:15+02:00"))));
        assertThat(berlin.decide(every15, at("2026-06-10T10:00+02:00"), at("2026-06-10T10:00+02:00")))
                .as("now == lastHandled").isInstanceOf(Decision.NotDue.class);
        assertThat(berlin.decide(every15, at("2026-06-10T10:30+02:00"), at("2026-06-10T10:20+02:00")))
                .as("clock went back: next after lastHandled")
                .isEqualTo(new Decision.NotDue(Optional.of(at("2026-06-10T10:45+02:00"))));
        assertThat(new Decision.NotDue(Optional.empty()).handled()).isEmpty();
    }

    @Test
    void aCronThatNeverFiresAgainIsNeverDue() {
        CronSchedule only2020 = new CronSchedule("0 0 2 1 1 ? 2020");
        assertThat(berlin.decide(only2020, at("2026-01-01T00:00+01:00"), at("2026-06-01T00:00+02:00")))
                .isEqualTo(new Decision.NotDue(Optional.empty()));
        assertThat(berlin.calendar(only2020, at("2026-01-01T00:00+01:00"), at("2027-01-01T00:00+01:00"))).isEmpty();
    }

    @Test
    void dailyCatchUpAfterThreeDaysRunsOnceForTheLatestMidnight() {
        DailySchedule midnight = new DailySchedule(LocalTime.MIDNIGHT);
        assertThat(berlin.decide(midnight, at("2026-06-07T00:00+02:00"), at("2026-06-10T09:00+02:00")))
                .isEqualTo(new Decision.Run(at("2026-06-10T00:00+02:00"), 2));
    }

    @Test
    void cronCatchUpCountsEveryMissedFire() {
        CronSchedule everySecond = new CronSchedule("* * * * * ?");
        assertThat(berlin.decide(everySecond, at("2026-06-10T09:00+02:00"), at("2026-06-10T10:00:00.5+02:00")))
                .isEqualTo(new Decision.Run(at("2026-06-10T10:00+02:00"), 3599));
    }

    @Test
    void aVeryLongOutageOfADenseCronStillFindsTheLatestFireQuickly() {
        CronSchedule everySecond = new CronSchedule("* * * * * ?");
        Decision d = berlin.decide(everySecond, at("2026-01-01T00:00+01:00"), at("2026-06-10T10:00:00.5+02:00"));
        assertThat(d).isInstanceOf(Decision.Run.class);
        assertThat(((Decision.Run) d).planned()).isEqualTo(at("2026-06-10T10:00+02:00"));
        assertThat(((Decision.Run) d).missedFires()).isGreaterThanOrEqualTo(Planner.SCAN_LIMIT);
    }

    // ---------------------------------------------------------------- daily and cron in non-UTC zones

    @Test
    void dailyInKolkataFiresAtLocalMidnightWhichIsHalfPastSixteenThirtyUtc() {
        Planner kolkata = new Planner(ZoneId.of("Asia/Kolkata"));
        DailySchedule midnight = new DailySchedule(LocalTime.MIDNIGHT);
        assertThat(kolkata.nextPlanned(midnight, Instant.parse("2026-06-11T12:00:00Z")))
                .contains(Instant.parse("2026-06-11T18:30:00Z"));
        assertThat(kolkata.nextPlanned(midnight, Instant.parse("2026-06-11T18:30:00Z")))
                .contains(Instant.parse("2026-06-12T18:30:00Z"));
    }

    @Test
    void cronInKolkataUsesTheHalfHourOffset() {
        Planner kolkata = new Planner(ZoneId.of("Asia/Kolkata"));
        CronSchedule weekdayMornings = new CronSchedule("0 30 9 ? * MON-FRI");
        // Friday 2026-06-12 09:30 IST = 04:00Z; strictly after it comes Monday 06-15
        assertThat(kolkata.nextPlanned(weekdayMornings, Instant.parse("2026-06-12T03:59:59Z")))
                .contains(Instant.parse("2026-06-12T04:00:00Z"));
        assertThat(kolkata.nextPlanned(weekdayMornings, Instant.parse("2026-06-12T04:00:00Z")))
                .contains(Instant.parse("2026-06-15T04:00:00Z"));
    }

    @Test
    void cronAndDailyInSydneyFollowItsSummerAndWinterOffsets() {
        Planner sydney = new Planner(ZoneId.of("Australia/Sydney"));
        CronSchedule twoAm = new CronSchedule("0 0 2 * * ?");
        assertThat(sydney.nextPlanned(twoAm, at("2026-01-15T00:00+11:00"))).contains(at("2026-01-15T02:00+11:00"));
        assertThat(sydney.nextPlanned(twoAm, at("2026-06-15T00:00+10:00"))).contains(at("2026-06-15T02:00+10:00"));
        DailySchedule sevenAm = new DailySchedule(LocalTime.of(7, 0));
        assertThat(sydney.calendar(sevenAm, at("2026-04-03T00:00+11:00"), at("2026-04-07T00:00+10:00")))
                .extracting(PlannedFire::at)
                .containsExactly(at("2026-04-03T07:00+11:00"), at("2026-04-04T07:00+11:00"),
                        at("2026-04-05T07:00+10:00"), at("2026-04-06T07:00+10:00"));
        // Sydney springs forward 2026-10-04 02:00 -> 03:00: daily 02:30 shifts to 03:30
        assertThat(sydney.calendar(new DailySchedule(LocalTime.of(2, 30)), at("2026-10-04T00:00+10:00"), at("2026-10-05T00:00+11:00")))
                .extracting(PlannedFire::at).containsExactly(at("2026-10-04T03:30+11:00"));
    }

    @Test
    void cronNextPlannedIsStrictlyAfter() {
        CronSchedule twoAm = new CronSchedule("0 0 2 * * ?");
        assertThat(berlin.nextPlanned(twoAm, at("2026-06-10T02:00+02:00"))).contains(at("2026-06-11T02:00+02:00"));
        assertThat(berlin.nextPlanned(twoAm, at("2026-06-10T01:59:59.999999+02:00"))).contains(at("2026-06-10T02:00+02:00"));
        assertThat(berlin.decide(twoAm, at("2026-06-09T02:00+02:00"), at("2026-06-10T02:00:14+02:00")))
                .isEqualTo(new Decision.Run(at("2026-06-10T02:00+02:00"), 0));
    }

    // ---------------------------------------------------------------- calendar

    @Test
    void calendarIsHalfOpenAndInOrder() {
        IntervalSchedule every15 = new IntervalSchedule(15);
        List<PlannedFire> fires = berlin.calendar(every15, at("2026-06-10T10:00+02:00"), at("2026-06-10T11:00+02:00"));
        assertThat(instants(fires)).containsExactly(at("2026-06-10T10:00+02:00"), at("2026-06-10T10:15+02:00"),
                at("2026-06-10T10:30+02:00"), at("2026-06-10T10:45+02:00"));
        assertThat(fires.get(0).local().getZone()).isEqualTo(BERLIN);
        assertThat(berlin.calendar(every15, at("2026-06-10T11:00+02:00"), at("2026-06-10T10:00+02:00"))).isEmpty();
    }

    @Test
    void calendarOfAOneMinuteIntervalOverAYearIsCapped() {
        CalendarPage page = berlin.calendarPage(new IntervalSchedule(1), at("2026-01-01T00:00+01:00"), at("2027-01-01T00:00+01:00"));
        assertThat(page.capped()).isTrue();
        assertThat(page.fires()).hasSize(Planner.CALENDAR_CAP);
        assertThat(berlin.calendar(new IntervalSchedule(1), at("2026-01-01T00:00+01:00"), at("2027-01-01T00:00+01:00")))
                .hasSize(Planner.CALENDAR_CAP);
        CalendarPage week = berlin.calendarPage(new IntervalSchedule(15), at("2026-06-08T00:00+02:00"), at("2026-06-15T00:00+02:00"));
        assertThat(week.capped()).isFalse();
        assertThat(week.fires()).hasSize(7 * 96);
    }

    @Test
    void calendarOfExactlyTheCapIsNotFlaggedAsCapped() {
        Instant from = at("2026-06-08T00:00+02:00");
        CalendarPage page = berlin.calendarPage(new IntervalSchedule(1), from, from.plus(Duration.ofMinutes(Planner.CALENDAR_CAP)));
        assertThat(page.fires()).hasSize(Planner.CALENDAR_CAP);
        assertThat(page.capped()).isFalse();
    }

    // ---------------------------------------------------------------- resolve and describe

    @Test
    void resolveReplacesDefaultByTheGlobalSchedule() {
        DailySchedule global = new DailySchedule(LocalTime.MIDNIGHT);
        IntervalSchedule own = new IntervalSchedule(15);
        assertThat(berlin.resolve(new DefaultSchedule(), global)).isEqualTo(global);
        assertThat(berlin.resolve(own, global)).isEqualTo(own);
        assertThat(berlin.resolve(own, new DefaultSchedule())).as("an own schedule does not need the global one").isEqualTo(own);
    }

    @Test
    void resolveRefusesAGlobalDefaultThatIsItselfDefault() {
        InvalidSchedule e = catchThrowableOfType(InvalidSchedule.class,
                () -> berlin.resolve(new DefaultSchedule(), new DefaultSchedule()));
        assertThat(e.field()).isEqualTo("type");
        assertThat(e.getMessage()).contains("\"default\"");
        assertThat(catchThrowableOfType(InvalidSchedule.class, () -> berlin.resolve(new DefaultSchedule(), null)).field())
                .isEqualTo("type");
        assertThat(catchThrowableOfType(InvalidSchedule.class, () -> Planner.requireConcrete(new DefaultSchedule())).field())
                .isEqualTo("type");
    }

    @Test
    void anUnresolvedDefaultHasNoFireTimes() {
        assertThatThrownBy(() -> berlin.nextPlanned(new DefaultSchedule(), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolve");
        assertThatThrownBy(() -> berlin.decide(new DefaultSchedule(), Instant.EPOCH, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describeGivesDashboardWords() {
        assertThat(berlin.describe(new IntervalSchedule(15, List.of(
                BlackoutWindow.of("22:00", "04:00", MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)))))
                .isEqualTo("every 15 minutes, not 22:00\u201304:00 Mon\u2013Fri");
        assertThat(berlin.describe(new IntervalSchedule(1))).isEqualTo("every minute");
        assertThat(berlin.describe(new IntervalSchedule(30, List.of(BlackoutWindow.of("12:00", "13:00"),
                BlackoutWindow.of("01:00", "03:00", THURSDAY)))))
                .isEqualTo("every 30 minutes, not 12:00\u201313:00 every day or 01:00\u201303:00 Thu");
        assertThat(berlin.describe(new DailySchedule(LocalTime.MIDNIGHT))).isEqualTo("daily at 00:00");
        assertThat(berlin.describe(new CronSchedule("0 0 2 * * ?"))).isEqualTo("cron 0 0 2 * * ?");
        assertThat(berlin.describe(new DefaultSchedule())).isEqualTo("default");
    }
}
