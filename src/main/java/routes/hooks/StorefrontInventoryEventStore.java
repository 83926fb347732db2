package routes.hooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static routes.platform.Times.utc;
import routes.platform.NullableParams;

/**
 * Table {@code storefront_inventory_event}: stock changes made on the storefront, as BigCommerce reported them. They
 * are recorded for a drift report, never applied to hub stock. The only place its SQL lives; calls run in the
 * caller's transaction.
 */
public final class StorefrontInventoryEventStore {

    /** One recorded change, as a drift report reads it. */
    public record Recorded(long id, String scope, Long productId, Long variantId, Long skuId, String method, Integer value,
                           Instant eventCreatedAt) {
    }

    private StorefrontInventoryEventStore() {
    }

    static void record(Connection c, StorefrontCallback event, Instant receivedAt) throws SQLException {
        boolean sku = event.scope().startsWith("store/sku/");
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO storefront_inventory_event (hash, scope, product_id, variant_id, sku_id, method, change_value,
                                                        event_created_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, event.hash());
            ps.setString(2, event.scope());
            NullableParams.setLong(ps, 3, event.productId() != null ? event.productId() : sku ? null : event.resourceId());
            NullableParams.setLong(ps, 4, event.variantId());
            NullableParams.setLong(ps, 5, sku ? event.resourceId() : null);
            ps.setString(6, event.method());
            NullableParams.setInt(ps, 7, event.value());
            ps.setObject(8, utc(event.createdAt()));
            ps.setObject(9, utc(receivedAt));
            ps.executeUpdate();
        }
    }

    /** The newest {@code limit} recorded changes, newest first. */
    public static List<Recorded> newest(Connection c, int limit) throws SQLException {
        List<Recorded> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, scope, product_id, variant_id, sku_id, method, change_value, event_created_at
                FROM storefront_inventory_event ORDER BY id DESC""")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Recorded(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
                            rs.getObject(4, Long.class), rs.getObject(5, Long.class), rs.getString(6),
                            rs.getObject(7, Integer.class), rs.getObject(8, java.time.OffsetDateTime.class).toInstant()));
                }
            }
        }
        return out;
    }

    /** The newest recorded change of each of {@code variantIds} (by the payload's time); variants with none are absent. */
    public static java.util.Map<Long, Instant> newestByVariant(Connection c, java.util.Collection<Long> variantIds)
            throws SQLException {
        java.util.Map<Long, Instant> out = new java.util.HashMap<>();
        if (variantIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT variant_id, MAX(event_created_at) FROM storefront_inventory_event
                 WHERE variant_id = ANY (?) GROUP BY variant_id""")) {
            ps.setArray(1, c.createArrayOf("BIGINT", new java.util.LinkedHashSet<>(variantIds).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
                }
            }
        }
        return out;
    }

}
