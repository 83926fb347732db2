package routes.changelog;

import java.time.Instant;
import java.util.List;

/** Told when changes reached the storefront, with when each was made (for the change-to-storefront latency). */
@FunctionalInterface
public interface PushObserver {

    void pushed(EntityType entityType, List<Instant> changedAt);

    /** Items the storefront took that were not changes (a Sync Now sends current levels): counted, no latency. */
    default void synced(EntityType entityType, int items) {
    }

    PushObserver NONE = (type, changedAt) -> { };
}
