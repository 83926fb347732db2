package routes.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import routes.platform.Times;

import static routes.platform.Times.utc;

/**
 * Table {@code pause_switch}: one row per entity type that was ever paused or resumed. The only place that table's
 * SQL lives, but for the change log's claims, which look into it ({@link ChangeLog}).
 */
final class PauseSwitchStore {

    /** A switch as stored; {@code changedAt} is ISO-8601. */
    record Switch(String entityType, boolean paused, String changedAt, String changedBy) {
    }

    // a repeated pause keeps its original 'since'
    private static final String UPDATE_CHANGED =
            "UPDATE pause_switch SET paused = ?, changed_at = ?, changed_by = ? WHERE entity_type = ? AND paused <> ?";
    private static final String INSERT_MISSING = """
            INSERT INTO pause_switch (entity_type, paused, changed_at, changed_by)
            SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM pause_switch WHERE entity_type = ?)""";
    private static final String PAUSED = "SELECT paused FROM pause_switch WHERE entity_type = ?";
    private static final String ALL = "SELECT entity_type, paused, changed_at, changed_by FROM pause_switch";

    private PauseSwitchStore() {
    }

    /** Sets a type's switch (a row for it is created the first time); a switch already in that state is left as is. */
    static void set(Connection c, String entityType, boolean paused, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_CHANGED)) {
            ps.setBoolean(1, paused);
            ps.setObject(2, utc(at));
            ps.setString(3, by);
            ps.setString(4, entityType);
            ps.setBoolean(5, paused);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_MISSING)) {
            ps.setString(1, entityType);
            ps.setBoolean(2, paused);
            ps.setObject(3, utc(at));
            ps.setString(4, by);
            ps.setString(5, entityType);
            ps.executeUpdate();
        }
    }

    /** Whether the type is paused (a type without a row is not). */
    static boolean isPaused(Connection c, String entityType) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PAUSED)) {
            ps.setString(1, entityType);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Every stored switch. */
    static List<Switch> all(Connection c) throws SQLException {
        List<Switch> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ALL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Switch(rs.getString(1), rs.getBoolean(2), Times.iso(rs, 3), rs.getString(4)));
            }
        }
        return out;
    }
}
