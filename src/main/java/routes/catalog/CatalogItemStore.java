package routes.catalog;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static routes.platform.Times.utc;

/**
 * Table {@code item}: the only place its SQL lives. What catalog-push reads and writes of it (the item to send, a
 * product's variants, and the storefront ids it learns: looked up or created once, then kept in
 * {@code storefront_product_id}, {@code storefront_variant_id}); what the back-office item pull keeps of an item
 * ({@link BackOfficeFields}); the items stock creates and deletes (an order import's unknown SKU, a deleted item).
 * The SKUs the hub knows are items or stock levels: {@link #isKnown} and {@link #page} read {@code stock_level}
 * too, and live here because they answer about items (the product list).
 */
public final class CatalogItemStore {

    /** An item as catalog-push sends it; {@code attributes} is the back office's JSON object (colour, size, ...). */
    record CatalogItem(String sku, String parentSku, String name, BigDecimal price, String attributes,
                       Long storefrontProductId, Long storefrontVariantId, boolean deleted) {
        boolean variant() {
            return parentSku != null;
        }
    }

    /** An item's fields as the back office gives them (the back-office item pull's view of a row). */
    public record BackOfficeFields(String sku, String parentSku, String name, BigDecimal price, String category,
                                   String brand, String attributes, boolean deleted) {
    }

    /** A SKU as the product list names it. */
    public record Named(String sku, String name) {
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

    /** The storefront id of the product with this SKU, or null while catalog-push has not created (or found) it. */
    Long productId(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT storefront_product_id FROM item WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, Long.class) : null;
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

    /** Forgets a variant's storefront id (the storefront no longer has it), so it is looked up by SKU again. */
    void clearVariantId(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE item SET storefront_variant_id = NULL WHERE sku = ?")) {
            ps.setString(1, sku);
            ps.executeUpdate();
        }
    }

    /** The item's back-office fields, or null when the hub has no such item. */
    public BackOfficeFields backOfficeFields(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sku, parent_sku, name, price, category, brand, attributes, deleted FROM item WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new BackOfficeFields(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBigDecimal(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)) : null;
            }
        }
    }

    /** A new item from the back office (created by {@code BACKOFFICE_SYNC}). */
    public void insertFromBackOffice(Connection c, BackOfficeFields item, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO item (parent_sku, name, price, category, brand, attributes, deleted, updated_at, sku, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'BACKOFFICE_SYNC', ?)""")) {
            bindBackOfficeFields(ps, item, now);
            ps.setObject(10, utc(now));
            ps.executeUpdate();
        }
    }

    /** The back office's fields of a known item. */
    public void updateFromBackOffice(Connection c, BackOfficeFields item, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE item SET parent_sku = ?, name = ?, price = ?, category = ?, brand = ?, attributes = ?, deleted = ?,
                       updated_at = ? WHERE sku = ?""")) {
            bindBackOfficeFields(ps, item, now);
            ps.executeUpdate();
        }
    }

    /** A new item known by its SKU and name only; {@code createdBy} says how it came (MANUAL, ORDER_IMPORT, ...). */
    public void insertNamed(Connection c, String sku, String name, String createdBy, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO item (sku, name, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)""")) {
            ps.setString(1, sku);
            ps.setString(2, name);
            ps.setString(3, createdBy);
            ps.setObject(4, utc(now));
            ps.setObject(5, utc(now));
            ps.executeUpdate();
        }
    }

    /** Marks an item deleted (its row stays). */
    public void markDeleted(Connection c, String sku, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE item SET deleted = TRUE, updated_at = ? WHERE sku = ?")) {
            ps.setObject(1, utc(at));
            ps.setString(2, sku);
            ps.executeUpdate();
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
     * One page of the SKUs the hub knows (an item or a stock level) in SKU order, with their item names; {@code like}
     * (a lower-case LIKE pattern, or null for all) matches the SKU or the name.
     */
    public List<Named> page(Connection c, String like, long skip, int max) throws SQLException {
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

    private static void bindBackOfficeFields(PreparedStatement ps, BackOfficeFields item, Instant now)
            throws SQLException {
        ps.setString(1, item.parentSku());
        ps.setString(2, item.name());
        ps.setBigDecimal(3, item.price());
        ps.setString(4, item.category());
        ps.setString(5, item.brand());
        ps.setString(6, item.attributes());
        ps.setBoolean(7, item.deleted());
        ps.setObject(8, utc(now));
        ps.setString(9, item.sku());
    }

    /** A row of {@link #item} and {@link #variantsOf}, in their column order. */
    private static CatalogItem read(ResultSet rs) throws SQLException {
        return new CatalogItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
                rs.getObject(6, Long.class), rs.getObject(7, Long.class), rs.getBoolean(8));
    }
}
