package routes.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Timestamps to and from the hub DB: always stored as UTC, shown as ISO-8601 instants. Back offices without a zoned
 * timestamp type (MariaDB/MySQL {@code DATETIME}) keep the UTC wall time; {@link #bindable} and {@link #instant} handle
 * both kinds, so no value ever goes through the JVM's or the session's time zone.
 */
public final class Times {

    private Times() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static String iso(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant().toString();
    }

    /** True for a database whose timestamps carry no zone (MariaDB, MySQL): SyncHub writes and reads UTC there. */
    public static boolean zoneless(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("mariadb") || product.contains("mysql");
    }

    /** {@code instant} as a parameter for {@code c}: UTC with its offset, or the UTC wall time on a zone-less database. */
    public static Object bindable(Connection c, Instant instant) throws SQLException {
        return bindable(zoneless(c), instant);
    }

    public static Object bindable(boolean zoneless, Instant instant) {
        if (instant == null) {
            return null;
        }
        return zoneless ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : utc(instant);
    }

    /**
     * A timestamp column as an instant. A zoned column (H2 {@code TIMESTAMP WITH TIME ZONE}, PostgreSQL
     * {@code timestamptz}) is read with its offset; a zone-less one ({@code DATETIME}, {@code TIMESTAMP}) holds UTC.
     */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        int index = rs.findColumn(column);
        ResultSetMetaData md = rs.getMetaData();
        String typeName = String.valueOf(md.getColumnTypeName(index)).toLowerCase(Locale.ROOT);
        boolean zoned = md.getColumnType(index) == Types.TIMESTAMP_WITH_TIMEZONE
                || typeName.contains("tz") || typeName.contains("time zone");
        if (zoned) {
            OffsetDateTime at = rs.getObject(index, OffsetDateTime.class);
            return at == null ? null : at.toInstant();
        }
        LocalDateTime wall = rs.getObject(index, LocalDateTime.class);
        return wall == null ? null : wall.toInstant(ZoneOffset.UTC);
    }

    /** As {@link #instant(ResultSet, String)}, as an offset date-time in UTC. */
    public static OffsetDateTime offset(ResultSet rs, String column) throws SQLException {
        return utc(instant(rs, column));
    }
}
