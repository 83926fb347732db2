package routes.schedule;

import java.text.ParseException;
import org.quartz.CronExpression;

/**
 * {@code {"type":"cron","expression":"0 0 2 * * ?"}}: a Quartz cron expression (6 or 7 fields, with seconds),
 * evaluated in the account zone. The expression is kept exactly as given (so JSON round-trips are exact).
 */
public record CronSchedule(String expression) implements Schedule {

    public static final String EXAMPLE = "\"0 0 2 * * ?\"";

    public CronSchedule {
        parse(expression);
    }

    /** A fresh Quartz expression (CronExpression is mutable: never share one across threads). */
    CronExpression compile() {
        return parse(expression);
    }

    private static CronExpression parse(String expression) {
        if (expression == null) {
            throw new InvalidSchedule("expression", null,
                    "a cron schedule needs a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year])",
                    EXAMPLE);
        }
        String shown = "\"" + expression + "\"";
        if (expression.isBlank()) {
            throw new InvalidSchedule("expression", shown, "must not be blank", EXAMPLE);
        }
        try {
            return new CronExpression(expression);
        } catch (ParseException e) {
            throw new InvalidSchedule("expression", shown,
                    "is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]; "
                            + "one of day-of-month/day-of-week must be '?'): " + e.getMessage(),
                    EXAMPLE);
        } catch (RuntimeException e) {
            throw new InvalidSchedule("expression", shown,
                    "is not a valid Quartz cron expression: " + e, EXAMPLE);
        }
    }

    @Override
    public String type() {
        return "cron";
    }
}
