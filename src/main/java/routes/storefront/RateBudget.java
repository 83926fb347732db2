package routes.storefront;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One storefront rate budget shared by every task, by priority (orders > inventory > catalog > images). Every call
 * asks {@link #acquire} first. While the storefront has room, callers pass at once. When it signals a limit (429, or
 * {@code X-Rate-Limit-Requests-Left} at or below the reserve) callers queue by priority: at the reserve only
 * {@link Priority#ORDERS} still goes; after a 429 nobody goes until the window resets, and then the highest priority
 * goes first. Only the head of the queue waits out the window (through the {@link Sleeper}); the rest wait for it.
 */
public class RateBudget {

    /** Who is asking, highest first. */
    public enum Priority { ORDERS, INVENTORY, CATALOG, IMAGES }

    private record Waiter(Priority priority, long seq) {
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final int reserve;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Waiter> queue = new PriorityQueue<>(
            Comparator.comparing(Waiter::priority).thenComparingLong(Waiter::seq));
    private final AtomicLong seq = new AtomicLong();
    /** Nobody passes before this (after a 429). */
    private Instant closedUntil;
    /** Only ORDERS passes before this (requests left at or below the reserve). */
    private Instant reservedUntil;
    private boolean headSleeping;
    private final AtomicLong waits = new AtomicLong();
    private volatile java.util.function.Consumer<Priority> admissions = p -> { };

    /** @param reserve requests kept for orders once the storefront reports this few left ({@code synchub.storefront.rate.reserve}) */
    public RateBudget(Clock clock, Sleeper sleeper, int reserve) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.reserve = reserve;
    }

    /** Blocks until a call of this priority may go. */
    public void acquire(Priority priority) throws InterruptedException {
        Waiter me = new Waiter(priority, seq.incrementAndGet());
        lock.lockInterruptibly();
        try {
            queue.add(me);
            while (true) {
                if (queue.peek() == me) {
                    Instant until = blockedUntil(priority);
                    if (until == null) {
                        admissions.accept(priority);
                        return;
                    }
                    if (!headSleeping) {
                        waitOut(until);
                        continue;
                    }
                }
                changed.await(1, TimeUnit.SECONDS);
            }
        } finally {
            queue.remove(me);
            changed.signalAll();
            lock.unlock();
        }
    }

    /** The head waits out the window; the window is over when it wakes (the sleeper's time is the truth). */
    private void waitOut(Instant until) throws InterruptedException {
        headSleeping = true;
        waits.incrementAndGet();
        Duration wait = Duration.between(clock.instant(), until);
        lock.unlock();
        try {
            sleeper.sleep(wait);
        } finally {
            lock.lock();
            headSleeping = false;
            if (until.equals(closedUntil)) {
                closedUntil = null;
            }
            if (until.equals(reservedUntil)) {
                reservedUntil = null;
            }
            changed.signalAll();
        }
    }

    private Instant blockedUntil(Priority priority) {
        Instant now = clock.instant();
        if (closedUntil != null && now.isBefore(closedUntil)) {
            return closedUntil;
        }
        if (priority != Priority.ORDERS && reservedUntil != null && now.isBefore(reservedUntil)) {
            return reservedUntil;
        }
        return null;
    }

    /**
     * What a response said about the limit: a 429 closes the budget for {@code resetIn}; requests left at or below
     * the reserve keep it for orders until {@code resetIn}; more left than the reserve opens it again.
     */
    public void observe(int status, Integer requestsLeft, Duration resetIn) {
        lock.lock();
        try {
            Instant now = clock.instant();
            Duration window = resetIn == null || resetIn.isNegative() ? Duration.ofSeconds(1) : resetIn;
            if (status == 429) {
                closedUntil = now.plus(window);
            } else if (requestsLeft != null && requestsLeft <= reserve) {
                reservedUntil = now.plus(window);
            } else if (requestsLeft != null) {
                reservedUntil = null;
                closedUntil = null;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Told of every admission, in admission order (under the budget's lock: keep it quick). */
    public void onAdmission(java.util.function.Consumer<Priority> listener) {
        this.admissions = listener == null ? p -> { } : listener;
    }

    /** Callers queued right now. */
    public int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many times a caller had to wait out a limit window. */
    public long windowsWaited() {
        return waits.get();
    }

    /** A budget that never makes anyone wait (no limit seen is ever a limit). */
    public static RateBudget unlimited(Clock clock) {
        return new RateBudget(clock, d -> { }, -1);
    }
}
