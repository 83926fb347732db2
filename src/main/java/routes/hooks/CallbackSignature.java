package routes.hooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BigCommerce's callback signature, the Standard Webhooks scheme: {@value #SIGNATURE} is a space-separated list of
 * {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} under the bytes of the app's client secret
 * ({@value #SETTING}); {@value #TIMESTAMP} (epoch seconds) must be within {@link #TOLERANCE} of the injected clock,
 * so a captured callback cannot be replayed later. Written here (a few lines of javax.crypto) so the time comes from
 * SyncHub's clock and the key is the secret's raw bytes.
 */
public final class CallbackSignature {

    public static final String SETTING = "synchub.storefront.client-secret";
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_HEADER_CHARS = 1000;

    private final SecretKeySpec key;
    private final Clock clock;

    public CallbackSignature(String clientSecret, Clock clock) {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException(SETTING + " is empty");
        }
        this.key = new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /** The {@value #SIGNATURE} value for a callback (what BigCommerce sends; tests and relays use it). */
    public String sign(String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(id, String.valueOf(timestamp), body));
    }

    /** Why the callback's signature headers do not verify, or empty when they do. Never throws. */
    public Optional<String> problem(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return Optional.of("headers " + ID + ", " + TIMESTAMP + " and " + SIGNATURE + " are all needed");
        }
        if (id.length() > MAX_HEADER_CHARS || signatures.length() > MAX_HEADER_CHARS || !timestamp.strip().matches("[0-9]{1,12}")) {
            return Optional.of("header " + TIMESTAMP + " is not epoch seconds, or a header is too long");
        }
        long seconds = Long.parseLong(timestamp.strip());
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > TOLERANCE.toSeconds()) {
            return Optional.of("header " + TIMESTAMP + " is " + skew + " s from now, outside the "
                    + TOLERANCE.toSeconds() + " s window (a replay, or a clock that is off)");
        }
        byte[] expected = mac(id, timestamp.strip(), body == null ? new byte[0] : body);
        for (String candidate : signatures.strip().split(" +")) {
            if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected, decode(candidate.substring(3)))) {
                return Optional.empty();
            }
        }
        return Optional.of("header " + SIGNATURE + " is not the HMAC-SHA256 of this callback under " + SETTING);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private byte[] mac(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "CallbackSignature[Standard Webhooks v1, secret hidden]";
    }
}
