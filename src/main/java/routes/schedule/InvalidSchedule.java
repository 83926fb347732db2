package routes.schedule;

/**
 * A schedule (or its JSON body) was refused. {@link #field()} is the JSON path of the offending value, e.g.
 * "type", "minutes", "blackouts[0].from", "blackouts[1].days[2]", "at", "expression", or "body" for a body that
 * is not a JSON object at all. The message names the field, the bad value, why it is wrong and a good example.
 */
public class InvalidSchedule extends RuntimeException {

    private final String field;
    private final String value;
    private final String reason;
    private final String example;

    /**
     * @param field   JSON path of the bad value
     * @param value   the bad value as JSON text, or null when it is missing
     * @param reason  why it is refused
     * @param example a valid value, as JSON text
     */
    public InvalidSchedule(String field, String value, String reason, String example) {
        super(message(field, value, reason, example));
        this.field = field;
        this.value = value;
        this.reason = reason;
        this.example = example;
    }

    private static String message(String field, String value, String reason, String example) {
        return "invalid schedule: " + field + (value == null ? " is missing" : " = " + value) + ": " + reason
                + "; example of a valid value: " + example;
    }

    public String field() {
        return field;
    }

    /** The refused value as JSON text; null when it was missing. */
    public String value() {
        return value;
    }

    public String reason() {
        return reason;
    }

    public String example() {
        return example;
    }

    /** The same problem, located under {@code prefix} (e.g. "blackouts[0]" + "." + "from"). */
    InvalidSchedule under(String prefix) {
        InvalidSchedule moved = new InvalidSchedule(prefix + "." + field, value, reason, example);
        moved.setStackTrace(getStackTrace());
        return moved;
    }
}
