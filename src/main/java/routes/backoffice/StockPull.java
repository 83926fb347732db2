package routes.backoffice;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.camel.ExchangeProperty;
import routes.inventory.AutoSyncRules;
import routes.inventory.HubStock;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "stock": back-office stock levels into the hub, incrementally from the task's watermark
 * ({@link IncrementalPull}); each page, its stock changes and their change-log rows commit together.
 */
public class StockPull {

    static final String QUERY = "stock.changed";

    private final IncrementalPull incremental;
    private final HubStock hubStock;

    public StockPull(IncrementalPull incremental, HubStock hubStock) {
        this.incremental = incremental;
        this.hubStock = hubStock;
    }

    public void pull(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        incremental.pull(taskId, QUERY, StockPull::readRow,
                (c, levels) -> hubStock.setLevels(c, levels, AutoSyncRules.CreatedBy.BACKOFFICE_SYNC).size(), run);
    }

    static HubStock.Level readRow(ResultSet rs) throws SQLException {
        return new HubStock.Level(rs.getString("sku"), rs.getString("location"), rs.getInt("quantity"));
    }
}
