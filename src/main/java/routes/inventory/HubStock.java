package routes.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.task.RunCounters;

import static routes.platform.Times.utc;

/**
 * The hub's stock levels. Every quantity that really changes is written together with its change-log row (when the
 * SKU has Auto Sync on), in the caller's transaction: the outbox rule.
 */
public class HubStock {

    /** A stock level as some source sees it now. */
    public record Level(String sku, String location, int quantity) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HubStock.class);
    // a join with the bound array, not "sku = ANY (?)": H2 looks ANY's keys up through the index but then checks every
    // row found against the whole array again, one by one (5,000 SKUs: 25,000,000 comparisons, ~70 ms a page)
    private static final String AUTO_SYNC_FLAGS = """
            SELECT a.sku, a.enabled FROM UNNEST(?) AS k(sku) JOIN auto_sync a ON a.sku = k.sku""";
    private static final String AUTO_SYNC_NEW = "INSERT INTO auto_sync (sku, enabled, updated_at) VALUES (?, ?, ?)";

    /** How a manual adjustment reads its quantity. */
    public enum Mode { ABSOLUTE, RELATIVE }

    /** What a manual adjustment did. */
    public record Adjustment(String sku, String location, String mode, int quantity, Integer before, int after,
                             boolean changed, String reason) {
    }

    /** The SKU has neither an item row nor a stock level. */
    public static final class UnknownSku extends RuntimeException {
        public UnknownSku(String sku) {
            super("no SKU '" + sku + "' in the hub (it has no item and no stock level); GET /api/v1/products lists them");
        }
    }

    /** Input the hub refuses, naming the field at fault. */
    public static final class InvalidInput extends RuntimeException {
        private final String field;

        public InvalidInput(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final ChangeLog changeLog;
    private final AutoSyncRules rules;
    private final Clock clock;

    public HubStock(ChangeLog changeLog, AutoSyncRules rules, Clock clock) {
        this.changeLog = changeLog;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Sets absolute levels; levels equal to what the hub has are ignored.
     *
     * @return the levels that changed (in input order)
     */
    public List<Level> setLevels(Connection c, List<Level> levels, AutoSyncRules.CreatedBy origin) throws SQLException {
        Instant now = clock.instant();
        List<Level> changed = new ArrayList<>();
        int[] updated;
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE stock_level SET quantity = ?, updated_at = ? WHERE sku = ? AND location = ? AND quantity <> ?")) {
            for (Level level : levels) {
                up.setInt(1, level.quantity());
                up.setObject(2, utc(now));
                up.setString(3, level.sku());
                up.setString(4, level.location());
                up.setInt(5, level.quantity());
                up.addBatch();
            }
            updated = up.executeBatch();
        }
        List<Level> maybeNew = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            if (updated[i] > 0) {
                changed.add(levels.get(i));
            } else {
                maybeNew.add(levels.get(i));
            }
        }
        if (!maybeNew.isEmpty()) {
            int[] inserted;
            try (PreparedStatement in = c.prepareStatement("""
                    INSERT INTO stock_level (sku, location, quantity, updated_at)
                    SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM stock_level WHERE sku = ? AND location = ?)""")) {
                for (Level level : maybeNew) {
                    in.setString(1, level.sku());
                    in.setString(2, level.location());
                    in.setInt(3, level.quantity());
                    in.setObject(4, utc(now));
                    in.setString(5, level.sku());
                    in.setString(6, level.location());
                    in.addBatch();
                }
                inserted = in.executeBatch();
            }
            for (int i = 0; i < maybeNew.size(); i++) {
                if (inserted[i] > 0) {
                    changed.add(maybeNew.get(i));
                }
            }
        }
        Map<String, Boolean> autoSync = autoSync(c, changed.stream().map(Level::sku).toList(), origin, now);
        List<Change> changes = new ArrayList<>();
        for (Level level : changed) {
            if (autoSync.get(level.sku())) {
                changes.add(Change.stock(level.sku(), level.location(), level.quantity(), origin.key()));
            }
        }
        changeLog.appendAll(c, changes);
        return changed;
    }

    /**
     * The Auto Sync flags of {@code skus}: one read for all of them (a bound array, which H2 and PostgreSQL both look
     * up through the primary key); SKUs seen for the first time get the rule for how they were created, inserted in
     * one batch.
     */
    public Map<String, Boolean> autoSync(Connection c, Collection<String> skus, AutoSyncRules.CreatedBy origin,
                                         Instant now) throws SQLException {
        Map<String, Boolean> flags = new HashMap<>();
        if (skus.isEmpty()) {
            return flags;
        }
        Set<String> wanted = new LinkedHashSet<>(skus);
        try (PreparedStatement ps = c.prepareStatement(AUTO_SYNC_FLAGS)) {
            ps.setArray(1, c.createArrayOf("VARCHAR", wanted.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    flags.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        wanted.removeAll(flags.keySet());
        boolean enabled = rules.enabledFor(origin);
        insertFlags(c, wanted, enabled, now);
        for (String sku : wanted) {
            flags.put(sku, enabled);
        }
        return flags;
    }

    /** Auto Sync flags for SKUs that have none yet, in one batch. */
    private static void insertFlags(Connection c, Collection<String> skus, boolean enabled, Instant now) throws SQLException {
        if (skus.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(AUTO_SYNC_NEW)) {
            for (String sku : skus) {
                ps.setString(1, sku);
                ps.setBoolean(2, enabled);
                ps.setObject(3, utc(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Turns Auto Sync on for {@code skus} (a Sync Now does): one read of their flags, then only the SKUs switched off
     * are updated and only those without a flag get one.
     */
    public static void enableAutoSync(Connection c, Collection<String> skus, Instant now) throws SQLException {
        if (skus.isEmpty()) {
            return;
        }
        Set<String> missing = new LinkedHashSet<>(skus);
        List<String> off = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(AUTO_SYNC_FLAGS)) {
            ps.setArray(1, c.createArrayOf("VARCHAR", missing.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getString(1));
                    if (!rs.getBoolean(2)) {
                        off.add(rs.getString(1));
                    }
                }
            }
        }
        if (!off.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE auto_sync SET enabled = TRUE, updated_at = ? WHERE sku = ?")) {
                for (String sku : off) {
                    ps.setObject(1, utc(now));
                    ps.setString(2, sku);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        insertFlags(c, missing, true, now);
    }

    /** The hub's current quantity, or null when the hub has no level for that SKU and location. */
    public static Integer quantity(Connection c, String sku, String location) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT quantity FROM stock_level WHERE sku = ? AND location = ?")) {
            ps.setString(1, sku);
            ps.setString(2, location);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /** A SKU is known when it has an item row or any stock level. */
    public boolean isKnown(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 1 FROM item WHERE sku = ? UNION ALL SELECT 1 FROM stock_level WHERE sku = ?""")) {
            ps.setString(1, sku);
            ps.setString(2, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A manual adjustment (origin {@code manual}): sets or shifts one level, writes its change-log row (Auto Sync
     * permitting) and the audit row, all in the caller's transaction. Refuses an unknown SKU and a negative result
     * before writing anything.
     */
    public Adjustment adjust(Connection c, String sku, String location, Mode mode, int quantity, String reason)
            throws SQLException {
        if (!isKnown(c, sku)) {
            throw new UnknownSku(sku);
        }
        Integer before;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT quantity FROM stock_level WHERE sku = ? AND location = ? FOR UPDATE")) {
            ps.setString(1, sku);
            ps.setString(2, location);
            try (ResultSet rs = ps.executeQuery()) {
                before = rs.next() ? rs.getInt(1) : null;
            }
        }
        long result = mode == Mode.ABSOLUTE ? quantity : (long) (before == null ? 0 : before) + quantity;
        if (result < 0 || result > Integer.MAX_VALUE) {
            throw new InvalidInput("quantity", "the resulting quantity of " + sku + " at " + location + " would be "
                    + result + (mode == Mode.RELATIVE ? " (" + (before == null ? 0 : before) + " + " + quantity + ")" : "")
                    + "; a stock level cannot be negative");
        }
        int after = (int) result;
        boolean changed = !setLevels(c, List.of(new Level(sku, location, after)), AutoSyncRules.CreatedBy.MANUAL).isEmpty();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO stock_adjustment (sku, location, mode, quantity, before_qty, after_qty, reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, sku);
            ps.setString(2, location);
            ps.setString(3, mode.name().toLowerCase(java.util.Locale.ROOT));
            ps.setInt(4, quantity);
            if (before == null) {
                ps.setNull(5, java.sql.Types.INTEGER);
            } else {
                ps.setInt(5, before);
            }
            ps.setInt(6, after);
            ps.setString(7, reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000));
            ps.setObject(8, utc(clock.instant()));
            ps.executeUpdate();
        }
        return new Adjustment(sku, location, mode.name().toLowerCase(java.util.Locale.ROOT), quantity, before, after,
                changed, reason);
    }

    /**
     * Deletes one stock level and logs a DELETE for it (never held by a pause, sent whatever Auto Sync says).
     *
     * @return false when the hub had no such level
     */
    public boolean deleteLevel(Connection c, String sku, String location, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM stock_level WHERE sku = ? AND location = ?")) {
            ps.setString(1, sku);
            ps.setString(2, location);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        changeLog.append(c, Change.stockDeleted(sku, location, origin));
        return true;
    }

    /** Marks an item deleted and deletes all its stock levels (a DELETE row each). Returns the levels deleted. */
    public int deleteItem(Connection c, String sku, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE item SET deleted = TRUE, updated_at = ? WHERE sku = ?")) {
            ps.setObject(1, utc(clock.instant()));
            ps.setString(2, sku);
            ps.executeUpdate();
        }
        List<String> locations = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT location FROM stock_level WHERE sku = ? ORDER BY location")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locations.add(rs.getString(1));
                }
            }
        }
        for (String location : locations) {
            deleteLevel(c, sku, location, origin);
        }
        return locations.size();
    }

    /**
     * An item an order import names but the hub does not know: created at quantity 0 (ORDER_IMPORT). When the rule
     * for order imports turns Auto Sync on, that 0 is pushed at once: the run record and the log say so.
     *
     * @return true when the item was created (false: it existed)
     */
    public boolean createFromOrderImport(Connection c, String sku, String name, String location, RunCounters run)
            throws SQLException {
        if (isKnown(c, sku)) {
            return false;
        }
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO item (sku, name, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)""")) {
            ps.setString(1, sku);
            ps.setString(2, name == null || name.isBlank() ? sku : name);
            ps.setString(3, AutoSyncRules.CreatedBy.ORDER_IMPORT.name());
            ps.setObject(4, utc(now));
            ps.setObject(5, utc(now));
            ps.executeUpdate();
        }
        setLevels(c, List.of(new Level(sku, location, 0)), AutoSyncRules.CreatedBy.ORDER_IMPORT);
        if (rules.enabledFor(AutoSyncRules.CreatedBy.ORDER_IMPORT)) {
            String warning = "item " + sku + " was created by an order import at quantity 0 and Auto Sync is on for"
                    + " order imports (synchub.auto-sync.rule.order-import=true): 0 will be pushed to the storefront";
            LOG.warn(warning);
            if (run != null) {
                run.note(warning);
            }
        }
        return true;
    }
}
