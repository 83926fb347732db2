package routes.orders;

import routes.storefront.Storefront;
import routes.task.RunCounters;

/**
 * The steps of route {@code orders-in-pages} (orders-in.yaml) over {@link OrdersIn}, for bean tests that drive the
 * pull without Camel: open at the watermark, every page, each order upserted, close; returns the new orders.
 */
public final class OrdersInLoop {

    private OrdersInLoop() {
    }

    public static int run(OrdersIn in, String taskId, RunCounters run) {
        OrdersIn.Pull pull = in.open(taskId);
        while (pull.more()) {
            for (Storefront.Order order : in.page(pull, run)) {
                in.upsert(order, pull);
            }
        }
        return in.close(taskId, pull, run);
    }
}
