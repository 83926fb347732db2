package routes.storefront;

import java.time.Duration;

/**
 * A storefront call that did not succeed, with what was sent and received so it can be parked and replayed.
 * {@code retryable} is true for 429, 5xx, time-outs and connection failures.
 */
public class StorefrontException extends RuntimeException {

    private final int status;
    private final String request;
    private final String response;
    private final boolean retryable;
    private final Duration retryAfter;

    public StorefrontException(String message, int status, String request, String response, boolean retryable,
                               Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.request = request;
        this.response = response;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String request() {
        return request;
    }

    public String response() {
        return response;
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the storefront asked us to wait (429), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
