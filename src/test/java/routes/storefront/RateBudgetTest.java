package routes.storefront;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RateBudgetTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final List<RateBudget.Priority> admitted = Collections.synchronizedList(new ArrayList<>());

    @Test
    void withASaturatedBudgetAnOrdersCallIsAdmittedBeforeAQueuedCatalogCall() throws Exception {
        CountDownLatch windowOver = new CountDownLatch(1);
        List<Duration> waited = Collections.synchronizedList(new ArrayList<>());
        RateBudget budget = new RateBudget(clock, d -> {
            waited.add(d);
            windowOver.await();
        }, 5);
        budget.onAdmission(admitted::add);
        budget.observe(429, 0, Duration.ofSeconds(30));

        Thread catalog = caller(budget, RateBudget.Priority.CATALOG);
        await().until(() -> budget.waiting() == 1);
        Thread orders = caller(budget, RateBudget.Priority.ORDERS);
        await().until(() -> budget.waiting() == 2);
        assertThat(admitted).as("nobody goes while the window is closed").isEmpty();

        windowOver.countDown();
        catalog.join(5_000);
        orders.join(5_000);

        assertThat(admitted).containsExactly(RateBudget.Priority.ORDERS, RateBudget.Priority.CATALOG);
        assertThat(waited).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void atTheReserveOnlyOrdersGoWhileLowerPrioritiesWaitForTheWindow() throws Exception {
        CountDownLatch windowOver = new CountDownLatch(1);
        RateBudget budget = new RateBudget(clock, d -> windowOver.await(), 5);
        budget.onAdmission(admitted::add);
        budget.observe(200, 3, Duration.ofSeconds(10));

        Thread images = caller(budget, RateBudget.Priority.IMAGES);
        await().until(() -> budget.waiting() == 1);
        Thread orders = caller(budget, RateBudget.Priority.ORDERS);
        orders.join(5_000);
        assertThat(admitted).containsExactly(RateBudget.Priority.ORDERS);

        windowOver.countDown();
        images.join(5_000);
        assertThat(admitted).containsExactly(RateBudget.Priority.ORDERS, RateBudget.Priority.IMAGES);
    }

    @Test
    void withRoomEveryoneGoesAtOnce() throws Exception {
        RateBudget budget = new RateBudget(clock, d -> {
            throw new AssertionError("nobody should wait");
        }, 5);
        budget.observe(200, 400, Duration.ofSeconds(10));
        for (RateBudget.Priority p : RateBudget.Priority.values()) {
            budget.acquire(p);
        }
        assertThat(budget.windowsWaited()).isZero();
    }

    private Thread caller(RateBudget budget, RateBudget.Priority priority) {
        Thread t = new Thread(() -> {
            try {
                budget.acquire(priority);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "caller-" + priority);
        t.start();
        return t;
    }
}
