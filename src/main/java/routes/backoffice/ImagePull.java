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
 * Task "images-read" (as needed, after "images-check"): new and changed back-office images into the hub's
 * {@code item_image}, each one that is new or has a new checksum with an {@code images} change-log row.
 */
public class ImagePull {

    static final String QUERY = "images.changed";

    /** An image as the back office lists it. */
    record Image(String sku, String url, int sortOrder, String checksum) {
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
        return new Image(rs.getString("sku"), rs.getString("url"), rs.getInt("sort_order"), rs.getString("checksum"));
    }

    int write(Connection c, List<Image> page) throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement up = c.prepareStatement("""
                UPDATE item_image SET sort_order = ?, checksum = ?, updated_at = ?, synced_at = NULL
                 WHERE sku = ? AND url = ? AND (checksum IS NULL OR checksum <> ? OR sort_order <> ?)""");
             PreparedStatement in = c.prepareStatement("""
                INSERT INTO item_image (sku, url, sort_order, checksum, updated_at)
                SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM item_image WHERE sku = ? AND url = ?)""")) {
            for (Image image : page) {
                up.setInt(1, image.sortOrder());
                up.setString(2, image.checksum());
                up.setObject(3, utc(clock.instant()));
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
                    in.setObject(5, utc(clock.instant()));
                    in.setString(6, image.sku());
                    in.setString(7, image.url());
                    n = in.executeUpdate();
                }
                if (n > 0) {
                    changes.add(new Change(EntityType.IMAGES, image.sku(), "", Change.Operation.UPSERT,
                            "{\"url\":\"" + image.url().replace("\"", "%22") + "\"}", "backoffice-sync"));
                }
            }
        }
        changeLog.appendAll(c, changes);
        return changes.size();
    }
}
