package routes.backoffice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.change.AutoSyncRules;
import routes.change.HubStock;
import routes.hub.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;
import routes.task.Watermarks;
import routes.task.Watermarks.Watermark;

/**
 * Task "stock": back-office stock levels into the hub, incrementally from the task's watermark, a page at a time
 * (memory stays flat whatever the table size). Each page, its stock changes, their change-log rows and the new
 * watermark commit together: a crash repeats at most one page, and repeating it changes nothing.
 */
public class StockPull {

    private static final Logger LOG = LoggerFactory.getLogger(StockPull.class);
    static final String QUERY = "stock.changed";

    /** One back-office row with its watermark position. */
    record Row(HubStock.Level level, Watermark position) {
    }

    private final JdbcBackOffice backOffice;
    private final DataSource hub;
    private final HubStock hubStock;
    private final Watermarks watermarks;
    private final Clock clock;
    private final int pageSize;

    public StockPull(JdbcBackOffice backOffice, DataSource hub, HubStock hubStock, Watermarks watermarks, Clock clock, int pageSize) {
        this.backOffice = backOffice;
        this.hub = hub;
        this.hubStock = hubStock;
        this.watermarks = watermarks;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    public void pull(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        Watermark mark = Tx.read(hub, c -> watermarks.get(c, taskId));
        while (true) {
            List<Row> page = new ArrayList<>(pageSize);
            backOffice.stream(QUERY, Map.of("since", mark.timestamp(), "sinceKey", mark.key(), "limit", pageSize),
                    StockPull::readRow, page::add);
            if (page.isEmpty()) {
                break;
            }
            Watermark next = page.get(page.size() - 1).position();
            List<HubStock.Level> levels = page.stream().map(Row::level).toList();
            int changed = Tx.inTransaction(hub, c -> {
                int n = hubStock.setLevels(c, levels, AutoSyncRules.CreatedBy.BACKOFFICE_SYNC).size();
                watermarks.save(c, taskId, next, clock.instant());
                return n;
            });
            run.read(page.size());
            run.written(changed);
            mark = next;
            if (page.size() < pageSize) {
                break;
            }
        }
        LOG.debug("stock pull up to {} / {}", mark.timestamp(), mark.key());
    }

    static Row readRow(ResultSet rs) throws SQLException {
        HubStock.Level level = new HubStock.Level(rs.getString("sku"), rs.getString("location"), rs.getInt("quantity"));
        OffsetDateTime at = rs.getObject("updated_at", OffsetDateTime.class);
        return new Row(level, new Watermark(at.toInstant(), rs.getString("row_key")));
    }
}
