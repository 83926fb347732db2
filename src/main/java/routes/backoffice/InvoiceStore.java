package routes.backoffice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import routes.backoffice.InvoicePull.Invoice;

import static routes.platform.Times.utc;

/** Table {@code invoice}: the back office's invoices as the hub keeps them. The only place that table's SQL lives. */
final class InvoiceStore {

    private static final String UPDATE =
            "UPDATE invoice SET order_ref = ?, customer = ?, total = ?, issued_at = ?, updated_at = ? WHERE invoice_no = ?";
    private static final String INSERT =
            "INSERT INTO invoice (order_ref, customer, total, issued_at, updated_at, invoice_no) VALUES (?, ?, ?, ?, ?, ?)";

    private InvoiceStore() {
    }

    /** Updates each invoice the hub has and inserts the others; returns how many were written. */
    static int upsert(Connection c, List<Invoice> invoices, Instant now) throws SQLException {
        int written = 0;
        try (PreparedStatement up = c.prepareStatement(UPDATE); PreparedStatement in = c.prepareStatement(INSERT)) {
            for (Invoice invoice : invoices) {
                bind(up, invoice, now);
                if (up.executeUpdate() == 0) {
                    bind(in, invoice, now);
                    in.executeUpdate();
                }
                written++;
            }
        }
        return written;
    }

    private static void bind(PreparedStatement ps, Invoice invoice, Instant now) throws SQLException {
        ps.setString(1, invoice.orderRef());
        ps.setString(2, invoice.customer());
        ps.setBigDecimal(3, invoice.total());
        ps.setObject(4, invoice.issuedAt());
        ps.setObject(5, utc(now));
        ps.setString(6, invoice.invoiceNo());
    }
}
