package routes.storefront;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Bounded retries for storefront calls ({@code synchub.storefront.retry.*}): exponential backoff from {@code base}
 * capped at {@code max}, with full jitter; a wait the storefront asks for (429) is honoured up to {@code max}.
 *
 * @param maxAttempts attempts in all, the first included (1 = no retry)
 * @param jitter      maps the capped backoff in ms to the wait actually taken (0..backoff); tests pass identity
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration max, LongUnaryOperator jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("synchub.storefront.retry.max-attempts must be at least 1, got " + maxAttempts);
        }
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("synchub.storefront.retry.base-ms (" + base.toMillis()
                    + ") must be >= 0 and <= synchub.storefront.retry.max-ms (" + max.toMillis() + ")");
        }
    }

    /** Full jitter: a uniform wait in 0..backoff. */
    public static RetryPolicy withFullJitter(int maxAttempts, Duration base, Duration max) {
        return new RetryPolicy(maxAttempts, base, max,
                ms -> ms <= 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(ms + 1));
    }

    /** No retries at all. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, ms -> 0);

    /** The wait before attempt {@code attempt + 1} after a failed attempt {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        long cap = max.toMillis();
        long exp = base.toMillis() << Math.min(attempt - 1, 30);
        long capped = exp < 0 || exp > cap ? cap : exp;
        return Duration.ofMillis(Math.max(0, Math.min(capped, jitter.applyAsLong(capped))));
    }

    /** The storefront's own "come back in" time, bounded by {@code max}; backoff when it named none. */
    public Duration rateLimitWait(Duration askedFor, int attempt) {
        if (askedFor == null || askedFor.isNegative()) {
            return backoff(attempt);
        }
        return askedFor.compareTo(max) > 0 ? max : askedFor;
    }
}
