package routes.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlackoutWindowTest {

    private static LocalDateTime local(String iso) {
        return LocalDateTime.parse(iso);
    }

    @Test
    void windowInsideADayIncludesFromAndExcludesTo() {
        BlackoutWindow lunch = BlackoutWindow.of("12:00", "13:00");
        assertThat(lunch.covers(local("2026-06-10T11:59"))).isFalse();
        assertThat(lunch.covers(local("2026-06-10T12:00"))).isTrue();
        assertThat(lunch.covers(local("2026-06-10T12:59:59.999"))).isTrue();
        assertThat(lunch.covers(local("2026-06-10T13:00"))).isFalse();
        assertThat(lunch.crossesMidnight()).isFalse();
    }

    @Test
    void windowAcrossMidnightCoversTheEveningAndTheNextMorning() {
        BlackoutWindow night = BlackoutWindow.of("22:00", "04:00");
        assertThat(night.crossesMidnight()).isTrue();
        assertThat(night.covers(local("2026-06-10T21:59"))).isFalse();
        assertThat(night.covers(local("2026-06-10T22:00"))).isTrue();
        assertThat(night.covers(local("2026-06-10T23:59"))).isTrue();
        assertThat(night.covers(local("2026-06-11T00:00"))).isTrue();
        assertThat(night.covers(local("2026-06-11T02:00"))).isTrue();
        assertThat(night.covers(local("2026-06-11T03:59"))).isTrue();
        assertThat(night.covers(local("2026-06-11T04:00"))).isFalse();
        assertThat(night.covers(local("2026-06-11T12:00"))).isFalse();
    }

    @Test
    void weekdayLimitedWindowAcrossMidnightBelongsToTheDayItStarts() {
        BlackoutWindow fridayNight = BlackoutWindow.of("22:00", "04:00", FRIDAY);
        assertThat(LocalDateTime.parse("2026-06-12T00:00").getDayOfWeek()).isEqualTo(FRIDAY);
        assertThat(fridayNight.covers(local("2026-06-12T23:00"))).as("Friday evening").isTrue();
        assertThat(fridayNight.covers(local("2026-06-13T02:00"))).as("Saturday morning, Friday's window").isTrue();
        assertThat(fridayNight.covers(local("2026-06-13T23:00"))).as("Saturday evening").isFalse();
        assertThat(fridayNight.covers(local("2026-06-14T02:00"))).as("Sunday morning").isFalse();
        assertThat(fridayNight.covers(local("2026-06-11T23:00"))).as("Thursday evening").isFalse();
        assertThat(fridayNight.covers(local("2026-06-12T02:00"))).as("Friday morning is Thursday's").isFalse();
    }

    @Test
    void sundayNightWindowWrapsIntoMonday() {
        BlackoutWindow sundayNight = BlackoutWindow.of("23:00", "01:00", SUNDAY);
        assertThat(sundayNight.covers(local("2026-06-15T00:30"))).as("Monday 00:30").isTrue();
        assertThat(sundayNight.covers(local("2026-06-16T00:30"))).as("Tuesday 00:30").isFalse();
    }

    @Test
    void weekdayLimitedWindowInsideADayOnlyOnItsDays() {
        BlackoutWindow weekdays = new BlackoutWindow(LocalTime.of(9, 0), LocalTime.of(17, 0),
                EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY));
        assertThat(weekdays.covers(local("2026-06-12T10:00"))).isTrue();
        assertThat(weekdays.covers(local("2026-06-13T10:00"))).isFalse();
    }

    @Test
    void coverageIsJudgedOnLocalWallTimeOnTheFallBackDay() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        BlackoutWindow w = BlackoutWindow.of("01:00", "03:00");
        ZonedDateTime first = ZonedDateTime.ofLocal(LocalDateTime.parse("2026-10-25T02:30"), berlin, null);
        ZonedDateTime second = first.withLaterOffsetAtOverlap();
        assertThat(first).isNotEqualTo(second);
        assertThat(w.covers(first)).isTrue();
        assertThat(w.covers(second)).isTrue();
    }

    @Test
    void equalFromAndToIsRefused() {
        assertThatThrownBy(() -> BlackoutWindow.of("22:00", "22:00"))
                .isInstanceOf(InvalidSchedule.class)
                .satisfies(e -> assertThat(((InvalidSchedule) e).field()).isEqualTo("to"));
    }

    @Test
    void secondsAreRefusedSoJsonRoundTripsStayExact() {
        assertThatThrownBy(() -> new BlackoutWindow(LocalTime.of(22, 0, 30), LocalTime.of(4, 0)))
                .isInstanceOf(InvalidSchedule.class);
    }

    @Test
    void daysAreCopiedAndUnmodifiable() {
        Set<DayOfWeek> days = EnumSet.of(MONDAY);
        BlackoutWindow w = new BlackoutWindow(LocalTime.of(1, 0), LocalTime.of(2, 0), days);
        days.add(TUESDAY);
        assertThat(w.days()).containsExactly(MONDAY);
        assertThatThrownBy(() -> w.days().add(FRIDAY)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new BlackoutWindow(LocalTime.of(1, 0), LocalTime.of(2, 0), null).days()).isEmpty();
    }

    @Test
    void describeNamesTimesAndDays() {
        assertThat(BlackoutWindow.of("22:00", "04:00", MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY).describe())
                .isEqualTo("22:00\u201304:00 Mon\u2013Fri");
        assertThat(BlackoutWindow.of("22:00", "04:00").describe()).isEqualTo("22:00\u201304:00 every day");
        assertThat(BlackoutWindow.of("01:00", "03:00", SATURDAY, SUNDAY).describe()).isEqualTo("01:00\u201303:00 Sat, Sun");
        assertThat(BlackoutWindow.of("01:00", "03:00", MONDAY, WEDNESDAY).describe()).isEqualTo("01:00\u201303:00 Mon, Wed");
        assertThat(BlackoutWindow.of("01:00", "03:00", SATURDAY, SUNDAY, MONDAY, WEDNESDAY).describe())
                .isEqualTo("01:00\u201303:00 Wed, Sat\u2013Mon");
        assertThat(BlackoutWindow.of("01:00", "03:00", DayOfWeek.values()).describe())
                .isEqualTo("01:00\u201303:00 every day");
    }
}
