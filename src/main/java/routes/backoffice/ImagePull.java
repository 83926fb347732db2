package routes.backoffice;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.ExchangeProperty;
import routes.catalog.ItemImageStore;
import routes.catalog.ItemImageStore.Image;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "images-read" (as needed, after "images-check"): new, changed and removed back-office images into the hub's
 * {@code item_image} ({@link ItemImageStore}). Each one that is new or has a new checksum, sort order or description gets an {@code images}
 * UPSERT change-log row, each removed one (deleted in the back office) is dropped from the hub with a DELETE row;
 * images-push sends them.
 */
public class ImagePull {

    static final String QUERY = "images.changed";

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
        for (Image image : ItemImageStore.write(c, page, clock.instant())) {
            changes.add(Change.image(image.sku(), image.url(),
                    image.deleted() ? Change.Operation.DELETE : Change.Operation.UPSERT, "backoffice-sync"));
        }
        changeLog.appendAll(c, changes);
        return changes.size();
    }
}
