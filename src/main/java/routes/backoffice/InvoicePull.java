package routes.backoffice;

import java.math.BigDecimal;
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

/** Task "invoices": new and changed back-office invoices into the hub ({@link InvoiceStore}), incrementally by watermark. */
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
        return InvoiceStore.upsert(c, page, clock.instant());
    }
}
