package routes.orders.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

import routes.platform.Tx;

/**
 * Replays on {@code POST /webhooks/orders}: an event is taken at most once (by its payload {@code hash}, or the
 * SHA-256 of its body when it has none; table {@code relay_order_event}, so across nodes too), and only while its
 * {@code created_at} lies within the window around the clock's now (like Standard Webhooks' 5 minutes), so a captured
 * request cannot be replayed later either, once its key is forgotten.
 */
public final class RelayReplays {

    public static final String WINDOW_SETTING = "synchub.storefront.webhook-tolerance-seconds";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** Event keys are kept this many windows; older events are refused by age anyway. */
    private static final int KEEP_WINDOWS = 2;

    /** Where an event's created_at lies from now. */
    public enum Age { WITHIN, TOO_OLD, TOO_NEW }

    private final DataSource hub;
    private final Clock clock;
    private final Duration window;

    public RelayReplays(DataSource hub, Clock clock, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(WINDOW_SETTING + " must be positive (" + window + ")");
        }
        this.hub = hub;
        this.clock = clock;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    public Age age(WebhookEvent event) {
        Instant now = clock.instant();
        Instant created = Instant.ofEpochSecond(event.createdAt());
        if (created.isBefore(now.minus(window))) {
            return Age.TOO_OLD;
        }
        return created.isAfter(now.plus(window)) ? Age.TOO_NEW : Age.WITHIN;
    }

    /**
     * Takes the event in and runs {@code then} in the same transaction (so the key commits only once {@code then}
     * did); empty, and {@code then} not run, when the event was taken before.
     */
    public <T> Optional<T> once(WebhookEvent event, byte[] body, Supplier<T> then) {
        Instant now = clock.instant();
        return Tx.inTransaction(hub, c -> {
            RelayEventStore.forgetCreatedBefore(c, now.minus(window.multipliedBy(KEEP_WINDOWS)));
            if (!RelayEventStore.claim(c, key(event, body), event.orderId(), Instant.ofEpochSecond(event.createdAt()), now)) {
                return Optional.<T>empty();
            }
            return Optional.of(then.get());
        });
    }

    /** The event's identity: its payload hash when it has one, else the digest of the exact body. */
    static String key(WebhookEvent event, byte[] body) {
        boolean hashed = event.hash() != null && !event.hash().isBlank();
        try {
            // digested either way: the key fits its column whatever length the sender's hash has
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(hashed ? event.hash().getBytes(StandardCharsets.UTF_8) : body);
            return (hashed ? "hash:" : "body:") + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "RelayReplays[window " + window + "]";
    }
}
