package routes.hooks;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.platform.Tx;
import routes.storefront.HookScope;
import routes.storefront.StorefrontHooks;
import routes.storefront.StorefrontHooks.Hook;

/**
 * Keeps one active hook per {@link HookScope} pointing at {@code synchub.storefront.webhook-url} with SyncHub's
 * {@link HookHeader}: lists the storefront's hooks first and creates only the missing ones, re-activates the ones
 * BigCommerce deactivated (48 h of failed deliveries, or 90 days idle) and puts the current header on those that carry
 * another. Idempotent across restarts (it looks before it creates) and across nodes (the scopes' rows in
 * {@code storefront_hook} are locked while it looks and creates, so a second node sees the first one's hooks).
 */
public final class HookRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(HookRegistration.class);
    public static final String SETTING = "synchub.storefront.webhook-url";

    /** What one pass did, per scope counted once. */
    public record Outcome(boolean configured, int created, int reactivated, int headerUpdated, int unchanged) {
        static final Outcome NOT_CONFIGURED = new Outcome(false, 0, 0, 0, 0);

        public int changed() {
            return created + reactivated + headerUpdated;
        }

        @Override
        public String toString() {
            return configured ? created + " created, " + reactivated + " re-activated, " + headerUpdated
                    + " given the current header, " + unchanged + " fine" : SETTING + " is not set: no hooks registered";
        }
    }

    private final StorefrontHooks hooks;
    private final DataSource hub;
    private final Clock clock;
    private final String destination;
    private final HookHeader header;

    /** {@code destination} null: nothing is registered (callbacks can still come through a relay). */
    public HookRegistration(StorefrontHooks hooks, DataSource hub, Clock clock, String destination, HookHeader header) {
        this.hooks = hooks;
        this.hub = hub;
        this.clock = clock;
        this.destination = destination;
        this.header = header;
    }

    public boolean configured() {
        return destination != null;
    }

    public Outcome ensure() {
        if (destination == null) {
            return Outcome.NOT_CONFIGURED;
        }
        Outcome outcome = Tx.inTransaction(hub, c -> {
            StorefrontHookStore.lockAll(c);
            List<Hook> existing = hooks.list();
            int created = 0;
            int reactivated = 0;
            int updated = 0;
            int unchanged = 0;
            for (HookScope scope : HookScope.values()) {
                Optional<Hook> found = existing.stream()
                        .filter(h -> scope.scope().equals(h.scope()) && destination.equals(h.destination()))
                        .min(Comparator.comparing((Hook h) -> !h.active()).thenComparingLong(Hook::id));
                Hook now;
                if (found.isEmpty()) {
                    now = hooks.create(scope.scope(), destination, header.headers());
                    created++;
                    LOG.info("Webhook {} registered (hook {})", scope.scope(), now.id());
                } else if (!found.get().active()) {
                    now = hooks.update(found.get().id(), true, header.headers());
                    reactivated++;
                    LOG.warn("Webhook {} (hook {}) had been deactivated by the storefront; re-activated", scope.scope(), found.get().id());
                } else if (!header.carriedBy(found.get().headers())) {
                    now = hooks.update(found.get().id(), true, header.headers());
                    updated++;
                    LOG.info("Webhook {} (hook {}) given the current {} header", scope.scope(), found.get().id(), HookHeader.NAME);
                } else {
                    now = found.get();
                    unchanged++;
                }
                StorefrontHookStore.save(c, scope, new Hook(found.map(Hook::id).orElse(now.id()), scope.scope(), destination,
                        true, now.headers()), clock.instant());
            }
            return new Outcome(true, created, reactivated, updated, unchanged);
        });
        return outcome;
    }

    @Override
    public String toString() {
        return "HookRegistration[" + (destination == null ? "off" : destination) + "]";
    }
}
