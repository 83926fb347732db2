package routes.orders.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a webhook's raw body with the shared secret ({@code synchub.storefront.webhook-secret}).
 * Thread-safe: a {@link Mac} is made per call.
 */
public final class WebhookSignature {

    public static final String SETTING = "synchub.storefront.webhook-secret";
    public static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    /** Longest header value looked at: hex with prefix and some whitespace. */
    private static final int MAX_HEADER_CHARS = 200;

    private final SecretKeySpec key;

    /** @throws IllegalArgumentException when the secret is null or blank */
    public WebhookSignature(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(SETTING + " is empty: set it to the secret shared with the storefront "
                    + "webhook (example: " + SETTING + "=change-me-to-a-long-random-string)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The signature of {@code body} as lowercase hex (64 characters). */
    public String sign(byte[] body) {
        return HexFormat.of().formatHex(mac(body == null ? new byte[0] : body));
    }

    /**
     * True only when {@code headerValue} carries the signature of {@code body}: hex (any case) or base64 (standard or
     * URL-safe, padding optional), optionally prefixed {@code sha256=}, surrounding whitespace ignored. Compared in
     * constant time. Never throws: null, empty or garbage headers (and a null body) give false.
     */
    public boolean verify(byte[] body, String headerValue) {
        if (body == null || headerValue == null) {
            return false;
        }
        byte[] given = decode(headerValue);
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(mac(body), given);
    }

    /** The 32 signature bytes a header carries, or null when it carries none. */
    static byte[] decode(String headerValue) {
        if (headerValue.length() > MAX_HEADER_CHARS) {
            return null;
        }
        String value = headerValue.strip();
        if (value.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
            value = value.substring("sha256=".length()).strip();
        }
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() == MAC_BYTES * 2 && isHex(value)) {
            return HexFormat.of().parseHex(value);
        }
        try {
            byte[] bytes = value.indexOf('-') >= 0 || value.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(value)
                    : Base64.getDecoder().decode(value);
            return bytes.length == MAC_BYTES ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.digit(value.charAt(i), 16) < 0 || value.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[" + ALGORITHM + ", secret hidden]";
    }
}
