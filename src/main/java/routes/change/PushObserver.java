package routes.change;

import java.time.Instant;
import java.util.List;

/** Told when changes reached the storefront, with when each was made (for the change-to-storefront latency). */
@FunctionalInterface
public interface PushObserver {

    void pushed(String entityType, List<Instant> changedAt);

    PushObserver NONE = (type, changedAt) -> { };
}
