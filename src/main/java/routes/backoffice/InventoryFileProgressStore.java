package routes.backoffice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import static routes.platform.Times.utc;

/**
 * Table {@code inventory_file_progress}: how far each partner inventory file (by name and content hash) is applied.
 * The only place that table's SQL lives.
 */
final class InventoryFileProgressStore {

    /** Where one file is. */
    record Progress(String status, int lineCommitted, int rowsApplied, int rowsRejected) {
        boolean done() {
            return DONE.equals(status);
        }
    }

    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";

    private InventoryFileProgressStore() {
    }

    static Optional<Progress> find(Connection c, String name, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, line_committed, rows_applied, rows_rejected"
                + " FROM inventory_file_progress WHERE file_name = ? AND content_sha256 = ?")) {
            ps.setString(1, name);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Progress(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                        : Optional.empty();
            }
        }
    }

    /** Records a committed chunk (inserting the file's row on its first), in the chunk's transaction. */
    static void committed(Connection c, String name, String sha256, int line, int applied, int rejected, Instant now)
            throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE inventory_file_progress SET status = ?, line_committed = ?,"
                + " rows_applied = rows_applied + ?, rows_rejected = rows_rejected + ?, reason = NULL, updated_at = ?"
                + " WHERE file_name = ? AND content_sha256 = ?")) {
            up.setString(1, RUNNING);
            up.setInt(2, line);
            up.setInt(3, applied);
            up.setInt(4, rejected);
            up.setObject(5, utc(now));
            up.setString(6, name);
            up.setString(7, sha256);
            if (up.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement("INSERT INTO inventory_file_progress (file_name, content_sha256,"
                + " status, line_committed, rows_applied, rows_rejected, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            in.setString(1, name);
            in.setString(2, sha256);
            in.setString(3, RUNNING);
            in.setInt(4, line);
            in.setInt(5, applied);
            in.setInt(6, rejected);
            in.setObject(7, utc(now));
            in.executeUpdate();
        }
    }

    /** The file's outcome: {@link #DONE} or {@link #FAILED} with the reason. */
    static void finish(Connection c, String name, String sha256, String status, String reason, Instant now)
            throws SQLException {
        committed(c, name, sha256, find(c, name, sha256).map(Progress::lineCommitted).orElse(0), 0, 0, now);
        try (PreparedStatement up = c.prepareStatement("UPDATE inventory_file_progress SET status = ?, reason = ?,"
                + " updated_at = ? WHERE file_name = ? AND content_sha256 = ?")) {
            up.setString(1, status);
            up.setString(2, reason == null ? null : reason.length() > 2000 ? reason.substring(0, 2000) : reason);
            up.setObject(3, utc(now));
            up.setString(4, name);
            up.setString(5, sha256);
            up.executeUpdate();
        }
    }
}
