package routes.change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import routes.hub.Tx;

import static routes.hub.Times.utc;

/**
 * The transactional outbox. Writers append in their own transaction; pushers claim rows (several nodes can claim
 * side by side: {@code FOR UPDATE SKIP LOCKED}), send them and mark them done. A claim that is never finished (the
 * node died) is taken again once its lease has run out, so a crash loses nothing.
 */
public class ChangeLog {

    /** A row a pusher has claimed. */
    public record Claimed(long id, String entityType, String entityKey, String scope, Change.Operation operation,
                          String payload, int attempts, Instant createdAt) {
    }

    private static final String CLAIMABLE = """
            SELECT id, entity_type, entity_key, entity_scope, operation, payload, attempts, created_at
              FROM change_log c
             WHERE c.entity_type = ?
               AND (c.state = 'PENDING' OR (c.state = 'SENDING' AND c.claimed_at < ?))
               AND (c.operation = 'DELETE'
                    OR NOT EXISTS (SELECT 1 FROM pause_switch p WHERE p.entity_type = c.entity_type AND p.paused))
             ORDER BY c.id
             FETCH FIRST ? ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    private final DataSource hub;
    private final Clock clock;
    private final Duration lease;
    private final String node;

    public ChangeLog(DataSource hub, Clock clock, Duration lease, String node) {
        this.hub = hub;
        this.clock = clock;
        this.lease = lease;
        this.node = node;
    }

    /** Appends in the caller's transaction, so the change and the data it describes commit together. */
    public void append(Connection c, Change change) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO change_log (entity_type, entity_key, entity_scope, operation, payload, origin, created_at, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING')""")) {
            bind(ps, change, clock.instant());
            ps.executeUpdate();
        }
    }

    /** Appends many in one batch, in the caller's transaction. */
    public void appendAll(Connection c, Collection<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO change_log (entity_type, entity_key, entity_scope, operation, payload, origin, created_at, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING')""")) {
            for (Change change : changes) {
                bind(ps, change, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, Change change, Instant now) throws SQLException {
        ps.setString(1, change.entityType());
        ps.setString(2, change.entityKey());
        ps.setString(3, change.scope() == null ? "" : change.scope());
        ps.setString(4, change.operation().name());
        ps.setString(5, change.payload());
        ps.setString(6, change.origin());
        ps.setObject(7, utc(now));
    }

    /** Claims up to {@code limit} sendable rows of one type, oldest first, skipping rows other nodes hold. */
    public List<Claimed> claim(String entityType, int limit) {
        return Tx.inTransaction(hub, c -> {
            Instant now = clock.instant();
            List<Claimed> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CLAIMABLE)) {
                ps.setString(1, entityType);
                ps.setObject(2, utc(now.minus(lease)));
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Change.Operation.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7),
                                rs.getObject(8, java.time.OffsetDateTime.class).toInstant()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE change_log SET state = 'SENDING', claimed_by = ?, claimed_at = ? WHERE id = ?")) {
                for (Claimed row : rows) {
                    ps.setString(1, node);
                    ps.setObject(2, utc(now));
                    ps.setLong(3, row.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return rows;
        });
    }

    /** Marks rows delivered ({@code SENT}) or folded into a newer row for the same entity ({@code SUPERSEDED}). */
    public void finish(Connection c, Collection<Long> sent, Collection<Long> superseded) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE change_log SET state = ?, done_at = ?, last_error = NULL WHERE id = ?")) {
            for (Long id : sent) {
                ps.setString(1, "SENT");
                ps.setObject(2, utc(now));
                ps.setLong(3, id);
                ps.addBatch();
            }
            for (Long id : superseded) {
                ps.setString(1, "SUPERSEDED");
                ps.setObject(2, utc(now));
                ps.setLong(3, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Gives rows back after a failed send: they go back to PENDING with the error, or to DEAD once they have used
     * {@code maxAttempts}. Returns the ids that went DEAD.
     */
    public List<Long> fail(Connection c, Collection<Claimed> rows, String error, int maxAttempts) throws SQLException {
        List<Long> dead = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE change_log SET state = ?, attempts = attempts + 1, last_error = ?, claimed_by = NULL, claimed_at = NULL, done_at = ? WHERE id = ?")) {
            for (Claimed row : rows) {
                boolean isDead = row.attempts() + 1 >= maxAttempts;
                ps.setString(1, isDead ? "DEAD" : "PENDING");
                ps.setString(2, truncate(error));
                ps.setObject(3, isDead ? utc(clock.instant()) : null);
                ps.setLong(4, row.id());
                ps.addBatch();
                if (isDead) {
                    dead.add(row.id());
                }
            }
            ps.executeBatch();
        }
        return dead;
    }

    /** Rows of one type waiting to go (held while paused, or not yet claimed). */
    public long pending(String entityType) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM change_log WHERE entity_type = ? AND state IN ('PENDING', 'SENDING')")) {
                ps.setString(1, entityType);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 3900 ? text : text.substring(0, 3900) + "...";
    }
}
