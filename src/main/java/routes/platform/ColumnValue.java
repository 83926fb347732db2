package routes.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum constant stored and shown as a fixed text (a column value, a JSON field, a header): the one place that text
 * is spelled. {@link #of} reads it back and names the value and the allowed ones when it is none of them.
 */
public interface ColumnValue {

    /** The text as the database column, the API and the route headers hold it. */
    String column();

    /** The usual spelling: the constant's name in lower case, words joined by '-' ({@code FOLLOW_UP} is "follow-up"). */
    static String lowerHyphen(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} spelled {@code value}; {@code what} names the concept in the error. */
    static <E extends Enum<E> & ColumnValue> E of(Class<E> type, String what, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.column().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "': expected one of "
                + Arrays.stream(type.getEnumConstants()).map(ColumnValue::column).collect(Collectors.joining(", ")));
    }
}
