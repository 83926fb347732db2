package routes.ops;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Which headers cross the admin port, both ways (platform-http's {@code headerFilterStrategy}).
 *
 * <p>Out: only the response headers SyncHub sets itself ({@link #RESPONSE}); everything else in the message
 * (request headers, query parameters and form fields, which Camel maps to message headers too) stays inside, so a
 * request can never shape the response's headers ({@code ?Set-Cookie=...}).
 *
 * <p>In: credentials never enter the message ({@code Authorization} is checked by {@link HttpGate} on the request
 * itself), and a query parameter or form field may not pose as a header SyncHub reads as a credential or writes in
 * a response: a signature counts only when it came as a request header.
 */
public final class HttpHeaderPolicy extends HttpHeaderFilterStrategy {

    /** The response headers SyncHub sets (lower case). Content-Type and Content-Length are platform-http's own. */
    static final Set<String> RESPONSE = Set.of("content-type", "cache-control", "location", "retry-after");
    /** Request headers that are credentials (lower case): never in the message. */
    static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie");
    /**
     * Request headers that prove a webhook (lower case): only from the request's own headers. The relay's signature,
     * and BigCommerce's custom header and Standard Webhooks headers (routes.hooks).
     */
    static final Set<String> SIGNATURES = Set.of("x-synchub-signature", "x-synchub-hook-secret", "webhook-id",
            "webhook-timestamp", "webhook-signature");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !RESPONSE.contains(headerName.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(Locale.ROOT);
        if (CREDENTIALS.contains(name)) {
            return true;
        }
        if ((RESPONSE.contains(name) || SIGNATURES.contains(name)) && !sentAsHeader(headerName, headerValue, exchange)) {
            return true;
        }
        return super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }

    /** Whether the request itself has this header with this value (not merely a query parameter or form field of that name). */
    private static boolean sentAsHeader(String name, Object value, Exchange exchange) {
        if (exchange != null && exchange.getIn() instanceof HttpMessage http && http.getRequest() != null) {
            List<String> sent = http.getRequest().headers().getAll(name);
            return value != null && sent.contains(value.toString());
        }
        return false;
    }
}
