package routes.orders;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.backoffice.JdbcBackOffice;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

import static routes.platform.Times.utc;

/**
 * Task "orders-out": hub orders not yet exported into the back office with the named query {@code orders.insert},
 * keyed by {@code storefront-<order id>}. The back office ignores a key it has, so an order retried after a failure
 * between the insert and the hub's {@code exported_at} is still booked once.
 */
public class OrdersOut {

    static final String QUERY = "orders.insert";

    record Pending(long id, long storefrontId, String email, BigDecimal total, Instant receivedAt) {
        String key() {
            return "storefront-" + storefrontId;
        }
    }

    private final JdbcBackOffice backOffice;
    private final DataSource hub;
    private final Clock clock;
    private final int batchSize;

    public OrdersOut(JdbcBackOffice backOffice, DataSource hub, Clock clock, int batchSize) {
        this.backOffice = backOffice;
        this.hub = hub;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    public void push(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        while (true) {
            List<Pending> batch = pending();
            for (Pending order : batch) {
                Map<String, Object> params = new HashMap<>();
                params.put("key", order.key());
                params.put("storefrontId", order.storefrontId());
                params.put("email", order.email());
                params.put("total", order.total());
                params.put("receivedAt", order.receivedAt());
                int inserted = backOffice.update(QUERY, params);
                markExported(order);
                run.read(1);
                run.written(inserted);
            }
            if (batch.size() < batchSize) {
                return;
            }
        }
    }

    private List<Pending> pending() {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, storefront_order_id, customer_email, total, received_at FROM sales_order
                     WHERE exported_at IS NULL ORDER BY id FETCH FIRST ? ROWS ONLY""")) {
                ps.setInt(1, batchSize);
                List<Pending> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4),
                                rs.getObject(5, OffsetDateTime.class).toInstant()));
                    }
                }
                return rows;
            }
        });
    }

    private void markExported(Pending order) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sales_order SET exported_at = ?, backoffice_ref = ? WHERE id = ?")) {
                ps.setObject(1, utc(clock.instant()));
                ps.setString(2, order.key());
                ps.setLong(3, order.id());
                return ps.executeUpdate();
            }
        });
    }
}
