package routes.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static routes.platform.Times.utc;

/**
 * Table {@code item_image}: an item's images as the back office lists them, with what was last synced. The only
 * place that table's SQL lives (images-read writes it, images-push reads it and marks what it sent).
 */
public final class ItemImageStore {

    /** An image of an item, as the back office lists it; {@code deleted}: removed there. */
    public record Image(String sku, String url, int sortOrder, String checksum, String description, boolean deleted) {
    }

    /** An image as the hub holds it now. */
    public record HubImage(String url, int sortOrder, String description) {
    }

    // a changed image is one to send again: synced_at is cleared
    private static final String UPDATE_CHANGED = """
            UPDATE item_image SET sort_order = ?, checksum = ?, description = ?, updated_at = ?, synced_at = NULL
             WHERE sku = ? AND url = ?
               AND (checksum IS NULL OR checksum <> ? OR sort_order <> ? OR COALESCE(description, '') <> ?)""";
    private static final String INSERT_MISSING = """
            INSERT INTO item_image (sku, url, sort_order, checksum, description, updated_at)
            SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM item_image WHERE sku = ? AND url = ?)""";
    private static final String DELETE = "DELETE FROM item_image WHERE sku = ? AND url = ?";
    private static final String OF_PRODUCT = """
            SELECT url, sort_order, description
              FROM item_image WHERE sku = ? ORDER BY sort_order, url""";
    private static final String MARK_SYNCED = "UPDATE item_image SET synced_at = ? WHERE sku = ? AND url = ?";

    private ItemImageStore() {
    }

    /**
     * Writes a page of the back office's images: each removed one the hub holds is deleted, each changed one updated,
     * each one the hub lacks inserted. Returns the images that changed something, in input order.
     */
    public static List<Image> write(Connection c, List<Image> images, Instant now) throws SQLException {
        List<Image> written = new ArrayList<>();
        try (PreparedStatement up = c.prepareStatement(UPDATE_CHANGED);
             PreparedStatement in = c.prepareStatement(INSERT_MISSING);
             PreparedStatement gone = c.prepareStatement(DELETE)) {
            for (Image image : images) {
                if ((image.deleted() ? delete(gone, image) : upsert(up, in, image, now)) > 0) {
                    written.add(image);
                }
            }
        }
        return written;
    }

    private static int delete(PreparedStatement gone, Image image) throws SQLException {
        gone.setString(1, image.sku());
        gone.setString(2, image.url());
        return gone.executeUpdate();
    }

    private static int upsert(PreparedStatement up, PreparedStatement in, Image image, Instant now) throws SQLException {
        up.setInt(1, image.sortOrder());
        up.setString(2, image.checksum());
        up.setString(3, image.description());
        up.setObject(4, utc(now));
        up.setString(5, image.sku());
        up.setString(6, image.url());
        up.setString(7, image.checksum());
        up.setInt(8, image.sortOrder());
        up.setString(9, image.description() == null ? "" : image.description());
        int n = up.executeUpdate();
        if (n > 0) {
            return n;
        }
        in.setString(1, image.sku());
        in.setString(2, image.url());
        in.setInt(3, image.sortOrder());
        in.setString(4, image.checksum());
        in.setString(5, image.description());
        in.setObject(6, utc(now));
        in.setString(7, image.sku());
        in.setString(8, image.url());
        return in.executeUpdate();
    }

    /** The product's images by URL, in sort order. */
    public static Map<String, HubImage> images(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OF_PRODUCT)) {
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

    /** Marks an image as on the storefront as of {@code at} (a removed one has no row left: nothing to mark). */
    public static void synced(Connection c, String sku, String url, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_SYNCED)) {
            ps.setObject(1, utc(at));
            ps.setString(2, sku);
            ps.setString(3, url);
            ps.executeUpdate();
        }
    }
}
