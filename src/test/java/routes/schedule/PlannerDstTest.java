package routes.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Both DST transitions of 2026 in Europe/Berlin and America/New_York. */
class PlannerDstTest {

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static Instant startOf(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    @ParameterizedTest(name = "{0} {1}: daily 02:30 fires once, at {2}")
    @CsvSource({
        "Europe/Berlin,    2026-03-29, 2026-03-29T03:30+02:00",  // 02:30 does not exist: shifted like ZonedDateTime.of
        "Europe/Berlin,    2026-10-25, 2026-10-25T02:30+02:00",  // 02:30 happens twice: the earlier one only
        "America/New_York, 2026-03-08, 2026-03-08T03:30-04:00",
        "America/New_York, 2026-11-01, 2026-11-01T02:30-05:00"   // the repeated hour is 01:00-02:00 here
    })
    void dailyAtTwoThirtyFiresExactlyOnceOnATransitionDay(String zoneId, LocalDate day, String expected) {
        ZoneId zone = ZoneId.of(zoneId);
        Planner planner = new Planner(zone);
        DailySchedule s = new DailySchedule(LocalTime.of(2, 30));
        List<PlannedFire> fires = planner.calendar(s, startOf(day, zone), startOf(day.plusDays(1), zone));
        assertThat(fires).extracting(PlannedFire::at).containsExactly(at(expected));
        // and the days around it keep their single 02:30 fire
        List<PlannedFire> threeDays = planner.calendar(s, startOf(day.minusDays(1), zone), startOf(day.plusDays(2), zone));
        assertThat(threeDays).extracting(f -> f.local().toLocalDate())
                .containsExactly(day.minusDays(1), day, day.plusDays(1));
        assertThat(threeDays.get(0).local().toLocalTime()).isEqualTo(LocalTime.of(2, 30));
        assertThat(threeDays.get(2).local().toLocalTime()).isEqualTo(LocalTime.of(2, 30));
    }

    @ParameterizedTest(name = "{0} {1}: 01:00-03:00 holds, {2} of {3} quarter-hour fires skipped")
    @CsvSource({
        "Europe/Berlin,    2026-03-29,  4,  92",   // 23-hour day: the window lasts 1 real hour
        "Europe/Berlin,    2026-10-25, 12, 100",   // 25-hour day: 02:00-02:59 twice, the window lasts 3 real hours
        "America/New_York, 2026-03-08,  4,  92",
        "America/New_York, 2026-11-01, 12, 100"    // 01:00-01:59 twice
    })
    void oneToThreeAmWindowHoldsOnATransitionDay(String zoneId, LocalDate day, int skipped, int total) {
        ZoneId zone = ZoneId.of(zoneId);
        Planner planner = new Planner(zone);
        IntervalSchedule s = new IntervalSchedule(15, List.of(BlackoutWindow.of("01:00", "03:00")));
        List<PlannedFire> fires = planner.calendar(s, startOf(day, zone), startOf(day.plusDays(1), zone));
        assertThat(fires).hasSize(total);
        assertThat(fires).filteredOn(f -> !f.runs()).hasSize(skipped);
        LocalTime one = LocalTime.of(1, 0);
        LocalTime three = LocalTime.of(3, 0);
        assertThat(fires).allSatisfy(f -> {
            LocalTime t = f.local().toLocalTime();
            boolean inside = !t.isBefore(one) && t.isBefore(three);
            assertThat(f.runs()).as(f.local().toString()).isEqualTo(!inside);
            // the policy agrees with the calendar
            Decision d = planner.decide(s, f.at().minusMillis(1), f.at());
            assertThat(d).isEqualTo(inside ? new Decision.Skip(f.at(), s.blackouts().get(0)) : new Decision.Run(f.at(), 0));
        });
        // quarter-hour fires stay exactly 15 real minutes apart across the transition
        assertThat(IntStream.range(1, fires.size())
                .mapToObj(i -> Duration.between(fires.get(i - 1).at(), fires.get(i).at())).distinct())
                .containsExactly(Duration.ofMinutes(15));
    }

    @Test
    void fallBackDaySkipsBothOccurrencesOfTheRepeatedHourInBerlin() {
        Planner berlin = new Planner(ZoneId.of("Europe/Berlin"));
        IntervalSchedule s = new IntervalSchedule(15, List.of(BlackoutWindow.of("01:00", "03:00")));
        assertThat(berlin.blackoutAt(s, at("2026-10-25T02:30+02:00"))).isPresent();
        assertThat(berlin.blackoutAt(s, at("2026-10-25T02:30+01:00"))).isPresent();
        assertThat(berlin.blackoutAt(s, at("2026-10-25T03:00+01:00"))).isEmpty();
        assertThat(berlin.blackoutAt(s, at("2026-03-29T01:59+01:00"))).isPresent();
        assertThat(berlin.blackoutAt(s, at("2026-03-29T03:00+02:00"))).isEmpty();
    }

    @Test
    void dailyOnTheFallBackDayDoesNotRunAgainAtTheSecondOccurrence() {
        Planner berlin = new Planner(ZoneId.of("Europe/Berlin"));
        DailySchedule s = new DailySchedule(LocalTime.of(2, 30));
        Decision first = berlin.decide(s, at("2026-10-24T02:30+02:00"), at("2026-10-25T02:30:10+02:00"));
        assertThat(first).isEqualTo(new Decision.Run(at("2026-10-25T02:30+02:00"), 0));
        assertThat(berlin.decide(s, first.handled().orElseThrow(), at("2026-10-25T02:30:10+01:00")))
                .isInstanceOf(Decision.NotDue.class);
    }

    /** Quartz's own DST behaviour for cron (accepted, documented on Planner): pinned so an upgrade shows changes. */
    @Test
    void cronFollowsQuartzDstRulesSkipInTheGapLaterOccurrenceInTheOverlap() {
        Planner berlin = new Planner(ZoneId.of("Europe/Berlin"));
        CronSchedule twoThirty = new CronSchedule("0 30 2 * * ?");
        assertThat(berlin.nextPlanned(twoThirty, at("2026-03-28T12:00+01:00"))).contains(at("2026-03-30T02:30+02:00"));
        assertThat(berlin.nextPlanned(twoThirty, at("2026-10-24T12:00+02:00"))).contains(at("2026-10-25T02:30+01:00"));
        CronSchedule hourly = new CronSchedule("0 0 * * * ?");
        assertThat(berlin.calendar(hourly, at("2026-10-25T00:00+02:00"), at("2026-10-25T04:00+01:00")))
                .extracting(PlannedFire::at)
                .containsExactly(at("2026-10-25T00:00+02:00"), at("2026-10-25T01:00+02:00"),
                        at("2026-10-25T02:00+01:00"), at("2026-10-25T03:00+01:00"));
        assertThat(berlin.calendar(hourly, at("2026-03-29T00:00+01:00"), at("2026-03-29T05:00+02:00")))
                .extracting(PlannedFire::at)
                .containsExactly(at("2026-03-29T00:00+01:00"), at("2026-03-29T01:00+01:00"),
                        at("2026-03-29T03:00+02:00"), at("2026-03-29T04:00+02:00"));
        Planner newYork = new Planner(ZoneId.of("America/New_York"));
        assertThat(newYork.nextPlanned(twoThirty, at("2026-03-07T12:00-05:00"))).contains(at("2026-03-09T02:30-04:00"));
        assertThat(newYork.nextPlanned(new CronSchedule("0 30 1 * * ?"), at("2026-10-31T12:00-04:00")))
                .contains(at("2026-11-01T01:30-05:00"));
    }
}
