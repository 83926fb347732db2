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
import routes.changelog.EntityType;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "images-read" (as needed, after "images-check"): new and changed back-office images into the hub's
 * {@code item_image} ({@link ItemImageStore}), each one that is new or has a new checksum with an {@code images}
 * change-log row.
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
        return new Image(rs.getString("sku"), rs.getString("url"), rs.getInt("sort_order"), rs.getString("checksum"));
    }

    int write(Connection c, List<Image> page) throws SQLException {
        List<Change> changes = new ArrayList<>();
        for (Image image : ItemImageStore.upsertChanged(c, page, clock.instant())) {
            changes.add(new Change(EntityType.IMAGES, image.sku(), "", Change.Operation.UPSERT,
                    "{\"url\":\"" + image.url().replace("\"", "%22") + "\"}", "backoffice-sync"));
        }
        changeLog.appendAll(c, changes);
        return changes.size();
    }
}
