package routes.orders;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.backoffice.JdbcBackOffice;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

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
        return Tx.read(hub, c -> SalesOrderStore.notInBackOffice(c, batchSize));
    }

    private void markExported(Pending order) {
        Tx.inTransaction(hub, c -> SalesOrderStore.markInBackOffice(c, order.id(), order.key(), clock.instant()));
    }
}
