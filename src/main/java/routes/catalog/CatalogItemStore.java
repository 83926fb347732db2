package routes.catalog;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What catalog-push reads and writes of table {@code item}: the item to send, a product's variants, and the storefront
 * ids it learns (looked up or created once, then kept: {@code storefront_product_id}, {@code storefront_variant_id}).
 */
final class CatalogItemStore {

    /** An item as catalog-push sends it; {@code attributes} is the back office's JSON object (colour, size, ...). */
    record CatalogItem(String sku, String parentSku, String name, BigDecimal price, String attributes,
                       Long storefrontProductId, Long storefrontVariantId, boolean deleted) {
        boolean variant() {
            return parentSku != null;
        }
    }

    CatalogItem item(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT sku, parent_sku, name, price, attributes, storefront_product_id, storefront_variant_id, deleted
                  FROM item WHERE sku = ?""")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** The product's live variants in SKU order, at most {@code limit}. */
    List<CatalogItem> variantsOf(Connection c, String parentSku, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT sku, parent_sku, name, price, attributes, storefront_product_id, storefront_variant_id, deleted
                  FROM item WHERE parent_sku = ? AND deleted = FALSE ORDER BY sku FETCH FIRST ? ROWS ONLY""")) {
            ps.setString(1, parentSku);
            ps.setInt(2, limit);
            List<CatalogItem> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /** How many live variants of the product come before this SKU (0 for the first). */
    int variantPosition(Connection c, String parentSku, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM item WHERE parent_sku = ? AND deleted = FALSE AND sku < ?")) {
            ps.setString(1, parentSku);
            ps.setString(2, sku);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** How many live variants the product has. */
    int variantCount(Connection c, String parentSku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM item WHERE parent_sku = ? AND deleted = FALSE")) {
            ps.setString(1, parentSku);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void setProductId(Connection c, String sku, long productId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE item SET storefront_product_id = ? WHERE sku = ?")) {
            ps.setLong(1, productId);
            ps.setString(2, sku);
            ps.executeUpdate();
        }
    }

    /** A variant's storefront id, and its product's on the variant's row too. */
    void setVariantId(Connection c, String sku, long productId, long variantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE item SET storefront_product_id = ?, storefront_variant_id = ? WHERE sku = ?")) {
            ps.setLong(1, productId);
            ps.setLong(2, variantId);
            ps.setString(3, sku);
            ps.executeUpdate();
        }
    }

    /** A row of the two SELECTs above, in their column order. */
    /** Forgets a variant's storefront id (the storefront no longer has it), so it is looked up by SKU again. */
    void clearVariantId(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE item SET storefront_variant_id = NULL WHERE sku = ?")) {
            ps.setString(1, sku);
            ps.executeUpdate();
        }
    }

    private static CatalogItem read(ResultSet rs) throws SQLException {
        return new CatalogItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
                rs.getObject(6, Long.class), rs.getObject(7, Long.class), rs.getBoolean(8));
    }
}
