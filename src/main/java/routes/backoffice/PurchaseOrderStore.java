package routes.backoffice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import routes.backoffice.PurchaseOrderPull.PoLine;

import static routes.platform.Times.utc;

/**
 * Tables {@code purchase_order} and {@code purchase_order_line}: the back office's purchase orders with their lines
 * as the hub keeps them. The only place these tables' SQL lives.
 */
final class PurchaseOrderStore {

    private static final String UPDATE_ORDER =
            "UPDATE purchase_order SET supplier = ?, status = ?, expected_at = ?, updated_at = ? WHERE po_no = ?";
    private static final String INSERT_ORDER =
            "INSERT INTO purchase_order (supplier, status, expected_at, updated_at, po_no) VALUES (?, ?, ?, ?, ?)";
    private static final String UPDATE_LINE =
            "UPDATE purchase_order_line SET sku = ?, quantity = ? WHERE po_no = ? AND line_no = ?";
    private static final String INSERT_LINE =
            "INSERT INTO purchase_order_line (sku, quantity, po_no, line_no) VALUES (?, ?, ?, ?)";

    private PurchaseOrderStore() {
    }

    /** Upserts each row's order and, when it has one, its line. */
    static void upsert(Connection c, List<PoLine> rows, Instant now) throws SQLException {
        try (PreparedStatement upPo = c.prepareStatement(UPDATE_ORDER);
             PreparedStatement inPo = c.prepareStatement(INSERT_ORDER);
             PreparedStatement upLine = c.prepareStatement(UPDATE_LINE);
             PreparedStatement inLine = c.prepareStatement(INSERT_LINE)) {
            for (PoLine row : rows) {
                for (PreparedStatement ps : new PreparedStatement[] {upPo, inPo}) {
                    ps.setString(1, row.supplier());
                    ps.setString(2, row.status());
                    ps.setObject(3, row.expectedAt());
                    ps.setObject(4, utc(now));
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
    }
}
