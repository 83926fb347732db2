package routes.inventory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

import static routes.platform.Times.utc;

/**
 * The post-sync step of "full", "variants" and "purchase-orders": per-SKU metrics recomputed into {@code sku_metric}.
 * Units sold per day over the last {@code days} days (order lines by the order's date_created), and days of stock
 * left = the SKU's total stock over all locations / units per day (null when nothing sold).
 */
public class SkuMetrics {

    private final DataSource hub;
    private final Clock clock;
    private final int days;

    public SkuMetrics(DataSource hub, Clock clock, int days) {
        this.hub = hub;
        this.clock = clock;
        this.days = days;
    }

    /** Recomputes every SKU's metrics in one transaction; returns how many SKUs have one. */
    public int recompute(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        Instant now = clock.instant();
        int count = Tx.inTransaction(hub, c -> {
            Map<String, Long> stock = totals(c, "SELECT sku, SUM(quantity) FROM stock_level GROUP BY sku", null);
            Map<String, Long> sold = totals(c, """
                    SELECT l.sku, SUM(l.quantity) FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id
                     WHERE o.date_created >= ? AND l.sku IS NOT NULL GROUP BY l.sku""", now.minus(Duration.ofDays(days)));
            Map<String, Long> skus = new TreeMap<>(stock);
            sold.keySet().forEach(sku -> skus.putIfAbsent(sku, 0L));
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sku_metric")) {
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sku_metric (sku, units_per_day, days_of_stock, computed_at) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, Long> e : skus.entrySet()) {
                    BigDecimal perDay = BigDecimal.valueOf(sold.getOrDefault(e.getKey(), 0L))
                            .divide(BigDecimal.valueOf(days), 4, RoundingMode.HALF_UP);
                    ps.setString(1, e.getKey());
                    ps.setBigDecimal(2, perDay);
                    ps.setBigDecimal(3, perDay.signum() == 0 ? null
                            : BigDecimal.valueOf(e.getValue()).divide(perDay, 2, RoundingMode.HALF_UP));
                    ps.setObject(4, utc(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return skus.size();
        });
        if (run != null) {
            run.note(count + " SKU metrics recomputed");
        }
        return count;
    }

    private static Map<String, Long> totals(Connection c, String sql, Instant since) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (since != null) {
                ps.setObject(1, utc(since));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
