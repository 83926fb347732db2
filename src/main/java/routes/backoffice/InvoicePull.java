package routes.backoffice;

import java.math.BigDecimal;
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

/** Task "invoices": new and changed back-office invoices into the hub, incrementally by watermark. */
public class InvoicePull {

    static final String QUERY = "invoices.changed";

    record Invoice(String invoiceNo, String orderRef, String customer, BigDecimal total, OffsetDateTime issuedAt) {
    }

    private final IncrementalPull incremental;
    private final Clock clock;

    public InvoicePull(IncrementalPull incremental, Clock clock) {
        this.incremental = incremental;
        this.clock = clock;
    }

    public void pull(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        incremental.pull(taskId, QUERY, InvoicePull::readRow, this::write, run);
    }

    static Invoice readRow(ResultSet rs) throws SQLException {
        return new Invoice(rs.getString("invoice_no"), rs.getString("order_ref"), rs.getString("customer"),
                rs.getBigDecimal("total"), Times.offset(rs, "issued_at"));
    }

    int write(Connection c, List<Invoice> page) throws SQLException {
        int written = 0;
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE invoice SET order_ref = ?, customer = ?, total = ?, issued_at = ?, updated_at = ? WHERE invoice_no = ?");
             PreparedStatement in = c.prepareStatement(
                "INSERT INTO invoice (order_ref, customer, total, issued_at, updated_at, invoice_no) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Invoice invoice : page) {
                bind(up, invoice);
                if (up.executeUpdate() == 0) {
                    bind(in, invoice);
                    in.executeUpdate();
                }
                written++;
            }
        }
        return written;
    }

    private void bind(PreparedStatement ps, Invoice invoice) throws SQLException {
        ps.setString(1, invoice.orderRef());
        ps.setString(2, invoice.customer());
        ps.setBigDecimal(3, invoice.total());
        ps.setObject(4, invoice.issuedAt());
        ps.setObject(5, utc(clock.instant()));
        ps.setString(6, invoice.invoiceNo());
    }
}
