package routes.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Binds a value that may be absent: {@code null} as SQL NULL of the column's type, else the value. */
public final class NullableParams {

    private NullableParams() {
    }

    public static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    public static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
