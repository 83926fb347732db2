package routes.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static routes.platform.Times.utc;

/**
 * Table {@code auto_sync}: each SKU's Auto Sync flag. The only place that table's SQL lives. SKUs are looked up as a
 * join with a bound array, not "sku = ANY (?)": H2 looks ANY's keys up through the index but then checks every row
 * found against the whole array again, one by one (5,000 SKUs: 25,000,000 comparisons, ~70 ms a page).
 */
public final class AutoSyncStore {

    private AutoSyncStore() {
    }

    /** The flags the SKUs have (a SKU without a row is absent): one read for all of them. */
    public static Map<String, Boolean> flags(Connection c, Collection<String> skus) throws SQLException {
        Map<String, Boolean> flags = new HashMap<>();
        if (skus.isEmpty()) {
            return flags;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.sku, a.enabled FROM UNNEST(?) AS k(sku) JOIN auto_sync a ON a.sku = k.sku""")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", skus.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    flags.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return flags;
    }

    /** The SKUs switched off; a SKU with no row was never switched off. */
    public static Set<String> switchedOff(Connection c, Collection<String> skus) throws SQLException {
        Set<String> off = new HashSet<>();
        if (skus.isEmpty()) {
            return off;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.sku FROM UNNEST(?) AS k(sku) JOIN auto_sync a ON a.sku = k.sku WHERE a.enabled = FALSE""")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", skus.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    off.add(rs.getString(1));
                }
            }
        }
        return off;
    }

    /** Flags for SKUs that have none yet, in one batch. */
    public static void insert(Connection c, Collection<String> skus, boolean enabled, Instant now) throws SQLException {
        if (skus.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO auto_sync (sku, enabled, updated_at) VALUES (?, ?, ?)")) {
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
     * Sets the flag of {@code skus} (the upsert): one read of their flags, then only the SKUs with the other value are
     * updated and only those without a flag get one.
     */
    public static void set(Connection c, Collection<String> skus, boolean enabled, Instant now) throws SQLException {
        if (skus.isEmpty()) {
            return;
        }
        Set<String> missing = new LinkedHashSet<>(skus);
        Map<String, Boolean> flags = flags(c, missing);
        missing.removeAll(flags.keySet());
        List<String> other = new ArrayList<>();
        for (Map.Entry<String, Boolean> flag : flags.entrySet()) {
            if (flag.getValue() != enabled) {
                other.add(flag.getKey());
            }
        }
        if (!other.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE auto_sync SET enabled = ?, updated_at = ? WHERE sku = ?")) {
                for (String sku : other) {
                    ps.setBoolean(1, enabled);
                    ps.setObject(2, utc(now));
                    ps.setString(3, sku);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        insert(c, missing, enabled, now);
    }
}
