package routes.backoffice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.ExchangeProperty;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.changelog.EntityType;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

import static routes.platform.Times.utc;

/**
 * Task "images-read" (as needed, after "images-check"): new, changed and removed back-office images into the hub's
 * {@code item_image}. Each one that is new or has a new checksum, sort order or description gets an {@code images}
 * UPSERT change-log row, each removed one (deleted in the back office) is dropped from the hub with a DELETE row;
 * images-push sends them.
 */
public class ImagePull {

    static final String QUERY = "images.changed";

    /** An image as the back office lists it; {@code deleted}: removed there. */
    record Image(String sku, String url, int sortOrder, String checksum, String description, boolean deleted) {
    }

    private final IncrementalPull incremental;
    private final ChangeLog changeLog;
    private final Clock clock;

    public ImagePull(IncrementalPull incremental, ChangeLog changeLog, Clock clock) {
        this.incremental = incremental;
        this.changeLog = changeLog;
        this.clock = clock;
    }

    public void pull(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        incremental.pull(taskId, QUERY, ImagePull::readRow, this::write, run);
    }

    static Image readRow(ResultSet rs) throws SQLException {
        java.sql.ResultSetMetaData meta = rs.getMetaData();
        return new Image(rs.getString("sku"), rs.getString("url"), rs.getInt("sort_order"), rs.getString("checksum"),
                has(meta, "description") ? rs.getString("description") : null,
                has(meta, "deleted") && rs.getBoolean("deleted"));
    }

    /** Whether a query (an ERP's own may predate description and deleted) returns this column. */
    private static boolean has(java.sql.ResultSetMetaData meta, String column) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (column.equalsIgnoreCase(meta.getColumnLabel(i))) {
                return true;
            }
        }
        return false;
    }

    int write(Connection c, List<Image> page) throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement up = c.prepareStatement("""
                UPDATE item_image SET sort_order = ?, checksum = ?, description = ?, updated_at = ?, synced_at = NULL
                 WHERE sku = ? AND url = ?
                   AND (checksum IS NULL OR checksum <> ? OR sort_order <> ? OR COALESCE(description, '') <> ?)""");
             PreparedStatement in = c.prepareStatement("""
                INSERT INTO item_image (sku, url, sort_order, checksum, description, updated_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM item_image WHERE sku = ? AND url = ?)""");
             PreparedStatement gone = c.prepareStatement("DELETE FROM item_image WHERE sku = ? AND url = ?")) {
            for (Image image : page) {
                if (image.deleted()) {
                    gone.setString(1, image.sku());
                    gone.setString(2, image.url());
                    if (gone.executeUpdate() > 0) {
                        changes.add(Change.image(image.sku(), image.url(), Change.Operation.DELETE, "backoffice-sync"));
                    }
                    continue;
                }
                up.setInt(1, image.sortOrder());
                up.setString(2, image.checksum());
                up.setString(3, image.description());
                up.setObject(4, utc(clock.instant()));
                up.setString(5, image.sku());
                up.setString(6, image.url());
                up.setString(7, image.checksum());
                up.setInt(8, image.sortOrder());
                up.setString(9, image.description() == null ? "" : image.description());
                int n = up.executeUpdate();
                if (n == 0) {
                    in.setString(1, image.sku());
                    in.setString(2, image.url());
                    in.setInt(3, image.sortOrder());
                    in.setString(4, image.checksum());
                    in.setString(5, image.description());
                    in.setObject(6, utc(clock.instant()));
                    in.setString(7, image.sku());
                    in.setString(8, image.url());
                    n = in.executeUpdate();
                }
                if (n > 0) {
                    changes.add(Change.image(image.sku(), image.url(), Change.Operation.UPSERT, "backoffice-sync"));
                }
            }
        }
        changeLog.appendAll(c, changes);
        return changes.size();
    }
}
