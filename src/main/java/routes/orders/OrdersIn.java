package routes.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.platform.Tx;
import routes.storefront.Storefront;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;
import routes.task.Watermarks.Watermark;
import routes.task.Watermarks;

/**
 * Task "orders-in": storefront orders modified since the task's watermark into the hub, page by page until the
 * storefront has no more. Idempotent by storefront order id (the hub's unique key): an order seen again only has
 * its status brought up to date; its lines are taken once, when it is first seen.
 */
public class OrdersIn {

    private final Storefront storefront;
    private final DataSource hub;
    private final Watermarks watermarks;
    private final Clock clock;
    private final int pageSize;

    public OrdersIn(Storefront storefront, DataSource hub, Watermarks watermarks, Clock clock, int pageSize) {
        this.storefront = storefront;
        this.hub = hub;
        this.watermarks = watermarks;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** Returns how many orders were new to the hub (the route asks orders-out to run when there are any). */
    public int pull(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                    @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        Instant since = Tx.read(hub, c -> watermarks.get(c, taskId)).timestamp();
        int created = 0;
        Instant newest = since;
        for (int page = 1; ; page++) {
            List<Storefront.Order> orders = storefront.ordersModifiedSince(since, page, pageSize);
            if (orders.isEmpty()) {
                break;
            }
            for (Storefront.Order order : orders) {
                if (take(order)) {
                    created++;
                }
                if (order.dateModified() != null && order.dateModified().isAfter(newest)) {
                    newest = order.dateModified();
                }
            }
            run.read(orders.size());
            if (orders.size() < pageSize) {
                break;
            }
        }
        // the storefront's filter is inclusive: the next run sees the newest order again, and takes it as known
        Watermark mark = new Watermark(newest, "");
        Tx.inTransaction(hub, c -> {
            watermarks.save(c, taskId, mark, clock.instant());
            return null;
        });
        run.written(created);
        return created;
    }

    /** Stores one order; true when it was new. */
    private boolean take(Storefront.Order order) {
        if (refresh(order)) {
            return false;
        }
        List<Storefront.OrderLine> lines = storefront.orderLines(order.id());
        return Tx.inTransaction(hub, c -> {
            Long id = SalesOrderStore.insertIfNew(c, order, clock.instant());
            if (id == null) {
                return false;
            }
            SalesOrderStore.insertLines(c, id, lines);
            return true;
        });
    }

    /** Updates a known order's status; false when the hub has no such order yet. */
    private boolean refresh(Storefront.Order order) {
        return Tx.inTransaction(hub, c -> SalesOrderStore.updateStatus(c, order));
    }
}
