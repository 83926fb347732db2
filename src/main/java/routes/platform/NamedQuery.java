package routes.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQL statement from configuration with camel-sql style bound parameters ({@code :#name}). Parameters are only
 * ever bound, never pasted into the text; a name the caller does not supply is an error naming the query.
 */
public final class NamedQuery {

    private static final Pattern PARAM = Pattern.compile(":#([A-Za-z_][A-Za-z0-9_]*)");

    private final String name;
    private final String jdbcSql;
    private final List<String> parameters;

    private NamedQuery(String name, String jdbcSql, List<String> parameters) {
        this.name = name;
        this.jdbcSql = jdbcSql;
        this.parameters = List.copyOf(parameters);
    }

    public static NamedQuery parse(String name, String sql) {
        Matcher m = PARAM.matcher(sql);
        List<String> params = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            params.add(m.group(1));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return new NamedQuery(name, out.toString(), params);
    }

    public String name() {
        return name;
    }

    public List<String> parameters() {
        return parameters;
    }

    public PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(jdbcSql);
        try {
            boolean zoneless = !parameters.isEmpty() && Times.zoneless(connection);
            for (int i = 0; i < parameters.size(); i++) {
                String param = parameters.get(i);
                if (!values.containsKey(param)) {
                    throw new IllegalArgumentException("query " + name + " needs :#" + param + " but it is not supplied");
                }
                statement.setObject(i + 1, jdbcValue(values.get(param), zoneless));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Timestamps are bound in UTC: with their offset, or as the UTC wall time where columns have no zone (MariaDB). */
    private static Object jdbcValue(Object value, boolean zoneless) {
        if (value instanceof Instant instant) {
            return Times.bindable(zoneless, instant);
        }
        if (value instanceof Timestamp ts) {
            return Times.bindable(zoneless, ts.toInstant());
        }
        if (value instanceof OffsetDateTime at && zoneless) {
            return Times.bindable(true, at.toInstant());
        }
        return value;
    }
}
