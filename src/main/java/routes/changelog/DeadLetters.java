package routes.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import routes.platform.Tx;

import static routes.platform.Times.utc;

/** Failures parked after retries, with request, response and reason, for an operator to replay. */
public class DeadLetters {

    /** A parked failure. */
    public record DeadLetter(long id, String task, String entityType, String entityKey, Long changeId, String request,
                             String response, String reason, String state, String createdAt, String replayedAt) {
    }

    private final DataSource hub;
    private final Clock clock;

    public DeadLetters(DataSource hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    public void park(Connection c, String taskId, ChangeLog.Claimed row, String request, String response, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO dead_letter (task_id, entity_type, entity_key, change_id, request, response, reason, state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PARKED', ?)""")) {
            ps.setString(1, taskId);
            ps.setString(2, row.entityType().column());
            ps.setString(3, row.entityKey());
            ps.setLong(4, row.id());
            ps.setString(5, request);
            ps.setString(6, response);
            ps.setString(7, ChangeLog.truncate(reason));
            ps.setObject(8, utc(clock.instant()));
            ps.executeUpdate();
        }
    }

    /** A change-log row that cannot be delivered: marked DEAD in the change log and parked, in the caller's transaction. */
    public void parkChange(Connection c, ChangeLog changeLog, String taskId, ChangeLog.Claimed row, String request,
                           String response, String reason) throws SQLException {
        changeLog.fail(c, List.of(row), reason, 0);
        park(c, taskId, row, request, response, reason);
    }

    public List<DeadLetter> list(String state, int limit) {
        return list(state, null, limit);
    }

    /** The newest letters first, optionally of one state and one task (null: any). */
    public List<DeadLetter> list(String state, String task, int limit) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, task_id, entity_type, entity_key, change_id, request, response, reason, state, created_at, replayed_at
                      FROM dead_letter
                     WHERE (CAST(? AS VARCHAR(10)) IS NULL OR state = ?)
                       AND (CAST(? AS VARCHAR(100)) IS NULL OR task_id = ?)
                     ORDER BY id DESC FETCH FIRST ? ROWS ONLY""")) {
                ps.setString(1, state);
                ps.setString(2, state);
                ps.setString(3, task);
                ps.setString(4, task);
                ps.setInt(5, limit);
                return read(ps);
            }
        });
    }

    public Optional<DeadLetter> get(long id) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, task_id, entity_type, entity_key, change_id, request, response, reason, state, created_at, replayed_at
                      FROM dead_letter WHERE id = ?""")) {
                ps.setLong(1, id);
                List<DeadLetter> rows = read(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    /**
     * Replays a parked change: its change-log row goes back to PENDING with fresh attempts, so the push route sends
     * the entity's current state once. Returns false when it was already replayed.
     */
    public boolean replay(long id) {
        return Tx.inTransaction(hub, c -> {
            Long changeId;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT change_id FROM dead_letter WHERE id = ? AND state = 'PARKED' FOR UPDATE")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    changeId = rs.getObject(1, Long.class);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE dead_letter SET state = 'REPLAYED', replayed_at = ? WHERE id = ?")) {
                ps.setObject(1, utc(clock.instant()));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            if (changeId != null) {
                ChangeLog.revive(c, changeId);
            }
            return true;
        });
    }

    public long count(String state) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dead_letter WHERE state = ?")) {
                ps.setString(1, state);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static List<DeadLetter> read(PreparedStatement ps) throws SQLException {
        List<DeadLetter> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        routes.platform.Times.iso(rs, 10), routes.platform.Times.iso(rs, 11)));
            }
        }
        return rows;
    }
}
