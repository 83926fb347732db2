package routes.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import static routes.platform.Times.utc;

/** Table {@code task}: each task's kind, driver, own schedule (JSON) and last planned fire. The only place its SQL lives. */
final class TaskStore {

    /** A task row as stored; {@code schedule} is the JSON body, null for none of its own. */
    record Stored(String id, String kind, String schedule, String drivenBy, Instant lastFire) {
    }

    private TaskStore() {
    }

    /** Inserts the task's row if it has none, then sets its kind and driver. */
    static void register(Connection c, String id, String kind, String drivenBy, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO task (id, kind, driven_by, updated_at)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM task WHERE id = ?)""")) {
            ps.setString(1, id);
            ps.setString(2, kind);
            ps.setString(3, drivenBy);
            ps.setObject(4, utc(now));
            ps.setString(5, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE task SET kind = ?, driven_by = ? WHERE id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, drivenBy);
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    static Optional<Stored> read(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, kind, schedule, driven_by, last_fire_at FROM task WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime last = rs.getObject(5, OffsetDateTime.class);
                return Optional.of(new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        last == null ? null : last.toInstant()));
            }
        }
    }

    /** A new own schedule; its last fire moves to {@code now}. */
    static int setSchedule(Connection c, String id, String scheduleJson, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE task SET schedule = ?, last_fire_at = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, scheduleJson);
            ps.setObject(2, utc(now));
            ps.setObject(3, utc(now));
            ps.setString(4, id);
            return ps.executeUpdate();
        }
    }

    static int setLastFire(Connection c, String id, Instant planned) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE task SET last_fire_at = ? WHERE id = ?")) {
            ps.setObject(1, utc(planned));
            ps.setString(2, id);
            return ps.executeUpdate();
        }
    }
}
