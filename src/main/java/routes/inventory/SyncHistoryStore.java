package routes.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import routes.changelog.ChangeLog;

import static routes.platform.Times.utc;

/** Table {@code sync_history}: what each push sent, per SKU. The only place that table's SQL lives. */
public final class SyncHistoryStore {

    /** One level a push sent (or tried to): a row to write. {@code changeId} is null for a Sync Now row. */
    public record Row(String sku, String location, int quantity, String storefront, String status, String message,
                      Long changeId, long runId, Instant at) {
    }

    /** One history row as the admin API shows it. */
    public record Push(Instant at, String location, Integer quantity, String storefront, String status, String message) {
    }

    private SyncHistoryStore() {
    }

    /** Writes the rows in one batch, in the caller's transaction. */
    public static void insert(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sync_history (sku, entity_type, location, quantity, storefront, status, message, change_id, run_id, pushed_at)
                VALUES (?, 'inventory', ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Row row : rows) {
                ps.setString(1, row.sku());
                ps.setString(2, row.location());
                ps.setInt(3, row.quantity());
                ps.setString(4, row.storefront());
                ps.setString(5, row.status());
                ps.setString(6, ChangeLog.truncate(row.message()));
                if (row.changeId() == null) {
                    ps.setNull(7, Types.BIGINT);
                } else {
                    ps.setLong(7, row.changeId());
                }
                ps.setLong(8, row.runId());
                ps.setObject(9, utc(row.at()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The newest {@code max} rows of one SKU, newest first. */
    public static List<Push> newest(Connection c, String sku, int max) throws SQLException {
        List<Push> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT pushed_at, location, quantity, storefront, status, message FROM sync_history
                 WHERE sku = ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY""")) {
            ps.setString(1, sku);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(push(rs, 1));
                }
            }
        }
        return out;
    }

    /**
     * The newest row of each of {@code skus} (SKUs never pushed are absent): one query, each SKU's row found through
     * index {@code sync_history_sku} as a single-SKU read would.
     */
    public static Map<String, Push> lastBySku(Connection c, Collection<String> skus) throws SQLException {
        Map<String, Push> out = new HashMap<>();
        if (skus.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT h.sku, h.pushed_at, h.location, h.quantity, h.storefront, h.status, h.message
                  FROM UNNEST(?) AS k(sku)
                  JOIN sync_history h ON h.id = (SELECT l.id FROM sync_history l WHERE l.sku = k.sku
                                                  ORDER BY l.id DESC FETCH FIRST 1 ROWS ONLY)""")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", new LinkedHashSet<>(skus).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), push(rs, 2));
                }
            }
        }
        return out;
    }

    /** A SKU at a hub location. */
    public record Position(String sku, String location) {
    }

    /**
     * What SyncHub last sent (a push that did not fail) to each of {@code positions}: one query, each row found through
     * index {@code sync_history_sku}; positions never pushed are absent.
     */
    public static Map<Position, Push> lastSent(Connection c, Collection<Position> positions) throws SQLException {
        Map<Position, Push> out = new HashMap<>();
        if (positions.isEmpty()) {
            return out;
        }
        List<Position> distinct = List.copyOf(new LinkedHashSet<>(positions));
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT h.sku, h.pushed_at, h.location, h.quantity, h.storefront, h.status, h.message
                  FROM UNNEST(?, ?) AS k(sku, location)
                  JOIN sync_history h ON h.id = (SELECT l.id FROM sync_history l
                                                  WHERE l.sku = k.sku AND l.location = k.location AND l.status <> 'failed'
                                                  ORDER BY l.id DESC FETCH FIRST 1 ROWS ONLY)""")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", distinct.stream().map(Position::sku).toArray()));
            ps.setArray(2, c.createArrayOf("VARCHAR", distinct.stream().map(Position::location).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Push push = push(rs, 2);
                    out.put(new Position(rs.getString(1), push.location()), push);
                }
            }
        }
        return out;
    }

    private static Push push(ResultSet rs, int first) throws SQLException {
        OffsetDateTime at = rs.getObject(first, OffsetDateTime.class);
        return new Push(at == null ? null : at.toInstant(), rs.getString(first + 1), rs.getObject(first + 2, Integer.class),
                rs.getString(first + 3), rs.getString(first + 4), rs.getString(first + 5));
    }
}
