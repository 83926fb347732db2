package routes.inventory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;

import static routes.platform.Times.utc;

/** Table {@code sku_metric}: the per-SKU metrics of the last recomputation. The only place that table's SQL lives. */
final class SkuMetricStore {

    /** One SKU's metrics; {@code daysOfStock} is null when nothing sold. */
    record Metric(String sku, BigDecimal unitsPerDay, BigDecimal daysOfStock) {
    }

    private static final String DELETE_ALL = "DELETE FROM sku_metric";
    private static final String INSERT =
            "INSERT INTO sku_metric (sku, units_per_day, days_of_stock, computed_at) VALUES (?, ?, ?, ?)";

    private SkuMetricStore() {
    }

    /** Replaces every SKU's metrics with these, computed at {@code at}. */
    static void replaceAll(Connection c, Collection<Metric> metrics, Instant at) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(DELETE_ALL)) {
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Metric metric : metrics) {
                ps.setString(1, metric.sku());
                ps.setBigDecimal(2, metric.unitsPerDay());
                ps.setBigDecimal(3, metric.daysOfStock());
                ps.setObject(4, utc(at));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
