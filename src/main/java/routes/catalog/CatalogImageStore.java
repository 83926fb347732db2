package routes.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What images-push reads of table {@code item_image} (the images the hub holds for a product, by URL) and of table
 * {@code item} (the product's storefront id, which catalog-push keeps there).
 */
final class CatalogImageStore {

    /** An image as the hub holds it now. */
    record HubImage(String url, int sortOrder, String description) {
    }

    /** The product's images by URL. */
    Map<String, HubImage> images(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT url, sort_order, description
                  FROM item_image WHERE sku = ? ORDER BY sort_order, url""")) {
            ps.setString(1, sku);
            Map<String, HubImage> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new HubImage(rs.getString(1), rs.getInt(2),
                            rs.getString(3) == null ? "" : rs.getString(3)));
                }
            }
            return out;
        }
    }

    /** The storefront id of the product with this SKU, or null while catalog-push has not created (or found) it. */
    Long productId(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT storefront_product_id FROM item WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, Long.class) : null;
            }
        }
    }

    /** Marks an image as on the storefront as of {@code at} (a removed one has no row left: nothing to mark). */
    void synced(Connection c, String sku, String url, java.time.Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE item_image SET synced_at = ? WHERE sku = ? AND url = ?")) {
            ps.setObject(1, routes.platform.Times.utc(at));
            ps.setString(2, sku);
            ps.setString(3, url);
            ps.executeUpdate();
        }
    }
}
