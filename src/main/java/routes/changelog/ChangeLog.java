package routes.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import routes.platform.Tx;

import static routes.platform.Times.utc;

/**
 * The transactional outbox. Writers append in their own transaction; pushers claim rows (several nodes can claim
 * side by side: {@code FOR UPDATE SKIP LOCKED}), send them and mark them done. A claim that is never finished (the
 * node died) is taken again once its lease has run out, so a crash loses nothing. Table {@code change_log}: the only
 * place its SQL lives. A claim looks into {@code pause_switch} (a paused type's updates wait): those statements answer
 * about change-log rows, so they live here; the switches themselves are {@link PauseSwitchStore}'s.
 */
public class ChangeLog {

    /** A row a pusher has claimed. */
    public record Claimed(long id, EntityType entityType, String entityKey, String scope, Change.Operation operation,
                          String payload, int attempts, Instant createdAt) {
    }

    // one predicate, three uses: which rows may go now (a paused type still lets its DELETEs through)
    // state and type as equalities and id as the range: served by change_log_pending (state, entity_type, id) in
    // id order, so a claim reads only the rows it returns (an OR over states made the planners read every row ever
    // logged). ORDER BY names the index's columns: H2 only skips the sort then (state and type are fixed, so it is id order)
    private static final String SCAN = """
            SELECT id, entity_key, entity_scope
              FROM change_log c
             WHERE c.state = ?
               AND c.entity_type = ?
               AND c.id > ?
               AND (c.operation = 'DELETE'
                    OR NOT EXISTS (SELECT 1 FROM pause_switch p WHERE p.entity_type = c.entity_type AND p.paused))
             ORDER BY c.state, c.entity_type, c.id
             FETCH FIRST ? ROWS ONLY""";

    // claims whose node died (lease run out) become open again before a scan
    private static final String REOPEN_EXPIRED = """
            UPDATE change_log SET state = ?, claimed_by = NULL, claimed_at = NULL
             WHERE state = ? AND entity_type = ? AND claimed_at < ?""";

    // the open rows of a set of entities, locked; rows of the keys' other scopes are filtered out by the caller.
    // Only PENDING: the claim's transaction has just reopened this type's expired SENDING rows (same cut-off), and an
    // equality on state lets change_log_open_by_entity (type, state, key, scope) read open rows only
    private static final String CLAIM_ENTITIES = """
            SELECT id, entity_type, entity_key, entity_scope, operation, payload, attempts, created_at
              FROM change_log c
             WHERE c.entity_type = ?
               AND c.state = ?
               AND c.entity_key = ANY (?)
               AND (c.operation = 'DELETE'
                    OR NOT EXISTS (SELECT 1 FROM pause_switch p WHERE p.entity_type = c.entity_type AND p.paused))
             ORDER BY c.id
             FOR UPDATE SKIP LOCKED""";

    private static final String HELD = """
            SELECT id, entity_type, entity_key, entity_scope, operation, payload, attempts, created_at
              FROM change_log c
             WHERE c.entity_type = ?
               AND (c.state = ? OR (c.state = ? AND c.claimed_at < ?))
             ORDER BY c.id""";

