package routes.storefront;

import java.time.Duration;

/**
 * A storefront call that did not succeed, with what was sent and received so it can be parked and replayed.
 * {@code retryable} is true for 429, 5xx, time-outs and connection failures. {@code outcomeUnknown} is true when a
 * write was sent and its answer never came (a time-out after sending): the storefront may or may not have applied it,
 * so the caller reads the storefront's value back before it retries or parks (an indeterminate result, as Jepsen
 * calls it).
 */
public class StorefrontException extends RuntimeException {

    private final int status;
    private final String request;
    private final String response;
    private final boolean retryable;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    public StorefrontException(String message, int status, String request, String response, boolean retryable,
                               Duration retryAfter, Throwable cause) {
        this(message, status, request, response, retryable, retryAfter, cause, false);
    }

    public StorefrontException(String message, int status, String request, String response, boolean retryable,
                               Duration retryAfter, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
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

    /** A write that was sent and not answered: the storefront may have applied it. Read back before retrying. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
