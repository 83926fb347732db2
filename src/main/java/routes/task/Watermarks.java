package routes.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import static routes.platform.Times.utc;

/** Per-task incremental cursor: the (updated_at, key) of the last row a task has taken in. */
public final class Watermarks {

    /** Where a task has read up to; the key breaks ties between rows with the same timestamp. */
    public record Watermark(Instant timestamp, String key) {
        public static final Watermark START = new Watermark(Instant.parse("1970-01-01T00:00:00Z"), "");
    }

    public Optional<Watermark> find(Connection c, String taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cursor_ts, cursor_key FROM watermark WHERE task_id = ?")) {
            ps.setString(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Watermark(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2)));
            }
        }
    }

    public Watermark get(Connection c, String taskId) throws SQLException {
        return find(c, taskId).orElse(Watermark.START);
    }

    public void save(Connection c, String taskId, Watermark mark, Instant now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE watermark SET cursor_ts = ?, cursor_key = ?, updated_at = ? WHERE task_id = ?")) {
            up.setObject(1, utc(mark.timestamp()));
            up.setString(2, mark.key());
            up.setObject(3, utc(now));
            up.setString(4, taskId);
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement(
                "INSERT INTO watermark (task_id, cursor_ts, cursor_key, updated_at) VALUES (?, ?, ?, ?)")) {
            in.setString(1, taskId);
            in.setObject(2, utc(mark.timestamp()));
            in.setString(3, mark.key());
            in.setObject(4, utc(now));
            in.executeUpdate();
        }
    }

    /**
     * Moves a task's cursor back to {@code to} when it is past it (never forward), so its next run reads again from
     * there; true when it moved. A task reading idempotently (orders-in) only sees known rows a second time.
     */
    public boolean rewind(Connection c, String taskId, Instant to, Instant now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE watermark SET cursor_ts = ?, cursor_key = ?, updated_at = ? WHERE task_id = ? AND cursor_ts > ?")) {
            up.setObject(1, utc(to));
            up.setString(2, "");
            up.setObject(3, utc(now));
            up.setString(4, taskId);
            up.setObject(5, utc(to));
            return up.executeUpdate() == 1;
        }
    }
}
