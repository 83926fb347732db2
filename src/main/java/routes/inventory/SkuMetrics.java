package routes.inventory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * The post-sync step of "full", "variants" and "purchase-orders": per-SKU metrics recomputed into {@code sku_metric}.
 * Units sold per day over the last {@code days} days (order lines by the order's date_created), and days of stock
 * left = the SKU's total stock over all locations / units per day (null when nothing sold).
 */
public class SkuMetrics {

    /** Units sold per SKU since a time, read in the caller's transaction (the orders' store answers it). */
    @FunctionalInterface
    public interface UnitsSold {
        Map<String, Long> since(Connection c, Instant since) throws SQLException;
    }

    private final DataSource hub;
    private final Clock clock;
    private final int days;
    private final UnitsSold unitsSold;

    public SkuMetrics(DataSource hub, Clock clock, int days, UnitsSold unitsSold) {
        this.hub = hub;
        this.clock = clock;
        this.days = days;
        this.unitsSold = unitsSold;
    }

    /** Recomputes every SKU's metrics in one transaction; returns how many SKUs have one. */
    public int recompute(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        Instant now = clock.instant();
        int count = Tx.inTransaction(hub, c -> {
            Map<String, Long> stock = StockLevelStore.totalsBySku(c);
            Map<String, Long> sold = unitsSold.since(c, now.minus(Duration.ofDays(days)));
            Map<String, Long> skus = new TreeMap<>(stock);
            sold.keySet().forEach(sku -> skus.putIfAbsent(sku, 0L));
            List<SkuMetricStore.Metric> metrics = new ArrayList<>(skus.size());
            for (Map.Entry<String, Long> e : skus.entrySet()) {
                metrics.add(metric(e.getKey(), e.getValue(), sold.getOrDefault(e.getKey(), 0L)));
            }
            SkuMetricStore.replaceAll(c, metrics, now);
            return skus.size();
        });
        if (run != null) {
            run.note(count + " SKU metrics recomputed");
        }
        return count;
    }

    private SkuMetricStore.Metric metric(String sku, long stock, long sold) {
        BigDecimal perDay = BigDecimal.valueOf(sold).divide(BigDecimal.valueOf(days), 4, RoundingMode.HALF_UP);
        BigDecimal daysOfStock = perDay.signum() == 0 ? null
                : BigDecimal.valueOf(stock).divide(perDay, 2, RoundingMode.HALF_UP);
        return new SkuMetricStore.Metric(sku, perDay, daysOfStock);
    }
}
