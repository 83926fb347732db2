package routes.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import routes.changelog.ChangeLog;

import static routes.platform.Times.utc;

/**
 * Table {@code sync_now_job}: Sync Now jobs, which survive a restart and resume from their cursor. The only place
 * that table's SQL lives; every call runs in the caller's transaction.
 */
final class SyncNowJobStore {

    /** A job as stored; {@code request} is the POST body as JSON. */
    record Row(long id, String state, Long total, long done, OffsetDateTime createdAt, OffsetDateTime startedAt,
               OffsetDateTime endedAt, String message, Long runId, String request) {
    }

    /** Where a job starts (again): its request and the last (sku, location) written, null before the first page. */
    record Cursor(String request, String sku, String location, Long total) {
    }

    private static final String INSERT_QUEUED =
            "INSERT INTO sync_now_job (request, state, done, created_at) VALUES (?, 'queued', 0, ?)";
    private static final String BY_ID = """
            SELECT id, state, total, done, created_at, started_at, ended_at, message, run_id, request
              FROM sync_now_job WHERE id = ?""";
    private static final String NEXT_UNFINISHED =
            "SELECT id FROM sync_now_job WHERE state IN ('queued', 'running') ORDER BY id FETCH FIRST 1 ROWS ONLY";
    private static final String MARK_RUNNING = """
            UPDATE sync_now_job SET state = 'running', started_at = COALESCE(started_at, ?), run_id = ? WHERE id = ?""";
    private static final String CURSOR = "SELECT request, cursor_sku, cursor_loc, total FROM sync_now_job WHERE id = ?";
    private static final String SET_TOTAL = "UPDATE sync_now_job SET total = ? WHERE id = ?";
    private static final String ADVANCE =
            "UPDATE sync_now_job SET done = done + ?, cursor_sku = ?, cursor_loc = ? WHERE id = ?";
    private static final String FINISH = "UPDATE sync_now_job SET state = ?, message = ?, ended_at = ? WHERE id = ?";

    private SyncNowJobStore() {
    }

    /** Stores a queued job; returns its id. */
    static long insertQueued(Connection c, String request, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_QUEUED, new String[] {"id"})) {
            ps.setString(1, request);
            ps.setObject(2, utc(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The job, or null when there is none with that id. */
    static Row find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BY_ID)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Row(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getLong(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
                        rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getObject(9, Long.class),
                        rs.getString(10)) : null;
            }
        }
    }

    /** The oldest job not yet done or failed, or null. */
    static Long nextUnfinished(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NEXT_UNFINISHED); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    /** Marks the job running in this run (its first start time kept) and returns where it goes on from. */
    static Cursor start(Connection c, long id, long runId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_RUNNING)) {
            ps.setObject(1, utc(at));
            ps.setLong(2, runId);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(CURSOR)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Cursor(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class));
            }
        }
    }

    /** The number of stock levels the job's request matches, counted at its start. */
    static void setTotal(Connection c, long id, long total) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SET_TOTAL)) {
            ps.setLong(1, total);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** A page done: {@code levels} more written, the cursor at its last level. */
    static void advance(Connection c, long id, int levels, String sku, String location) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            ps.setInt(1, levels);
            ps.setString(2, sku);
            ps.setString(3, location);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /** Ends the job ({@code done} or {@code failed}) with its message (cut to the column's length). */
    static void finish(Connection c, long id, String state, String message, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FINISH)) {
            ps.setString(1, state);
            ps.setString(2, ChangeLog.truncate(message));
            ps.setObject(3, utc(at));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }
}
