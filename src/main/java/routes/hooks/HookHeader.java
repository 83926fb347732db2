package routes.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The custom header SyncHub registers its hooks with and BigCommerce sends back on every callback: {@value #NAME}
 * carrying the secret {@value #SETTING}. Compared in constant time; the secret never shows in {@link #toString()}.
 */
public final class HookHeader {

    public static final String NAME = "X-SyncHub-Hook-Secret";
    public static final String SETTING = "synchub.storefront.hook-secret";
    /** Shorter secrets are refused at start: the header is all that stands between the internet and orders-in. */
    public static final int MIN_CHARS = 16;

    private final byte[] secret;
    private final String text;

    public HookHeader(String secret) {
        if (secret == null || secret.strip().length() < MIN_CHARS) {
            throw new IllegalArgumentException(SETTING + " must be at least " + MIN_CHARS + " characters");
        }
        this.text = secret.strip();
        this.secret = text.getBytes(StandardCharsets.UTF_8);
    }

    /** The headers to register a hook with. */
    public Map<String, String> headers() {
        return Map.of(NAME, text);
    }

    /** True only when {@code value} (a callback's header) is the secret. */
    public boolean matches(String value) {
        return value != null && MessageDigest.isEqual(secret, value.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a registered hook's headers carry this secret (header names are case-insensitive). */
    public boolean carriedBy(Map<String, String> headers) {
        return headers.entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase(NAME) && matches(h.getValue()));
    }

    @Override
    public String toString() {
        return "HookHeader[" + NAME + ", secret hidden]";
    }
}
