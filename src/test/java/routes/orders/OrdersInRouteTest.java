package routes.orders;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.storefront.ScriptedStorefront;
import routes.storefront.Storefront;
import routes.task.Trigger;
import routes.task.Watermarks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/orders-in.yaml as written (the check template and route orders-in-pages) with the real OrdersIn on an H2 hub,
 * a scripted storefront and orders-out.xml with a stub push: every page is split per order, each order upserted once,
 * and orders-out asked to run only when new orders came in.
 */
class OrdersInRouteTest extends RouteTestSupport {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** Stub for ordersOut?method=push: counts its calls. */
    public static final class Out {
        final AtomicInteger calls = new AtomicInteger();

        public void push() {
            calls.incrementAndGet();
        }
    }

    private final HikariDataSource db = TestDatabases.hub(TestDatabases.Kind.H2);
    private final ScriptedStorefront storefront = new ScriptedStorefront();
    private final Out ordersOut = new Out();
    // page size 2: three orders come in two pages, the second one short
    private final RouteTestHub hub = new RouteTestHub()
            .stub("ordersIn", new OrdersIn(storefront, db, new Watermarks(), Clock.fixed(T0, ZoneOffset.UTC), 2))
            .stub("ordersOut", ordersOut);

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"orders-in.yaml", "orders-out.xml"};
    }

    @AfterEach
    void closeDb() {
        db.close();
    }

    @Test
    void everyOrderOfEveryPageIsUpsertedOnceAndNewOrdersStartOrdersOutOnce() {
        storefront.orders(List.of(order(1, 1), order(2, 2), order(3, 3)));
        NotifyBuilder out = new NotifyBuilder(context).fromRoute("orders-out").whenDone(1).create();

        hub.trigger().fire("orders-in", Trigger.MANUAL);

        assertThat(out.matches(20, TimeUnit.SECONDS)).as("orders-out ran").isTrue();
        hub.awaitEndedRuns("orders-in", 1);
        assertThat(storedOrders()).isEqualTo(3);
        assertThat(storefront.lineCalls()).as("each new order's lines fetched once").isEqualTo(3);
        assertThat(hub.runsOf("orders-in")).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("ok");
            assertThat(run.itemsRead()).isEqualTo(3);
            assertThat(run.itemsWritten()).isEqualTo(3);
        });
        assertThat(hub.runsOf("orders-out")).singleElement().satisfies(run -> assertThat(run.trigger()).isEqualTo("follow-up"));
        assertThat(ordersOut.calls).hasValue(1);
    }

    @Test
    void theSameOrdersAgainAreKnownSoOrdersOutIsNotAskedAgain() {
        storefront.orders(List.of(order(1, 1), order(2, 2), order(3, 3)));
        NotifyBuilder first = new NotifyBuilder(context).fromRoute("orders-out").whenDone(1).create();
        hub.trigger().fire("orders-in", Trigger.MANUAL);
        assertThat(first.matches(20, TimeUnit.SECONDS)).as("orders-out ran after the first pull").isTrue();
        hub.awaitEndedRuns("orders-in", 1);

        hub.trigger().fire("orders-in", Trigger.MANUAL);

        hub.awaitEndedRuns("orders-in", 2);
        assertThat(storedOrders()).isEqualTo(3);
        assertThat(storefront.lineCalls()).as("known orders' lines are not fetched again").isEqualTo(3);
        assertThat(hub.runsOf("orders-in")).hasSize(2).last().satisfies(run -> {
            assertThat(run.status()).isEqualTo("ok");
            assertThat(run.itemsWritten()).isZero();
        });
        // the router fires orders-out inside orders-in's own run: by its end a fire would be in the history
        assertThat(hub.runsOf("orders-out")).hasSize(1);
    }

    @Test
    void anOrderThatFailsStopsThePullKeepsTheWatermarkAndTheRunNamesTheRealCause() {
        storefront.orders(List.of(order(1, 1), order(2, 2), order(3, 3)))
                .lines(id -> {
                    if (id == 2) {
                        throw new IllegalStateException("order 2's lines did not come");
                    }
                    return List.of(new Storefront.OrderLine("SKU-" + id, "Item", 1, BigDecimal.ONE));
                });
        hub.trigger().fire("orders-in", Trigger.MANUAL);

        hub.awaitEndedRuns("orders-in", 1);
        assertThat(hub.runsOf("orders-in")).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.message()).isEqualTo("order 2's lines did not come");
        });
        assertThat(storedOrders()).as("the order before the failure is in; none after it").isEqualTo(1);
        Optional<Watermarks.Watermark> mark = Tx.read(db, c -> new Watermarks().find(c, "orders-in"));
        assertThat(mark).as("no watermark saved").isEmpty();
        assertThat(hub.runsOf("orders-out")).isEmpty();
    }

    private static Storefront.Order order(long id, int minutes) {
        Instant at = T0.plusSeconds(60L * minutes);
        return new Storefront.Order(id, "Awaiting Fulfillment", 11, at, at, new BigDecimal("9.99"), "EUR", "o" + id + "@example.com");
    }

    private int storedOrders() {
        return Tx.read(db, c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sales_order")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