    // a held update older than a delete of the same entity must never go out after it
    private static final String DROP_HELD_BEFORE_DELETE = """
            UPDATE change_log SET state = ?, done_at = ?, last_error = 'dropped: a later DELETE of the same entity went first'
             WHERE entity_type = ? AND entity_key = ? AND entity_scope = ? AND operation = 'UPSERT'
               AND state = ? AND id < ?""";

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
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
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
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Change change : changes) {
                bind(ps, change, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, Change change, Instant now) throws SQLException {
        ps.setString(1, change.entityType().column());
        ps.setString(2, change.entityKey());
        ps.setString(3, change.scope() == null ? "" : change.scope());
        ps.setString(4, change.operation().name());
        ps.setString(5, change.payload());
        ps.setString(6, change.origin());
        ps.setObject(7, utc(now));
        ps.setString(8, ChangeState.PENDING.column());
    }

    /**
     * Claims every sendable row of up to {@code limit} entities (key and scope) of one type, the entities whose oldest
     * row is oldest first, skipping rows other nodes hold. All rows of an entity come together, so one push settles
     * them all with one send of the current value however many changes piled up. A claimed DELETE drops the held
     * (paused) updates older than it. Rows come back in id order.
     */
    public List<Claimed> claim(EntityType entityType, int limit) {
        return Tx.inTransaction(hub, c -> {
            Instant now = clock.instant();
            Instant expired = now.minus(lease);
            // entities are tried in the order their oldest row appears; one another node holds is passed over
            Set<String> tried = new LinkedHashSet<>();
            List<Claimed> rows = new ArrayList<>();
            int locked = 0;
            long after = 0;
            // scan in pages larger than the batch: many rows of one entity must not cost a query each page
            int page = Math.max(limit, 1000);
            try (PreparedStatement reopen = c.prepareStatement(REOPEN_EXPIRED)) {
                reopen.setString(1, ChangeState.PENDING.column());
                reopen.setString(2, ChangeState.SENDING.column());
                reopen.setString(3, entityType.column());
                reopen.setObject(4, utc(expired));
                reopen.executeUpdate();
            }
            try (PreparedStatement scan = c.prepareStatement(SCAN);
                 PreparedStatement lock = c.prepareStatement(CLAIM_ENTITIES)) {
                while (locked < limit) {
                    int seen = 0;
                    boolean full = false;
                    Set<String> candidates = new LinkedHashSet<>();
                    Set<String> keys = new LinkedHashSet<>();
                    scan.setString(1, ChangeState.PENDING.column());
                    scan.setString(2, entityType.column());
                    scan.setLong(3, after);
                    scan.setInt(4, page);
                    try (ResultSet rs = scan.executeQuery()) {
                        while (rs.next()) {
                            String entity = entity(rs.getString(2), rs.getString(3));
                            if (!tried.contains(entity)) {
                                if (candidates.size() == limit - locked) {
                                    // enough candidates: the next scan (if some could not be locked) starts here
                                    full = true;
                                    break;
                                }
                                tried.add(entity);
                                candidates.add(entity);
                                keys.add(rs.getString(2));
                            }
                            seen++;
                            after = rs.getLong(1);
                        }
                    }
                    if (!candidates.isEmpty()) {
                        locked += lockEntities(lock, entityType, keys, candidates, rows);
                    }
                    if (!full && seen < page) {
                        break;
                    }
                }
            }
            rows.sort(Comparator.comparingLong(Claimed::id));
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE change_log SET state = ?, claimed_by = ?, claimed_at = ? WHERE id = ?")) {
                for (Claimed row : rows) {
                    ps.setString(1, ChangeState.SENDING.column());
                    ps.setString(2, node);
                    ps.setObject(3, utc(now));
                    ps.setLong(4, row.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(DROP_HELD_BEFORE_DELETE)) {
                boolean any = false;
                for (Claimed row : rows) {
                    if (row.operation() == Change.Operation.DELETE) {
                        ps.setString(1, ChangeState.SUPERSEDED.column());
                        ps.setObject(2, utc(now));
                        ps.setString(3, entityType.column());
                        ps.setString(4, row.entityKey());
                        ps.setString(5, row.scope());
                        ps.setString(6, ChangeState.PENDING.column());
                        ps.setLong(7, row.id());
                        ps.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    ps.executeBatch();
                }
            }
            return rows;
        });
    }

    /**
     * Locks the sendable rows of {@code entities} (their {@code keys} in one statement; rows of those keys' other scopes
     * are left alone); returns how many of the entities had any.
     */
    private static int lockEntities(PreparedStatement lock, EntityType entityType, Set<String> keys,
                                    Set<String> entities, List<Claimed> into) throws SQLException {
        lock.setString(1, entityType.column());
        lock.setString(2, ChangeState.PENDING.column());
        lock.setArray(3, lock.getConnection().createArrayOf("VARCHAR", keys.toArray()));
        List<Claimed> found = new ArrayList<>();
        readClaimed(lock, found);
        Set<String> got = new HashSet<>();
        for (Claimed row : found) {
            String entity = entity(row.entityKey(), row.scope());
            if (entities.contains(entity)) {
                into.add(row);
                got.add(entity);
            }
        }
        return got.size();
    }

    /**
     * Every row of one type that a push would take if the type were not paused, in id order, read without claiming
     * (the preview's input).
     */
    public List<Claimed> held(Connection c, EntityType entityType) throws SQLException {
        List<Claimed> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(HELD)) {
            ps.setString(1, entityType.column());
            ps.setString(2, ChangeState.PENDING.column());
            ps.setString(3, ChangeState.SENDING.column());
            ps.setObject(4, utc(clock.instant().minus(lease)));
            readClaimed(ps, rows);
        }
        return rows;
    }

    /** The coalescing key of a row: entity key and scope. */
    public static String entity(String key, String scope) {
        return key + '\u0000' + (scope == null ? "" : scope);
    }

    private static void readClaimed(PreparedStatement ps, List<Claimed> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Claimed(rs.getLong(1), EntityType.ofColumn(rs.getString(2)), rs.getString(3), rs.getString(4),
                        Change.Operation.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7),
                        rs.getObject(8, java.time.OffsetDateTime.class).toInstant()));
            }
        }
    }

    /** Settles rows that must not be sent (e.g. Auto Sync turned off since they were written) with the reason. */
    public void skip(Connection c, Collection<Long> ids, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE change_log SET state = ?, done_at = ?, last_error = ? WHERE id = ?")) {
            for (Long id : ids) {
                ps.setString(1, ChangeState.SKIPPED.column());
                ps.setObject(2, utc(clock.instant()));
                ps.setString(3, truncate(reason));
                ps.setLong(4, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Marks rows delivered ({@code SENT}) or folded into a newer row for the same entity ({@code SUPERSEDED}). */
    public void finish(Connection c, Collection<Long> sent, Collection<Long> superseded) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE change_log SET state = ?, done_at = ?, last_error = NULL WHERE id = ?")) {
            for (Long id : sent) {
                ps.setString(1, ChangeState.SENT.column());
                ps.setObject(2, utc(now));
                ps.setLong(3, id);
                ps.addBatch();
            }
            for (Long id : superseded) {
                ps.setString(1, ChangeState.SUPERSEDED.column());
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
                ps.setString(1, (isDead ? ChangeState.DEAD : ChangeState.PENDING).column());
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

    /**
     * Gives claimed rows back without spending an attempt (they could not go yet, e.g. their product is not on the
     * storefront yet): PENDING again with the note, for a later run.
     */
    public void release(Connection c, Collection<Claimed> rows, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE change_log SET state = ?, last_error = ?, claimed_by = NULL, claimed_at = NULL WHERE id = ?")) {
            for (Claimed row : rows) {
                ps.setString(1, ChangeState.PENDING.column());
                ps.setString(2, truncate(note));
                ps.setLong(3, row.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Rows of one type waiting to go (held while paused, or not yet claimed). */
    public long pending(EntityType entityType) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM change_log WHERE entity_type = ? AND state IN (?, ?)")) {
                ps.setString(1, entityType.column());
                ps.setString(2, ChangeState.PENDING.column());
                ps.setString(3, ChangeState.SENDING.column());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Rows waiting to go (held while paused, or not yet claimed), counted per entity type. */
    public static Map<String, Long> pendingByType(Connection c) throws SQLException {
        Map<String, Long> held = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT entity_type, COUNT(*) FROM change_log WHERE state IN (?, ?) GROUP BY entity_type")) {
            ps.setString(1, ChangeState.PENDING.column());
            ps.setString(2, ChangeState.SENDING.column());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return held;
    }

    /** A dead row waits again as new (a dead letter's replay), in the caller's transaction; any other row is left. */
    public static void revive(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE change_log SET state = ?, attempts = 0, claimed_by = NULL, claimed_at = NULL, done_at = NULL WHERE id = ? AND state = ?")) {
            ps.setString(1, ChangeState.PENDING.column());
            ps.setLong(2, id);
            ps.setString(3, ChangeState.DEAD.column());
            ps.executeUpdate();
        }
    }

    public static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 3900 ? text : text.substring(0, 3900) + "...";
    }
}
