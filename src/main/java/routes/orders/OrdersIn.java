package routes.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.Body;
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
 * its status brought up to date; its lines are taken once, when it is first seen. The steps (open, page, upsert,
 * close) are the ones route orders-in-pages (routes/orders-in.yaml) runs; {@link #pull} runs them in Java.
 */
public class OrdersIn {

    /** The exchange property carrying the run's {@link Pull} through route orders-in-pages. */
    public static final String PULL = "SyncHubOrdersPull";

    /** One run's pull: the watermark it started from, the pages read, the newest order seen, the new orders taken. */
    public static final class Pull {
        private final Instant since;
        private final int pageSize;
        private Instant newest;
        private int page;
        private int lastPageSize;
        private int created;

        Pull(Instant since, int pageSize) {
            this.since = since;
            this.pageSize = pageSize;
            this.newest = since;
        }

        /** True until a page came back short of a full one (the storefront has no more). */
        public boolean more() {
            return page == 0 || lastPageSize == pageSize;
        }

        /** How many orders were new to the hub so far. */
        public int created() {
            return created;
        }

        private void took(Storefront.Order order, boolean isNew) {
            if (isNew) {
                created++;
            }
            if (order.dateModified() != null && order.dateModified().isAfter(newest)) {
                newest = order.dateModified();
            }
        }
    }

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

    /** The whole pull (the route's steps, for callers outside one); returns how many orders were new to the hub. */
    public int pull(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                    @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        Pull pull = open(taskId);
        while (pull.more()) {
            for (Storefront.Order order : page(pull, run)) {
                upsert(order, pull);
            }
        }
        return close(taskId, pull, run);
    }

    /** Step open: the pull from the task's watermark (read in its own transaction). */
    public Pull open(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId) {
        return new Pull(Tx.read(hub, c -> watermarks.get(c, taskId)).timestamp(), pageSize);
    }

    /** Step page: the next page of orders modified since the watermark (no database). */
    public List<Storefront.Order> page(@ExchangeProperty(PULL) Pull pull,
                                       @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        List<Storefront.Order> orders = storefront.ordersModifiedSince(pull.since, ++pull.page, pageSize);
        pull.lastPageSize = orders.size();
        if (!orders.isEmpty()) {
            run.read(orders.size());
        }
        return orders;
    }

    /** Step upsert: one order into the hub (see {@link #take}); true when it was new. */
    public boolean upsert(@Body Storefront.Order order, @ExchangeProperty(PULL) Pull pull) {
        boolean isNew = take(order);
        pull.took(order, isNew);
        return isNew;
    }

    /** Step close: the watermark saved (its own transaction, only once every page is in); returns the new orders. */
    public int close(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId, @ExchangeProperty(PULL) Pull pull,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        // the storefront's filter is inclusive: the next run sees the newest order again, and takes it as known
        Watermark mark = new Watermark(pull.newest, "");
        Tx.inTransaction(hub, c -> {
            watermarks.save(c, taskId, mark, clock.instant());
            return null;
        });
        run.written(pull.created);
        return pull.created;
    }

    /**
     * Stores one order; true when it was new. A known order's status is updated (one transaction); a new one's lines
     * are fetched, then the order and its lines are inserted together (one transaction, insert-if-new by storefront id).
     */
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
