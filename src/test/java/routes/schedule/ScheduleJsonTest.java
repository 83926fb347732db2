package routes.schedule;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleJsonTest {

    @Test
    void parsesEveryTypeOfTheApi() throws Exception {
        assertThat(ScheduleJson.parse("{\"type\":\"default\"}")).isEqualTo(new DefaultSchedule());
        assertThat(ScheduleJson.parse("{\"type\":\"interval\",\"minutes\":15,\"blackouts\":"
                + "[{\"from\":\"22:00\",\"to\":\"04:00\",\"days\":[\"MON\",\"TUE\"]}]}"))
                .isEqualTo(new IntervalSchedule(15, List.of(BlackoutWindow.of("22:00", "04:00", MONDAY, TUESDAY))));
        assertThat(ScheduleJson.parse("{\"type\":\"daily\",\"at\":\"00:00\"}"))
                .isEqualTo(new DailySchedule(LocalTime.MIDNIGHT));
        assertThat(ScheduleJson.parse("{\"type\":\"cron\",\"expression\":\"0 0 2 * * ?\"}"))
                .isEqualTo(new CronSchedule("0 0 2 * * ?"));
        assertThat(ScheduleJson.parse(new ObjectMapper().readTree("{\"type\":\"interval\",\"minutes\":1440}")))
                .isEqualTo(new IntervalSchedule(1440));
    }

    @Test
    void absentNullOrEmptyDaysMeanEveryDayAndBlackoutsAreOptional() {
        Schedule a = ScheduleJson.parse("{\"type\":\"interval\",\"minutes\":5,\"blackouts\":[{\"from\":\"01:00\",\"to\":\"02:00\"}]}");
        Schedule b = ScheduleJson.parse("{\"type\":\"interval\",\"minutes\":5,\"blackouts\":[{\"from\":\"01:00\",\"to\":\"02:00\",\"days\":[]}]}");
        Schedule c = ScheduleJson.parse("{\"type\":\"interval\",\"minutes\":5,\"blackouts\":[{\"from\":\"01:00\",\"to\":\"02:00\",\"days\":null}]}");
        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.blackouts().get(0).days()).isEmpty();
        assertThat(ScheduleJson.parse("{\"type\":\"interval\",\"minutes\":5}").blackouts()).isEmpty();
        assertThat(ScheduleJson.parse("{\"type\":\"daily\",\"at\":\"06:00\",\"blackouts\":[]}"))
                .isEqualTo(new DailySchedule(LocalTime.of(6, 0)));
    }

    @Test
    void weekdayNamesAreCaseInsensitive() {
        Schedule s = ScheduleJson.parse("{\"type\":\"interval\",\"minutes\":5,\"blackouts\":[{\"from\":\"01:00\",\"to\":\"02:00\",\"days\":[\"mon\",\"Tue\"]}]}");
        assertThat(s.blackouts().get(0).days()).containsExactlyInAnyOrder(MONDAY, TUESDAY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"default\"}",
        "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[]}",
        "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"22:00\",\"to\":\"04:00\",\"days\":[\"MON\",\"TUE\"]},"
                + "{\"from\":\"12:00\",\"to\":\"12:30\",\"days\":[]}]}",
        "{\"type\":\"daily\",\"at\":\"00:00\"}",
        "{\"type\":\"daily\",\"at\":\"23:59\"}",
        "{\"type\":\"cron\",\"expression\":\"0 0 2 * * ?\"}",
        "{\"type\":\"cron\",\"expression\":\"0 30 9 ? * MON-FRI\"}"
    })
    void canonicalJsonRoundTripsExactly(String json) {
        Schedule parsed = ScheduleJson.parse(json);
        assertThat(ScheduleJson.toJson(parsed)).isEqualTo(json);
        assertThat(ScheduleJson.parse(ScheduleJson.toJson(parsed))).isEqualTo(parsed);
    }

    @Test
    void toJsonWritesDaysMondayFirstAndAlwaysTheSameShape() {
        Schedule s = new IntervalSchedule(30, List.of(new BlackoutWindow(LocalTime.of(1, 5), LocalTime.of(2, 0),
                EnumSet.of(DayOfWeek.SUNDAY, MONDAY)), BlackoutWindow.of("23:00", "00:00")));
        String json = ScheduleJson.toJson(s);
        assertThat(json).isEqualTo("{\"type\":\"interval\",\"minutes\":30,\"blackouts\":["
                + "{\"from\":\"01:05\",\"to\":\"02:00\",\"days\":[\"MON\",\"SUN\"]},"
                + "{\"from\":\"23:00\",\"to\":\"00:00\",\"days\":[]}]}");
        assertThat(ScheduleJson.parse(json)).isEqualTo(s);
        assertThat(ScheduleJson.toJson(new IntervalSchedule(15))).isEqualTo("{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[]}");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // field, body, text the message must contain
                Arguments.of("minutes", "{\"type\":\"interval\",\"minutes\":0}", "= 0"),
                Arguments.of("minutes", "{\"type\":\"interval\",\"minutes\":-15}", "= -15"),
                Arguments.of("minutes", "{\"type\":\"interval\",\"minutes\":1441}", "1 to 1440"),
                Arguments.of("minutes", "{\"type\":\"interval\",\"minutes\":99999999999}", "99999999999"),
                Arguments.of("minutes", "{\"type\":\"interval\",\"minutes\":\"15\"}", "whole number"),
                Arguments.of("minutes", "{\"type\":\"interval\",\"minutes\":15.5}", "whole number"),
                Arguments.of("minutes", "{\"type\":\"interval\"}", "missing"),
                Arguments.of("minutes", "{\"type\":\"interval\",\"minutes\":null}", "missing"),
                Arguments.of("blackouts[0].from", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"25:00\",\"to\":\"04:00\"}]}", "\"25:00\""),
                Arguments.of("blackouts[0].from", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"22:60\",\"to\":\"04:00\"}]}", "minute"),
                Arguments.of("blackouts[0].from", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"10pm\",\"to\":\"04:00\"}]}", "HH:mm"),
                Arguments.of("blackouts[0].from", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":2200,\"to\":\"04:00\"}]}", "2200"),
                Arguments.of("blackouts[0].from", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"to\":\"04:00\"}]}", "missing"),
                Arguments.of("blackouts[0].to", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"22:00\"}]}", "missing"),
                Arguments.of("blackouts[0].to", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"22:00\",\"to\":\"22:00\"}]}", "must differ"),
                Arguments.of("blackouts[1].days[2]", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"22:00\",\"to\":\"04:00\"},"
                        + "{\"from\":\"12:00\",\"to\":\"13:00\",\"days\":[\"MON\",\"TUE\",\"MOO\"]}]}", "\"MOO\""),
                Arguments.of("blackouts[0].days[0]", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"22:00\",\"to\":\"04:00\",\"days\":[1]}]}", "weekday"),
                Arguments.of("blackouts[0].days", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"22:00\",\"to\":\"04:00\",\"days\":\"MON\"}]}", "array"),
                Arguments.of("blackouts[0].form", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"form\":\"22:00\",\"to\":\"04:00\"}]}", "not a field"),
                Arguments.of("blackouts[0]", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[\"22:00-04:00\"]}", "object"),
                Arguments.of("blackouts", "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":{\"from\":\"22:00\",\"to\":\"04:00\"}}", "array"),
                Arguments.of("at", "{\"type\":\"daily\",\"at\":\"24:30\"}", "\"24:30\""),
                Arguments.of("at", "{\"type\":\"daily\",\"at\":\"24:00\"}", "00:00"),
                Arguments.of("at", "{\"type\":\"daily\",\"at\":\"7:00\"}", "HH:mm"),
                Arguments.of("at", "{\"type\":\"daily\",\"at\":700}", "700"),
                Arguments.of("at", "{\"type\":\"daily\"}", "missing"),
                Arguments.of("blackouts", "{\"type\":\"daily\",\"at\":\"00:00\",\"blackouts\":[{\"from\":\"22:00\",\"to\":\"04:00\"}]}", "only supported on interval"),
                Arguments.of("expression", "{\"type\":\"cron\",\"expression\":\"0 0 2 * * *\"}", "Support for specifying both a day-of-week AND a day-of-month"),
                Arguments.of("expression", "{\"type\":\"cron\",\"expression\":\"0 2 * * ?\"}", "Quartz"),
                Arguments.of("expression", "{\"type\":\"cron\",\"expression\":\"every day\"}", "\"every day\""),
                Arguments.of("expression", "{\"type\":\"cron\",\"expression\":\"   \"}", "blank"),
                Arguments.of("expression", "{\"type\":\"cron\",\"expression\":5}", "string"),
                Arguments.of("expression", "{\"type\":\"cron\"}", "missing"),
                Arguments.of("type", "{\"type\":\"weekly\"}", "\"weekly\""),
                Arguments.of("type", "{\"type\":\"Interval\",\"minutes\":15}", "not a known schedule type"),
                Arguments.of("type", "{\"minutes\":15}", "missing"),
                Arguments.of("type", "{\"type\":3}", "must be a string"),
                Arguments.of("minute", "{\"type\":\"interval\",\"minute\":15}", "not a field of a interval"),
                Arguments.of("at", "{\"type\":\"default\",\"at\":\"00:00\"}", "not a field of a default"),
                Arguments.of("body", "[{\"type\":\"default\"}]", "JSON object"),
                Arguments.of("body", "\"interval\"", "JSON object"),
                Arguments.of("body", "null", "JSON object"),
                Arguments.of("body", "{\"type\":\"interval\",", "not valid JSON"),
                Arguments.of("body", "{\"type\":\"daily\",\"at\":\"01:00\",\"at\":\"02:00\"}", "Duplicate"),
                Arguments.of("body", "{\"type\":\"default\"} {\"type\":\"default\"}", "not valid JSON"),
                Arguments.of("body", "", "missing"),
                Arguments.of("body", null, "missing"));
    }

    @ParameterizedTest(name = "[{index}] {0} refused in {1}")
    @MethodSource("refused")
    void invalidBodiesAreRefusedNamingTheField(String field, String json, String messagePart) {
        InvalidSchedule e = catchThrowableOfType(InvalidSchedule.class, () -> ScheduleJson.parse(json));
        assertThat(e).as("refused: " + json).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(field).contains(messagePart).contains("example of a valid value");
        assertThat(e.example()).isNotBlank();
    }

    @Test
    void messageNamesFieldBadValueReasonAndExample() {
        InvalidSchedule e = catchThrowableOfType(InvalidSchedule.class, () -> ScheduleJson.parse(
                "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"25:00\",\"to\":\"04:00\"}]}"));
        assertThat(e.getMessage()).isEqualTo("invalid schedule: blackouts[0].from = \"25:00\": is not a valid time: "
                + "the hour must be 00 to 23 (midnight is \"00:00\"); example of a valid value: \"22:00\"");
        assertThat(e.value()).isEqualTo("\"25:00\"");
    }

    @Test
    void recordsValidateWhenBuiltInCodeToo() {
        assertThat(catchThrowableOfType(InvalidSchedule.class, () -> new IntervalSchedule(0)).field()).isEqualTo("minutes");
        assertThat(catchThrowableOfType(InvalidSchedule.class, () -> new DailySchedule(null)).field()).isEqualTo("at");
        assertThat(catchThrowableOfType(InvalidSchedule.class, () -> new CronSchedule("0 0 2 * *")).field()).isEqualTo("expression");
        assertThat(new IntervalSchedule(15, null).blackouts()).isEmpty();
        assertThat(new DailySchedule(LocalTime.NOON).blackouts()).isEmpty();
        assertThat(new CronSchedule("0 0 2 * * ?").blackouts()).isEmpty();
        assertThat(Set.of(new DefaultSchedule().type(), new IntervalSchedule(1).type(),
                new DailySchedule(LocalTime.NOON).type(), new CronSchedule("0 0 2 * * ?").type()))
                .containsExactlyInAnyOrder("default", "interval", "daily", "cron");
    }
}
