package routes.backoffice;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ExchangeProperty;
import routes.catalog.CatalogItemStore;
import routes.catalog.CatalogItemStore.BackOfficeFields;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.changelog.EntityType;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Tasks "items", "variants" and "items-list": back-office items into the hub's {@code item} table, incrementally by
 * the task's own watermark. What changed goes to the change log in the same transaction: a {@code products} row when
 * the item is new or its catalogue fields changed, a {@code prices} row when its price changed. Which rows a task
 * takes is its named query (products, variants, or all items).
 */
public class ItemPull {

    /** Item imports write the same table: on one node they take turns, so two never insert one new SKU at once. */
    private static final Object ITEM_WRITES = new Object();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "backoffice-sync";

    private final CatalogItemStore items = new CatalogItemStore();
    private final IncrementalPull incremental;
    private final ChangeLog changeLog;
    private final Clock clock;
    private final String query;

    public ItemPull(IncrementalPull incremental, ChangeLog changeLog, Clock clock, String query) {
        this.incremental = incremental;
        this.changeLog = changeLog;
        this.clock = clock;
        this.query = query;
    }

    public void pull(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        synchronized (ITEM_WRITES) {
            incremental.pull(taskId, query, ItemPull::readRow, this::write, run);
        }
    }

    static BackOfficeFields readRow(ResultSet rs) throws SQLException {
        ObjectNode attributes = JSON.createObjectNode();
        if (rs.getString("colour") != null) {
            attributes.put("colour", rs.getString("colour"));
        }
        if (rs.getString("size_label") != null) {
            attributes.put("size", rs.getString("size_label"));
        }
        return new BackOfficeFields(rs.getString("sku"), rs.getString("parent_sku"), rs.getString("name"),
                rs.getBigDecimal("price"), rs.getString("category"), rs.getString("brand"), attributes.toString(),
                rs.getBoolean("deleted"));
    }

    /** Upserts a page; returns how many items changed. */
    int write(Connection c, List<BackOfficeFields> page) throws SQLException {
        List<Change> changes = new ArrayList<>();
        for (BackOfficeFields item : page) {
            BackOfficeFields hub = items.backOfficeFields(c, item.sku());
            if (hub == null) {
                items.insertFromBackOffice(c, item, clock.instant());
                changes.add(change(EntityType.PRODUCTS, item));
                continue;
            }
            boolean catalogue = !Objects.equals(hub.name(), item.name()) || !Objects.equals(hub.parentSku(), item.parentSku())
                    || !Objects.equals(hub.category(), item.category()) || !Objects.equals(hub.brand(), item.brand())
                    || !Objects.equals(hub.attributes(), item.attributes()) || hub.deleted() != item.deleted();
            boolean price = hub.price() == null || item.price() == null
                    ? !Objects.equals(hub.price(), item.price()) : hub.price().compareTo(item.price()) != 0;
            if (!catalogue && !price) {
                continue;
            }
            items.updateFromBackOffice(c, item, clock.instant());
            if (catalogue) {
                changes.add(change(EntityType.PRODUCTS, item));
            }
            if (price && !item.deleted()) {
                changes.add(change(EntityType.PRICES, item));
            }
        }
        changeLog.appendAll(c, changes);
        return (int) changes.stream().map(Change::entityKey).distinct().count();
    }

    private static Change change(EntityType type, BackOfficeFields item) {
        ObjectNode payload = JSON.createObjectNode().put("name", item.name());
        payload.put("price", item.price());
        return new Change(type, item.sku(), "", item.deleted() ? Change.Operation.DELETE : Change.Operation.UPSERT,
                payload.toString(), ORIGIN);
    }
}
