package routes.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

import static routes.platform.Times.utc;

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
            Long id = insert(c, order);
            if (id == null) {
                return false;
            }
            insertLines(c, id, lines);
            return true;
        });
    }

    /** Updates a known order's status; false when the hub has no such order yet. */
    private boolean refresh(Storefront.Order order) {
        return Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sales_order SET status = ?, date_modified = ? WHERE storefront_order_id = ?")) {
                ps.setString(1, order.status());
                ps.setObject(2, utc(order.dateModified()));
                ps.setLong(3, order.id());
                return ps.executeUpdate() > 0;
            }
        });
    }

    private Long insert(Connection c, Storefront.Order order) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sales_order (storefront_order_id, status, customer_email, total, currency, date_created,
                                         date_modified, received_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sales_order WHERE storefront_order_id = ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, order.id());
            ps.setString(2, order.status());
            ps.setString(3, order.customerEmail());
            ps.setBigDecimal(4, order.total());
            ps.setString(5, order.currency());
            ps.setObject(6, utc(order.dateCreated()));
            ps.setObject(7, utc(order.dateModified()));
            ps.setObject(8, utc(clock.instant()));
            ps.setLong(9, order.id());
            if (ps.executeUpdate() == 0) {
                return null;
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void insertLines(Connection c, long orderId, List<Storefront.OrderLine> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sales_order_line (order_id, line_no, sku, name, quantity, price) VALUES (?, ?, ?, ?, ?, ?)")) {
            int no = 0;
            for (Storefront.OrderLine line : lines) {
                ps.setLong(1, orderId);
                ps.setInt(2, ++no);
                ps.setString(3, line.sku());
                ps.setString(4, line.name());
                ps.setInt(5, line.quantity());
                ps.setBigDecimal(6, line.price());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
