package routes.schedule;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import routes.platform.LogText;

/**
 * The public JSON shape of a schedule (body of PUT /api/v1/tasks/{id}/schedule):
 * <pre>
 * {"type":"default"}
 * {"type":"interval","minutes":15,"blackouts":[{"from":"22:00","to":"04:00","days":["MON","TUE"]}]}
 * {"type":"daily","at":"00:00"}
 * {"type":"cron","expression":"0 0 2 * * ?"}
 * </pre>
 * Parsing is strict: unknown fields, wrong JSON types, duplicate keys and trailing content are refused with an
 * {@link InvalidSchedule} naming the field. {@code days} may be absent, null or empty (= every day); weekday
 * names are matched case-insensitively. Daily and cron schedules accept an absent, null or empty
 * {@code blackouts} (black-outs are only supported on interval schedules).
 *
 * <p>{@link #toJson} always writes the canonical shape: interval with {@code blackouts} (possibly empty), each
 * window with {@code days} (possibly empty, Monday first), times as "HH:mm". {@code parse(toJson(s)).equals(s)}.
 */
public final class ScheduleJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})");

    private static final String EXAMPLE_BODY = "{\"type\":\"interval\",\"minutes\":15}";

    private ScheduleJson() {
    }

    /** Parses a JSON body; malformed JSON is refused with field "body". */
    public static Schedule parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidSchedule("body", null, "the request body must be a JSON schedule object", EXAMPLE_BODY);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidSchedule("body", quote(abbreviate(LogText.escape(json))),
                    "is not valid JSON: " + LogText.escape(e.getOriginalMessage())
                            + (at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
                    EXAMPLE_BODY);
        }
        return parse(node);
    }

    /** Parses an already-read JSON tree. */
    public static Schedule parse(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new InvalidSchedule("body", null, "the request body must be a JSON schedule object", EXAMPLE_BODY);
        }
        if (!node.isObject()) {
            throw new InvalidSchedule("body", abbreviate(node.toString()),
                    "must be a JSON object with a \"type\" field", EXAMPLE_BODY);
        }
        JsonNode type = node.get("type");
        if (type == null || type.isNull()) {
            throw new InvalidSchedule("type", null,
                    "every schedule needs a type: \"default\", \"interval\", \"daily\" or \"cron\"", "\"interval\"");
        }
        if (!type.isTextual()) {
            throw new InvalidSchedule("type", type.toString(),
                    "must be a string: \"default\", \"interval\", \"daily\" or \"cron\"", "\"interval\"");
        }
        switch (type.textValue()) {
            case "default":
                onlyFields(node, "default", "{\"type\":\"default\"}", "type");
                return new DefaultSchedule();
            case "interval":
                onlyFields(node, "interval", EXAMPLE_BODY, "type", "minutes", "blackouts");
                return new IntervalSchedule(minutes(node.get("minutes")), blackouts(node.get("blackouts")));
            case "daily":
                onlyFields(node, "daily", "{\"type\":\"daily\",\"at\":\"00:00\"}", "type", "at", "blackouts");
                noBlackouts(node, "daily");
                return new DailySchedule(time("at", node.get("at"), "\"00:00\"", "the local time of day to run"));
            case "cron":
                onlyFields(node, "cron", "{\"type\":\"cron\",\"expression\":\"0 0 2 * * ?\"}", "type", "expression",
                        "blackouts");
                noBlackouts(node, "cron");
                JsonNode expression = node.get("expression");
                if (expression != null && !expression.isNull() && !expression.isTextual()) {
                    throw new InvalidSchedule("expression", expression.toString(),
                            "must be a string holding a Quartz cron expression", CronSchedule.EXAMPLE);
                }
                return new CronSchedule(expression == null || expression.isNull() ? null : expression.textValue());
            default:
                throw new InvalidSchedule("type", type.toString(),
                        "is not a known schedule type; use \"default\", \"interval\", \"daily\" or \"cron\"",
                        "\"interval\"");
        }
    }

    /** The canonical JSON body for a schedule. */
    public static String toJson(Schedule schedule) {
        return toTree(schedule).toString();
    }

    /** The canonical JSON tree for a schedule. */
    public static ObjectNode toTree(Schedule schedule) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("type", schedule.type());
        if (schedule instanceof IntervalSchedule interval) {
            out.put("minutes", interval.minutes());
            ArrayNode windows = out.putArray("blackouts");
            for (BlackoutWindow w : interval.blackouts()) {
                ObjectNode wn = windows.addObject();
                wn.put("from", time(w.from()));
                wn.put("to", time(w.to()));
                ArrayNode days = wn.putArray("days");
                for (DayOfWeek d : DayOfWeek.values()) {
                    if (w.days().contains(d)) {
                        days.add(dayName(d));
                    }
                }
            }
        } else if (schedule instanceof DailySchedule daily) {
            out.put("at", time(daily.at()));
        } else if (schedule instanceof CronSchedule cron) {
            out.put("expression", cron.expression());
        }
        return out;
    }

    /** "HH:mm". */
    static String time(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }

    /** "MON".."SUN". */
    static String dayName(DayOfWeek d) {
        return d.name().substring(0, 3);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void onlyFields(JsonNode node, String type, String example, String... allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!List.of(allowed).contains(name)) {
                throw new InvalidSchedule(name, abbreviate(node.get(name).toString()),
                        "is not a field of a " + type + " schedule (allowed: " + String.join(", ", allowed) + ")",
                        example);
            }
        }
    }

    private static void noBlackouts(JsonNode node, String type) {
        JsonNode b = node.get("blackouts");
        if (b != null && !b.isNull() && !(b.isArray() && b.isEmpty())) {
            throw new InvalidSchedule("blackouts", abbreviate(b.toString()),
                    "black-out windows are only supported on interval schedules, not on " + type
                            + " schedules (a " + type + " schedule fires at exactly the times you give it)",
                    "[]");
        }
    }

    private static int minutes(JsonNode n) {
        if (n == null || n.isNull()) {
            throw new InvalidSchedule("minutes", null,
                    "an interval schedule needs the number of minutes between runs, from 1 to 1440", "15");
        }
        if (!n.isIntegralNumber()) {
            throw new InvalidSchedule("minutes", n.toString(), "must be a whole number (JSON number) from 1 to 1440",
                    "15");
        }
        if (!n.canConvertToInt() || n.intValue() < IntervalSchedule.MIN_MINUTES
                || n.intValue() > IntervalSchedule.MAX_MINUTES) {
            throw new InvalidSchedule("minutes", n.toString(),
                    "must be from 1 to 1440 (one day); for once a day at a set time use type \"daily\"", "15");
        }
        return n.intValue();
    }

    private static List<BlackoutWindow> blackouts(JsonNode n) {
        List<BlackoutWindow> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new InvalidSchedule("blackouts", abbreviate(n.toString()),
                    "must be an array of black-out windows", "[" + BlackoutWindow.EXAMPLE + "]");
        }
        if (n.size() > IntervalSchedule.MAX_BLACKOUTS) {
            throw new InvalidSchedule("blackouts", n.size() + " windows", "at most " + IntervalSchedule.MAX_BLACKOUTS
                    + " black-out windows; merge overlapping ones", "[" + BlackoutWindow.EXAMPLE + "]");
        }
        for (int i = 0; i < n.size(); i++) {
            String path = "blackouts[" + i + "]";
            JsonNode w = n.get(i);
            if (!w.isObject()) {
                throw new InvalidSchedule(path, abbreviate(w.toString()),
                        "must be an object with \"from\", \"to\" and optional \"days\"", BlackoutWindow.EXAMPLE);
            }
            try {
                onlyFields(w, "black-out window", BlackoutWindow.EXAMPLE, "from", "to", "days");
                LocalTime from = time("from", w.get("from"), "\"22:00\"", "the local start time (inclusive)");
                LocalTime to = time("to", w.get("to"), "\"04:00\"", "the local end time (exclusive)");
                out.add(new BlackoutWindow(from, to, days(w.get("days"))));
            } catch (InvalidSchedule e) {
                throw e.under(path);
            }
        }
        return out;
    }

    private static Set<DayOfWeek> days(JsonNode n) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        if (n == null || n.isNull()) {
            return out;
        }
        String example = "[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"]";
        if (!n.isArray()) {
            throw new InvalidSchedule("days", abbreviate(n.toString()),
                    "must be an array of weekdays on which the window starts (empty or absent = every day)", example);
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode d = n.get(i);
            DayOfWeek day = d.isTextual() ? day(d.textValue()) : null;
            if (day == null) {
                throw new InvalidSchedule("days[" + i + "]", abbreviate(d.toString()),
                        "is not a weekday; use \"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\", \"SAT\" or \"SUN\"",
                        "\"MON\"");
            }
            out.add(day);
        }
        return out;
    }

    private static DayOfWeek day(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (dayName(d).equalsIgnoreCase(s)) {
                return d;
            }
        }
        return null;
    }

    private static LocalTime time(String field, JsonNode n, String example, String what) {
        if (n == null || n.isNull()) {
            throw new InvalidSchedule(field, null, "needs " + what + " as \"HH:mm\"", example);
        }
        if (!n.isTextual()) {
            throw new InvalidSchedule(field, abbreviate(n.toString()), "must be a string \"HH:mm\" (24-hour clock)",
                    example);
        }
        Matcher m = TIME.matcher(n.textValue());
        if (!m.matches()) {
            throw new InvalidSchedule(field, n.toString(), "must be a 24-hour local time written \"HH:mm\"", example);
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h > 23) {
            throw new InvalidSchedule(field, n.toString(),
                    "is not a valid time: the hour must be 00 to 23 (midnight is \"00:00\")", example);
        }
        if (min > 59) {
            throw new InvalidSchedule(field, n.toString(), "is not a valid time: the minute must be 00 to 59",
                    example);
        }
        return LocalTime.of(h, min);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
