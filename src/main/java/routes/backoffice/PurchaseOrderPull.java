package routes.backoffice;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.camel.ExchangeProperty;
import routes.platform.Times;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "purchase-orders": new and changed back-office purchase orders with their lines into the hub, incrementally
 * by watermark ({@link PurchaseOrderStore}). The query returns one row per line (a PO without lines as one row with no
 * line).
 */
public class PurchaseOrderPull {

    static final String QUERY = "purchase-orders.changed";

    record PoLine(String poNo, String supplier, String status, OffsetDateTime expectedAt, Integer lineNo, String sku,
                  Integer quantity) {
    }

    private final IncrementalPull incremental;
    private final Clock clock;

    public PurchaseOrderPull(IncrementalPull incremental, Clock clock) {
        this.incremental = incremental;
        this.clock = clock;
    }

    public void pull(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        incremental.pull(taskId, QUERY, PurchaseOrderPull::readRow, this::write, run);
    }

    static PoLine readRow(ResultSet rs) throws SQLException {
        return new PoLine(rs.getString("po_no"), rs.getString("supplier"), rs.getString("status"),
                Times.offset(rs, "expected_at"), rs.getObject("line_no", Integer.class),
                rs.getString("line_sku"), rs.getObject("line_quantity", Integer.class));
    }

    int write(Connection c, List<PoLine> page) throws SQLException {
        PurchaseOrderStore.upsert(c, page, clock.instant());
        return page.size();
    }
}
