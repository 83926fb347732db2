package routes.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static routes.platform.Times.utc;

/**
 * Table {@code item_image}: an item's images as the back office lists them, with what was last synced. The only
 * place that table's SQL lives.
 */
public final class ItemImageStore {

    /** An image of an item, as the back office lists it. */
    public record Image(String sku, String url, int sortOrder, String checksum) {
    }

    // a changed image is one to send again: synced_at is cleared
    private static final String UPDATE_CHANGED = """
            UPDATE item_image SET sort_order = ?, checksum = ?, updated_at = ?, synced_at = NULL
             WHERE sku = ? AND url = ? AND (checksum IS NULL OR checksum <> ? OR sort_order <> ?)""";
    private static final String INSERT_MISSING = """
            INSERT INTO item_image (sku, url, sort_order, checksum, updated_at)
            SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM item_image WHERE sku = ? AND url = ?)""";

    private ItemImageStore() {
    }

    /** Updates each image that changed and inserts each one the hub lacks; returns those, in input order. */
    public static List<Image> upsertChanged(Connection c, List<Image> images, Instant now) throws SQLException {
        List<Image> written = new ArrayList<>();
        try (PreparedStatement up = c.prepareStatement(UPDATE_CHANGED);
             PreparedStatement in = c.prepareStatement(INSERT_MISSING)) {
            for (Image image : images) {
                up.setInt(1, image.sortOrder());
                up.setString(2, image.checksum());
                up.setObject(3, utc(now));
                up.setString(4, image.sku());
                up.setString(5, image.url());
                up.setString(6, image.checksum());
                up.setInt(7, image.sortOrder());
                int n = up.executeUpdate();
                if (n == 0) {
                    in.setString(1, image.sku());
                    in.setString(2, image.url());
                    in.setInt(3, image.sortOrder());
                    in.setString(4, image.checksum());
                    in.setObject(5, utc(now));
                    in.setString(6, image.sku());
                    in.setString(7, image.url());
                    n = in.executeUpdate();
                }
                if (n > 0) {
                    written.add(image);
                }
            }
        }
        return written;
    }
}
