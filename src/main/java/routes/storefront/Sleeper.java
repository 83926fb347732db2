package routes.storefront;

import java.time.Duration;

/** How the storefront client waits between attempts; tests pass one that records instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
