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
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import routes.platform.Generator;

/**
 * Random interval schedules (1..720 minutes, 0-3 windows incl. across-midnight and weekday-limited ones) in
 * zones with DST, over random ranges up to 4 days, half of them around a DST transition. Seeded ({@link Generator}):
 * a failure names the seed and case that replay it.
 */
class PlannerProperties {

    static final Generator.Seed SEED = Generator.seed(PlannerProperties.class);

    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney",
            "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata");

    private static final Instant EARLIEST = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2028-12-31T00:00:00Z");

    record Case(IntervalSchedule schedule, ZoneId zone, Instant from, Instant to) {
    }

    static Case cases(Generator g) {
        IntervalSchedule s = new IntervalSchedule(
                g.bool() ? g.between(1, 720) : g.oneOf(1, 15, 30, 60, 90, 720),
                g.list(0, 3, () -> window(g)));
        ZoneId zone = ZoneId.of(g.oneOf(ZONES));
        Instant from = Instant.ofEpochSecond(g.between(EARLIEST.getEpochSecond(), LATEST.getEpochSecond()));
        boolean near = g.bool();
        long offset = g.between(-2 * 86_400L, 2 * 86_400L);
        long length = g.between(1, 4 * 86_400L);
        if (near) {
            ZoneOffsetTransition t = zone.getRules().nextTransition(from);
            if (t != null) {
                from = t.getInstant().plusSeconds(offset);
            }
        }
        return new Case(s, zone, from, from.plusSeconds(length));
    }

    static BlackoutWindow window(Generator g) {
        while (true) {
            LocalTime from = time(g);
            LocalTime to = time(g);
            if (!from.equals(to)) {
                return new BlackoutWindow(from, to, days(g));
            }
        }
    }

    static LocalTime time(Generator g) {
        if (g.bool()) {
            int m = g.between(0, 1439);
            return LocalTime.of(m / 60, m % 60);
        }
        return g.oneOf(LocalTime.of(0, 0), LocalTime.of(1, 0), LocalTime.of(2, 0), LocalTime.of(2, 30),
                LocalTime.of(3, 0), LocalTime.of(22, 0), LocalTime.of(4, 0));
    }

    /** No day (every day), or 1..7 distinct weekdays. */
    static Set<DayOfWeek> days(Generator g) {
        if (g.bool()) {
            return Set.of();
        }
        List<DayOfWeek> all = new ArrayList<>(Arrays.asList(DayOfWeek.values()));
        Collections.shuffle(all, g.random());
        return EnumSet.copyOf(all.subList(0, g.between(1, 7)));
    }

    private static List<PlannedFire> calendar(Case c) {
        return new Planner(c.zone()).calendar(c.schedule(), c.from(), c.to());
    }

    @TestFactory
    Stream<DynamicTest> noRunningFireFallsInsideAnyWindow() {
        return SEED.cases("noRunningFireFallsInsideAnyWindow", 400, g -> noRunningFireFallsInsideAnyWindow(cases(g)));
    }

    void noRunningFireFallsInsideAnyWindow(Case c) {
        for (PlannedFire f : calendar(c)) {
            LocalDateTime local = f.at().atZone(c.zone()).toLocalDateTime();
            assertThat(f.local().toLocalDateTime()).isEqualTo(local);
            boolean covered = c.schedule().blackouts().stream().anyMatch(w -> w.covers(f.at().atZone(c.zone())));
            assertThat(f.runs()).as("%s at %s", c, f.local()).isEqualTo(!covered);
            assertThat(f.skipReason() == null).isEqualTo(f.runs());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGapBetweenConsecutiveFiresEqualsTheInterval() {
        return SEED.cases("everyGapBetweenConsecutiveFiresEqualsTheInterval", 400, g -> everyGapBetweenConsecutiveFiresEqualsTheInterval(cases(g)));
    }

    void everyGapBetweenConsecutiveFiresEqualsTheInterval(Case c) {
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

    @TestFactory
    Stream<DynamicTest> policyAgreesWithTheCalendar() {
        return SEED.cases("policyAgreesWithTheCalendar", 400, g -> policyAgreesWithTheCalendar(cases(g)));
    }

    void policyAgreesWithTheCalendar(Case c) {
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
