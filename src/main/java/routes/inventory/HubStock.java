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

    // Sync Now's selection: the same filter in both (bind the same first ten parameters); whole statements, nothing pasted together
    private static final String SYNC_NOW_COUNT = """
            SELECT COUNT(*)
              FROM stock_level s LEFT JOIN item i ON i.sku = s.sku
             WHERE (CAST(? AS VARCHAR(200)) IS NULL OR i.category = ?)
               AND (CAST(? AS VARCHAR(200)) IS NULL OR i.brand = ?)
               AND (CAST(? AS VARCHAR(50)) IS NULL OR s.location = ?)
               AND (CAST(? AS INTEGER) IS NULL OR s.quantity < ?)
               AND (CAST(? AS TIMESTAMP WITH TIME ZONE) IS NULL OR s.updated_at >= ?)
               AND (i.deleted IS NULL OR i.deleted = FALSE)""";
    private static final String SYNC_NOW_PAGE = """
            SELECT s.sku, s.location, s.quantity
              FROM stock_level s LEFT JOIN item i ON i.sku = s.sku
             WHERE (CAST(? AS VARCHAR(200)) IS NULL OR i.category = ?)
               AND (CAST(? AS VARCHAR(200)) IS NULL OR i.brand = ?)
               AND (CAST(? AS VARCHAR(50)) IS NULL OR s.location = ?)
               AND (CAST(? AS INTEGER) IS NULL OR s.quantity < ?)
               AND (CAST(? AS TIMESTAMP WITH TIME ZONE) IS NULL OR s.updated_at >= ?)
               AND (i.deleted IS NULL OR i.deleted = FALSE)
               AND s.sku >= ? AND (s.sku > ? OR (s.sku = ? AND s.location > ?))
             ORDER BY s.sku, s.location
             FETCH FIRST ? ROWS ONLY""";

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
        flags.putAll(AutoSyncStore.flags(c, wanted));
        wanted.removeAll(flags.keySet());
        boolean enabled = rules.enabledFor(origin);
        AutoSyncStore.insert(c, wanted, enabled, now);
        for (String sku : wanted) {
            flags.put(sku, enabled);
        }
        return flags;
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

    /** A SKU as the product list names it. */
    public record Named(String sku, String name) {
    }

    /**
     * One page of the SKUs the hub knows (an item or a stock level) in SKU order, with their item names; {@code like}
     * (a lower-case LIKE pattern, or null for all) matches the SKU or the name.
     */
    public static List<Named> page(Connection c, String like, long skip, int max) throws SQLException {
        List<Named> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT k.sku, i.name
                  FROM (SELECT sku FROM item UNION SELECT sku FROM stock_level) k
                  LEFT JOIN item i ON i.sku = k.sku
                 WHERE CAST(? AS VARCHAR(300)) IS NULL OR LOWER(k.sku) LIKE ? OR LOWER(i.name) LIKE ?
                 ORDER BY k.sku
                 OFFSET ? ROWS FETCH NEXT ? ROWS ONLY""")) {
            ps.setString(1, like);
            ps.setString(2, like);
            ps.setString(3, like);
            ps.setLong(4, skip);
            ps.setInt(5, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Named(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** The levels of {@code skus}, by SKU and then location in location order: one read for all of them. */
    public static Map<String, Map<String, Integer>> levels(Connection c, Collection<String> skus) throws SQLException {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        if (skus.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.sku, s.location, s.quantity FROM UNNEST(?) AS k(sku) JOIN stock_level s ON s.sku = k.sku
                 ORDER BY s.sku, s.location""")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", new LinkedHashSet<>(skus).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new java.util.LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        return out;
    }

    /** Every current level of the SKUs, by {@link ChangeLog#entity(String, String)}. */
    public static Map<String, Integer> levelsByEntity(Connection c, Set<String> skus) throws SQLException {
        Map<String, Integer> levels = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT s.sku, s.location, s.quantity FROM UNNEST(?) AS k(sku) JOIN stock_level s ON s.sku = k.sku""")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", skus.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    levels.put(ChangeLog.entity(rs.getString(1), rs.getString(2)), rs.getInt(3));
                }
            }
        }
        return levels;
    }

    /**
     * The levels of SKUs {@code first} to {@code last} (one primary-key range), by {@link ChangeLog#entity}, or null
     * when the range holds more than {@code limit} levels.
     */
    public static Map<String, Integer> levelsBetween(Connection c, String first, String last, int limit)
            throws SQLException {
        Map<String, Integer> levels = new HashMap<>(limit / 2);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT sku, location, quantity FROM stock_level
                 WHERE sku >= ? AND sku <= ?
                 ORDER BY sku, location
                 FETCH FIRST ? ROWS ONLY""")) {
            ps.setString(1, first);
            ps.setString(2, last);
            ps.setInt(3, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (levels.size() == limit) {
                        return null;
                    }
                    levels.put(ChangeLog.entity(rs.getString(1), rs.getString(2)), rs.getInt(3));
                }
            }
        }
        return levels;
    }

    /** How many levels the SKUs have (a Sync Now's total). */
    public static long countLevels(Connection c, List<String> skus) throws SQLException {
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM stock_level WHERE sku = ?")) {
            for (String sku : skus) {
                ps.setString(1, sku);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    /** How many levels a Sync Now filter selects (a Sync Now's total). */
    public static long countLevels(Connection c, SyncNow.Filter filter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SYNC_NOW_COUNT)) {
            bindFilter(ps, filter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The next {@code pageSize} levels a Sync Now filter selects after the cursor, in (sku, location) order. */
    public static List<Level> filterPage(Connection c, SyncNow.Filter filter, String afterSku, String afterLoc,
                                         int pageSize) throws SQLException {
        List<Level> page = new ArrayList<>(pageSize);
        try (PreparedStatement ps = c.prepareStatement(SYNC_NOW_PAGE)) {
            int next = bindFilter(ps, filter);
            // the plain range bound lets the primary key seek to the cursor (the OR alone made every page a full scan)
            ps.setString(next, afterSku);
            ps.setString(next + 1, afterSku);
            ps.setString(next + 2, afterSku);
            ps.setString(next + 3, afterLoc);
            ps.setInt(next + 4, pageSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(new Level(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return page;
    }

    /** The next SKUs of the (sorted) list after the cursor, with all their levels, about a page's worth. */
    public static List<Level> skuPage(Connection c, List<String> skus, String afterSku, int pageSize) throws SQLException {
        List<Level> page = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT location, quantity FROM stock_level WHERE sku = ? ORDER BY location")) {
            for (String sku : new java.util.TreeSet<>(skus).tailSet(afterSku, false)) {
                ps.setString(1, sku);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(new Level(sku, rs.getString(1), rs.getInt(2)));
                    }
                }
                if (page.size() >= pageSize) {
                    break;
                }
            }
        }
        return page;
    }

    /** Binds the filter's ten parameters; returns the next parameter index. */
    private static int bindFilter(PreparedStatement ps, SyncNow.Filter filter) throws SQLException {
        SyncNow.Filter f = filter == null ? new SyncNow.Filter(null, null, null, null, null) : filter;
        bindText(ps, 1, f.category());
        bindText(ps, 3, f.brand());
        bindText(ps, 5, f.location());
        for (int i = 7; i <= 8; i++) {
            if (f.stockBelow() == null) {
                ps.setNull(i, java.sql.Types.INTEGER);
            } else {
                ps.setInt(i, f.stockBelow());
            }
        }
        for (int i = 9; i <= 10; i++) {
            if (f.changedSince() == null) {
                ps.setNull(i, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(i, utc(Instant.parse(f.changedSince())));
            }
        }
        return 11;
    }

    private static void bindText(PreparedStatement ps, int index, String value) throws SQLException {
        for (int i = index; i <= index + 1; i++) {
            if (value == null) {
                ps.setNull(i, java.sql.Types.VARCHAR);
            } else {
                ps.setString(i, value);
            }
        }
    }

    /** Sets a known SKU's Auto Sync flag; an unknown SKU is refused. */
    public void setAutoSync(Connection c, String sku, boolean enabled) throws SQLException {
        if (!isKnown(c, sku)) {
            throw new UnknownSku(sku);
        }
        AutoSyncStore.set(c, List.of(sku), enabled, clock.instant());
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
