package routes.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interval schedules (1..720 minutes, 0-3 windows incl. across-midnight and weekday-limited ones) in
 * zones with DST, over random ranges up to 4 days, half of them around a DST transition.
 */
class PlannerProperties {

    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney",
            "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata");

    private static final Instant EARLIEST = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2028-12-31T00:00:00Z");

    record Case(IntervalSchedule schedule, ZoneId zone, Instant from, Instant to) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<LocalTime> times = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 1439).map(m -> LocalTime.of(m / 60, m % 60)),
                Arbitraries.of(LocalTime.of(0, 0), LocalTime.of(1, 0), LocalTime.of(2, 0), LocalTime.of(2, 30),
                        LocalTime.of(3, 0), LocalTime.of(22, 0), LocalTime.of(4, 0)));
        Arbitrary<Set<DayOfWeek>> days = Arbitraries.oneOf(
                Arbitraries.just(Set.<DayOfWeek>of()),
                Arbitraries.of(DayOfWeek.class).set().ofMinSize(1).ofMaxSize(7));
        Arbitrary<BlackoutWindow> windows = Combinators.combine(times, times, days)
                .filter((from, to, d) -> !from.equals(to))
                .as(BlackoutWindow::new);
        Arbitrary<IntervalSchedule> schedules = Combinators.combine(
                        Arbitraries.oneOf(Arbitraries.integers().between(1, 720), Arbitraries.of(1, 15, 30, 60, 90, 720)),
                        windows.list().ofMinSize(0).ofMaxSize(3))
                .as(IntervalSchedule::new);
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES).map(ZoneId::of);
        Arbitrary<Long> offsetSeconds = Arbitraries.longs().between(-2 * 86_400L, 2 * 86_400L);
        Arbitrary<Long> lengthSeconds = Arbitraries.longs().between(1, 4 * 86_400L);
        Arbitrary<Boolean> nearTransition = Arbitraries.of(true, false);
        Arbitrary<Long> startSeconds = Arbitraries.longs().between(EARLIEST.getEpochSecond(), LATEST.getEpochSecond());
        return Combinators.combine(schedules, zones, startSeconds, nearTransition, offsetSeconds, lengthSeconds)
                .as((s, zone, start, near, offset, length) -> {
                    Instant from = Instant.ofEpochSecond(start);
                    if (near) {
                        ZoneOffsetTransition t = zone.getRules().nextTransition(from);
                        if (t != null) {
                            from = t.getInstant().plusSeconds(offset);
                        }
                    }
                    return new Case(s, zone, from, from.plusSeconds(length));
                });
    }

    private static List<PlannedFire> calendar(Case c) {
        return new Planner(c.zone()).calendar(c.schedule(), c.from(), c.to());
    }

    @Property(tries = 400)
    void noRunningFireFallsInsideAnyWindow(@ForAll("cases") Case c) {
        for (PlannedFire f : calendar(c)) {
            LocalDateTime local = f.at().atZone(c.zone()).toLocalDateTime();
            assertThat(f.local().toLocalDateTime()).isEqualTo(local);
            boolean covered = c.schedule().blackouts().stream().anyMatch(w -> w.covers(f.at().atZone(c.zone())));
            assertThat(f.runs()).as("%s at %s", c, f.local()).isEqualTo(!covered);
            assertThat(f.skipReason() == null).isEqualTo(f.runs());
        }
    }

    @Property(tries = 400)
    void everyGapBetweenConsecutiveFiresEqualsTheInterval(@ForAll("cases") Case c) {
        List<PlannedFire> fires = calendar(c);
        Duration interval = Duration.ofMinutes(c.schedule().minutes());
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < fires.size(); i++) {
            gaps.add(Duration.between(fires.get(i - 1).at(), fires.get(i).at()));
        }
        assertThat(gaps).as("%s", c).allSatisfy(g -> assertThat(g).isEqualTo(interval));
        // and nothing planned is missing at either end of the range
        if (!fires.isEmpty()) {
            assertThat(fires.get(0).at().minus(interval)).isBefore(c.from());
            assertThat(fires.get(fires.size() - 1).at().plus(interval)).isAfterOrEqualTo(c.to());
        } else {
            assertThat(Duration.between(c.from(), c.to())).isLessThanOrEqualTo(interval);
        }
    }

    @Property(tries = 400)
    void policyAgreesWithTheCalendar(@ForAll("cases") Case c) {
        Planner planner = new Planner(c.zone());
        for (PlannedFire f : calendar(c)) {
            for (Instant now : List.of(f.at(), f.at().plusSeconds(14))) { // the tick may come a little late
                Decision d = planner.decide(c.schedule(), f.at().minusMillis(1), now);
                if (f.runs()) {
                    assertThat(d).as("%s at %s", c, f.local()).isEqualTo(new Decision.Run(f.at(), 0));
                } else {
                    assertThat(d).as("%s at %s", c, f.local()).isInstanceOf(Decision.Skip.class);
                    Decision.Skip skip = (Decision.Skip) d;
                    assertThat(skip.planned()).isEqualTo(f.at());
                    assertThat(f.skipReason()).isEqualTo("black-out " + skip.window().describe());
                }
            }
        }
    }
}
