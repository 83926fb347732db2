package routes.change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static routes.hub.Times.utc;

/**
 * The hub's stock levels. Every quantity that really changes is written together with its change-log row (when the
 * SKU has Auto Sync on), in the caller's transaction: the outbox rule.
 */
public class HubStock {

    /** A stock level as some source sees it now. */
    public record Level(String sku, String location, int quantity) {
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
        List<Change> changes = new ArrayList<>();
        for (Level level : changed) {
            if (autoSync(c, level.sku(), origin, now)) {
                changes.add(Change.stock(level.sku(), level.location(), level.quantity(), origin.key()));
            }
        }
        changeLog.appendAll(c, changes);
        return changed;
    }

    /** The SKU's Auto Sync flag; a SKU seen for the first time gets the rule for how it was created. */
    public boolean autoSync(Connection c, String sku, AutoSyncRules.CreatedBy origin, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT enabled FROM auto_sync WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getBoolean(1);
                }
            }
        }
        boolean enabled = rules.enabledFor(origin);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO auto_sync (sku, enabled, updated_at) VALUES (?, ?, ?)")) {
            ps.setString(1, sku);
            ps.setBoolean(2, enabled);
            ps.setObject(3, utc(now));
            ps.executeUpdate();
        }
        return enabled;
    }

    /** The hub's current quantity, or null when the hub has no level for that SKU and location. */
    public Integer quantity(Connection c, String sku, String location) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT quantity FROM stock_level WHERE sku = ? AND location = ?")) {
            ps.setString(1, sku);
            ps.setString(2, location);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }
}
