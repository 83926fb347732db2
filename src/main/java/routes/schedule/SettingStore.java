package routes.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static routes.platform.Times.utc;

/** Table {@code setting}: named values set at run time (the global default schedule). The only place its SQL lives. */
final class SettingStore {

    private SettingStore() {
    }

    static Optional<String> read(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT setting_value FROM setting WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Sets the value, inserting the row when there is none. */
    static void write(Connection c, String name, String value, Instant now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE setting SET setting_value = ?, updated_at = ? WHERE name = ?")) {
            up.setString(1, value);
            up.setObject(2, utc(now));
            up.setString(3, name);
            if (up.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement("INSERT INTO setting (name, setting_value, updated_at) VALUES (?, ?, ?)")) {
            in.setString(1, name);
            in.setString(2, value);
            in.setObject(3, utc(now));
            in.executeUpdate();
        }
    }
}
