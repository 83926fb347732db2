package routes.drift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import routes.platform.NullableParams;
import routes.platform.Times;

import static routes.platform.Times.utc;

/** Table {@code drift_item}: the drift task reconcile last found. The only place that table's SQL lives. */
public final class DriftStore {

    /** A drifted level as a reconcile run found it: a row to write. */
    public record Found(String sku, String location, long locationId, Long variantId, DriftKind kind, int hub, int store,
                        Integer pushed, Instant pushedAt, Instant storeChangedAt) {
    }

    /** A row of the report. {@code repairQuantity} / {@code repairedAt}: what a repair queued, if one did. */
    public record Item(String sku, String location, long locationId, Long variantId, DriftKind kind, int hub, int store,
                       Integer pushed, Instant pushedAt, Instant storeChangedAt, Instant firstSeenAt, Instant seenAt,
                       Integer repairQuantity, Instant repairedAt) {
    }

    private static final String COLUMNS = """
            SELECT sku, location, location_id, variant_id, kind, hub_quantity, store_quantity, pushed_quantity, pushed_at,
                   store_changed_at, first_seen_at, seen_at, repair_quantity, repaired_at
              FROM drift_item""";

    // a repair stays queued while its level is still the hub's and no push went out after it; otherwise it is cleared,
    // so drift that comes back after a repair was sent is repaired again (SET expressions see the row's old values)
    private static final String UPDATE = """
            UPDATE drift_item
               SET location_id = ?, variant_id = ?, kind = ?, hub_quantity = ?, store_quantity = ?, pushed_quantity = ?,
                   pushed_at = ?, store_changed_at = ?, seen_at = ?, run_id = ?,
                   repair_quantity = CASE WHEN repair_quantity = ? AND (CAST(? AS TIMESTAMP WITH TIME ZONE) IS NULL
                                               OR CAST(? AS TIMESTAMP WITH TIME ZONE) < repaired_at)
                                          THEN repair_quantity END,
                   repaired_at = CASE WHEN repair_quantity = ? AND (CAST(? AS TIMESTAMP WITH TIME ZONE) IS NULL
                                           OR CAST(? AS TIMESTAMP WITH TIME ZONE) < repaired_at)
                                      THEN repaired_at END
             WHERE sku = ? AND location = ?""";

    private static final String INSERT = """
            INSERT INTO drift_item (sku, location, location_id, variant_id, kind, hub_quantity, store_quantity,
                                    pushed_quantity, pushed_at, store_changed_at, first_seen_at, seen_at, run_id)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
             WHERE NOT EXISTS (SELECT 1 FROM drift_item WHERE sku = ? AND location = ?)""";

    private DriftStore() {
    }

    /** Writes what a run found: rows seen before keep their first-seen time. In the caller's transaction. */
    public static void upsert(Connection c, List<Found> found, long runId, Instant now) throws SQLException {
        if (found.isEmpty()) {
            return;
        }
        int[] updated;
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (Found f : found) {
                ps.setLong(1, f.locationId());
                NullableParams.setLong(ps, 2, f.variantId());
                ps.setString(3, f.kind().column());
                ps.setInt(4, f.hub());
                ps.setInt(5, f.store());
                NullableParams.setInt(ps, 6, f.pushed());
                ps.setObject(7, utc(f.pushedAt()));
                ps.setObject(8, utc(f.storeChangedAt()));
                ps.setObject(9, utc(now));
                ps.setLong(10, runId);
                for (int first : new int[] {11, 14}) {
                    ps.setInt(first, f.hub());
                    ps.setObject(first + 1, utc(f.pushedAt()));
                    ps.setObject(first + 2, utc(f.pushedAt()));
                }
                ps.setString(17, f.sku());
                ps.setString(18, f.location());
                ps.addBatch();
            }
            updated = ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            boolean any = false;
            for (int i = 0; i < found.size(); i++) {
                if (updated[i] > 0) {
                    continue;
                }
                Found f = found.get(i);
                ps.setString(1, f.sku());
                ps.setString(2, f.location());
                ps.setLong(3, f.locationId());
                NullableParams.setLong(ps, 4, f.variantId());
                ps.setString(5, f.kind().column());
                ps.setInt(6, f.hub());
                ps.setInt(7, f.store());
                NullableParams.setInt(ps, 8, f.pushed());
                ps.setObject(9, utc(f.pushedAt()));
                ps.setObject(10, utc(f.storeChangedAt()));
                ps.setObject(11, utc(now));
                ps.setObject(12, utc(now));
                ps.setLong(13, runId);
                ps.setString(14, f.sku());
                ps.setString(15, f.location());
                ps.addBatch();
                any = true;
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    /** Drops the rows run {@code runId} did not see (drift since resolved); returns how many. */
    public static int forgetNotSeenIn(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM drift_item WHERE run_id <> ?")) {
            ps.setLong(1, runId);
            return ps.executeUpdate();
        }
    }

    public static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM drift_item");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One page of the report, in SKU and location order. */
    public static List<Item> page(Connection c, long offset, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + """

                 ORDER BY sku, location
                 OFFSET ? ROWS FETCH NEXT ? ROWS ONLY""")) {
            ps.setLong(1, offset);
            ps.setInt(2, limit);
            return items(ps);
        }
    }

    /** Up to {@code limit} rows no repair has queued, after ({@code sku}, {@code location}) in key order ("" for the first). */
    public static List<Item> unrepairedAfter(Connection c, String sku, String location, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + """

                 WHERE repaired_at IS NULL AND sku >= ? AND (sku > ? OR location > ?)
                 ORDER BY sku, location
                 FETCH FIRST ? ROWS ONLY""")) {
            ps.setString(1, sku);
            ps.setString(2, sku);
            ps.setString(3, location);
            ps.setInt(4, limit);
            return items(ps);
        }
    }

    /** Marks rows as repaired: the level queued in the change log, at {@code now}. In the caller's transaction. */
    public static void markRepaired(Connection c, List<Item> items, List<Integer> quantities, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE drift_item SET repair_quantity = ?, repaired_at = ? WHERE sku = ? AND location = ?")) {
            for (int i = 0; i < items.size(); i++) {
                ps.setInt(1, quantities.get(i));
                ps.setObject(2, utc(now));
                ps.setString(3, items.get(i).sku());
                ps.setString(4, items.get(i).location());
                ps.addBatch();
            }
            if (!items.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    private static List<Item> items(PreparedStatement ps) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Item(rs.getString("sku"), rs.getString("location"), rs.getLong("location_id"),
                        rs.getObject("variant_id", Long.class),
                        DriftKind.fromColumn(rs.getString("kind")).orElse(DriftKind.STORE_CHANGED),
                        rs.getInt("hub_quantity"), rs.getInt("store_quantity"), rs.getObject("pushed_quantity", Integer.class),
                        Times.instant(rs, "pushed_at"), Times.instant(rs, "store_changed_at"),
                        Times.instant(rs, "first_seen_at"), Times.instant(rs, "seen_at"),
                        rs.getObject("repair_quantity", Integer.class), Times.instant(rs, "repaired_at")));
            }
        }
        return out;
    }
}
