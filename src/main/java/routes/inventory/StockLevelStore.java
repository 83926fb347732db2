package routes.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import routes.changelog.ChangeLog;
import routes.inventory.HubStock.Level;

import static routes.platform.Times.utc;

/**
 * Table {@code stock_level}: the hub's quantity per SKU and location. The only place that table's SQL lives. Sync
 * Now's filter reads {@code item} too (category, brand, deleted): a selection of stock levels, so it lives here.
 */
public final class StockLevelStore {

    private static final String UPDATE_CHANGED =
            "UPDATE stock_level SET quantity = ?, updated_at = ? WHERE sku = ? AND location = ? AND quantity <> ?";
    private static final String INSERT_MISSING = """
            INSERT INTO stock_level (sku, location, quantity, updated_at)
            SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM stock_level WHERE sku = ? AND location = ?)""";
    private static final String QUANTITY = "SELECT quantity FROM stock_level WHERE sku = ? AND location = ?";
    private static final String QUANTITY_FOR_UPDATE =
            "SELECT quantity FROM stock_level WHERE sku = ? AND location = ? FOR UPDATE";
    private static final String LEVELS_OF = """
            SELECT s.sku, s.location, s.quantity FROM UNNEST(?) AS k(sku) JOIN stock_level s ON s.sku = k.sku
             ORDER BY s.sku, s.location""";
    private static final String LEVELS_BY_ENTITY = """
            SELECT s.sku, s.location, s.quantity FROM UNNEST(?) AS k(sku) JOIN stock_level s ON s.sku = k.sku""";
    private static final String LEVELS_BETWEEN = """
            SELECT sku, location, quantity FROM stock_level
             WHERE sku >= ? AND sku <= ?
             ORDER BY sku, location
             FETCH FIRST ? ROWS ONLY""";
    private static final String COUNT_OF_SKU = "SELECT COUNT(*) FROM stock_level WHERE sku = ?";
    private static final String LEVELS_OF_SKU =
            "SELECT location, quantity FROM stock_level WHERE sku = ? ORDER BY location";
    private static final String LOCATIONS_OF_SKU = "SELECT location FROM stock_level WHERE sku = ? ORDER BY location";
    private static final String DELETE = "DELETE FROM stock_level WHERE sku = ? AND location = ?";
    private static final String TOTALS_BY_SKU = "SELECT sku, SUM(quantity) FROM stock_level GROUP BY sku";

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

    private StockLevelStore() {
    }

    /** Sets each level whose quantity differs; returns, per level in input order, the rows updated (0 or 1). */
    static int[] updateChanged(Connection c, List<Level> levels, Instant now) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(UPDATE_CHANGED)) {
            for (Level level : levels) {
                up.setInt(1, level.quantity());
                up.setObject(2, utc(now));
                up.setString(3, level.sku());
                up.setString(4, level.location());
                up.setInt(5, level.quantity());
                up.addBatch();
            }
            return up.executeBatch();
        }
    }

    /** Inserts each level the hub has no row for; returns, per level in input order, the rows inserted (0 or 1). */
    static int[] insertMissing(Connection c, List<Level> levels, Instant now) throws SQLException {
        try (PreparedStatement in = c.prepareStatement(INSERT_MISSING)) {
            for (Level level : levels) {
                in.setString(1, level.sku());
                in.setString(2, level.location());
                in.setInt(3, level.quantity());
                in.setObject(4, utc(now));
                in.setString(5, level.sku());
                in.setString(6, level.location());
                in.addBatch();
            }
            return in.executeBatch();
        }
    }

    /** The hub's current quantity, or null when the hub has no level for that SKU and location. */
    public static Integer quantity(Connection c, String sku, String location) throws SQLException {
        return quantity(c, QUANTITY, sku, location);
    }

    /** {@link #quantity}, with the row locked until the caller's transaction ends. */
    static Integer quantityForUpdate(Connection c, String sku, String location) throws SQLException {
        return quantity(c, QUANTITY_FOR_UPDATE, sku, location);
    }

    private static Integer quantity(Connection c, String sql, String sku, String location) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sku);
            ps.setString(2, location);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /** The levels of {@code skus}, by SKU and then location in location order: one read for all of them. */
    public static Map<String, Map<String, Integer>> levels(Connection c, Collection<String> skus) throws SQLException {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        if (skus.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(LEVELS_OF)) {
            ps.setArray(1, c.createArrayOf("VARCHAR", new LinkedHashSet<>(skus).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        return out;
    }

    /** Every current level of the SKUs, by {@link ChangeLog#entity(String, String)}. */
    static Map<String, Integer> levelsByEntity(Connection c, Set<String> skus) throws SQLException {
        Map<String, Integer> levels = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LEVELS_BY_ENTITY)) {
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
    static Map<String, Integer> levelsBetween(Connection c, String first, String last, int limit) throws SQLException {
        Map<String, Integer> levels = new HashMap<>(limit / 2);
        try (PreparedStatement ps = c.prepareStatement(LEVELS_BETWEEN)) {
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
    static long countLevels(Connection c, List<String> skus) throws SQLException {
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(COUNT_OF_SKU)) {
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
    static long countLevels(Connection c, SyncNow.Filter filter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SYNC_NOW_COUNT)) {
            bindFilter(ps, filter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The next {@code pageSize} levels a Sync Now filter selects after the cursor, in (sku, location) order. */
    static List<Level> filterPage(Connection c, SyncNow.Filter filter, String afterSku, String afterLoc, int pageSize)
            throws SQLException {
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
    static List<Level> skuPage(Connection c, List<String> skus, String afterSku, int pageSize) throws SQLException {
        List<Level> page = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LEVELS_OF_SKU)) {
            for (String sku : new TreeSet<>(skus).tailSet(afterSku, false)) {
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

    /** The locations the SKU has a level at, in location order. */
    static List<String> locations(Connection c, String sku) throws SQLException {
        List<String> locations = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LOCATIONS_OF_SKU)) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locations.add(rs.getString(1));
                }
            }
        }
        return locations;
    }

    /** Deletes one level; false when the hub had no such level. */
    static boolean delete(Connection c, String sku, String location) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, sku);
            ps.setString(2, location);
            return ps.executeUpdate() > 0;
        }
    }

    /** Each SKU's quantity over all its locations, in SKU order. */
    static Map<String, Long> totalsBySku(Connection c) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(TOTALS_BY_SKU); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Binds the filter's ten parameters; returns the next parameter index. */
    private static int bindFilter(PreparedStatement ps, SyncNow.Filter filter) throws SQLException {
        SyncNow.Filter f = filter == null ? new SyncNow.Filter(null, null, null, null, null) : filter;
        bindText(ps, 1, f.category());
        bindText(ps, 3, f.brand());
        bindText(ps, 5, f.location());
        for (int i = 7; i <= 8; i++) {
            if (f.stockBelow() == null) {
                ps.setNull(i, Types.INTEGER);
            } else {
                ps.setInt(i, f.stockBelow());
            }
        }
        for (int i = 9; i <= 10; i++) {
            if (f.changedSince() == null) {
                ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(i, utc(Instant.parse(f.changedSince())));
            }
        }
        return 11;
    }

    private static void bindText(PreparedStatement ps, int index, String value) throws SQLException {
        for (int i = index; i <= index + 1; i++) {
            if (value == null) {
                ps.setNull(i, Types.VARCHAR);
            } else {
                ps.setString(i, value);
            }
        }
    }
}
