package routes.task;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import routes.platform.ConfigProblem;

/**
 * How long a run of each task may take before the watchdog calls it stuck: {@code synchub.task.<id>.max-run}, else
 * the global {@code synchub.task.max-run} (default 2 h). Written {@code 90s}, {@code 30m}, {@code 2h} or ISO-8601
 * ({@code PT30M}). A Sync All step that runs longer ends the cycle.
 */
public final class RunLimits {

    public static final String GLOBAL = "synchub.task.max-run";
    public static final Duration DEFAULT = Duration.ofHours(2);

    private final Function<String, Optional<String>> settings;
    private final Duration global;

    /** {@code settings}: a setting's value by key, empty when unset. */
    public RunLimits(Function<String, Optional<String>> settings) {
        this.settings = settings;
        this.global = settings.apply(GLOBAL).map(v -> parse(GLOBAL, v)).orElse(DEFAULT);
    }

    /** The setting that limits {@code taskId}'s runs. */
    public static String key(String taskId) {
        return "synchub.task." + taskId + ".max-run";
    }

    /** How long a run of {@code taskId} may take. */
    public Duration of(String taskId) {
        String key = key(taskId);
        return settings.apply(key).map(v -> parse(key, v)).orElse(global);
    }

    static Duration parse(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("pt") || v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                throw new NumberFormatException("no unit");
            }
            if (d.isNegative() || d.isZero()) {
                throw new ConfigProblem(key, "must be longer than zero, got '" + value + "'", key + "=30m");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigProblem(key, "'" + value + "' is not a duration (90s, 30m, 2h or PT30M)", key + "=30m", e);
        }
    }
}
