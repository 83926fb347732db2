package routes.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

import static routes.platform.Times.utc;

/**
 * Table {@code stock_adjustment}: the audit trail of manual adjustments (origin {@code manual}), each as asked with
 * the level before and after. The only place that table's SQL lives.
 */
final class StockAdjustmentStore {

    private static final int REASON_LENGTH = 1000;
    private static final String INSERT = """
            INSERT INTO stock_adjustment (sku, location, mode, quantity, before_qty, after_qty, reason, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private StockAdjustmentStore() {
    }

    /** Records an adjustment; a reason longer than the column keeps its first 1,000 characters. */
    static void insert(Connection c, HubStock.Adjustment adjustment, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, adjustment.sku());
            ps.setString(2, adjustment.location());
            ps.setString(3, adjustment.mode());
            ps.setInt(4, adjustment.quantity());
            if (adjustment.before() == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, adjustment.before());
            }
            ps.setInt(6, adjustment.after());
            String reason = adjustment.reason();
            ps.setString(7, reason == null || reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH));
            ps.setObject(8, utc(at));
            ps.executeUpdate();
        }
    }
}
