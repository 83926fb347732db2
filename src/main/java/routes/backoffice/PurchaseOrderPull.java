package routes.backoffice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.camel.ExchangeProperty;
import routes.platform.Times;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

import static routes.platform.Times.utc;

/**
 * Task "purchase-orders": new and changed back-office purchase orders with their lines into the hub, incrementally
 * by watermark. The query returns one row per line (a PO without lines as one row with no line).
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
        try (PreparedStatement upPo = c.prepareStatement(
                "UPDATE purchase_order SET supplier = ?, status = ?, expected_at = ?, updated_at = ? WHERE po_no = ?");
             PreparedStatement inPo = c.prepareStatement(
                     "INSERT INTO purchase_order (supplier, status, expected_at, updated_at, po_no) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement upLine = c.prepareStatement(
                     "UPDATE purchase_order_line SET sku = ?, quantity = ? WHERE po_no = ? AND line_no = ?");
             PreparedStatement inLine = c.prepareStatement(
                     "INSERT INTO purchase_order_line (sku, quantity, po_no, line_no) VALUES (?, ?, ?, ?)")) {
            for (PoLine row : page) {
                for (PreparedStatement ps : new PreparedStatement[] {upPo, inPo}) {
                    ps.setString(1, row.supplier());
                    ps.setString(2, row.status());
                    ps.setObject(3, row.expectedAt());
                    ps.setObject(4, utc(clock.instant()));
                    ps.setString(5, row.poNo());
                }
                if (upPo.executeUpdate() == 0) {
                    inPo.executeUpdate();
                }
                if (row.lineNo() == null) {
                    continue;
                }
                for (PreparedStatement ps : new PreparedStatement[] {upLine, inLine}) {
                    ps.setString(1, row.sku());
                    ps.setInt(2, row.quantity());
                    ps.setString(3, row.poNo());
                    ps.setInt(4, row.lineNo());
                }
                if (upLine.executeUpdate() == 0) {
                    inLine.executeUpdate();
                }
            }
        }
        return page.size();
    }
}
