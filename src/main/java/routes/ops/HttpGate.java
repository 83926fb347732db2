package routes.ops;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port's front door, the first handler of every request before any route is chosen (Camel routes and
 * Camel's own health and metrics alike). In order: the request target must be canonical ({@link RequestTarget}, else
 * 400), its Host one of {@code synchub.http.allowed-hosts} (else 421: no DNS rebinding), a state-changing request's
 * Origin, if sent, this SyncHub's own (else 403: no cross-site requests), and unless the path is served by an
 * allowlisted route ({@link PublicRoutes}) or is health, a valid admin token in the {@code Authorization} header
 * (else 401). Credentials are read from that header only, never from the query or a form.
 *
 * <p>It is installed through platform-http's authentication hook (see {@link GatedHttpServerFactory}) because that is
 * the one place Camel adds a handler to the router before the port opens.
 */
public final class HttpGate implements AuthenticationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpGate.class);
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpAccess access;
    private final PublicRoutes publicRoutes;

    public HttpGate(HttpAccess access, PublicRoutes publicRoutes) {
        this.access = access;
        this.publicRoutes = publicRoutes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        Optional<String> badTarget = RequestTarget.problem(request.uri());
        if (badTarget.isPresent()) {
            refuse(ctx, 400, "bad request", badTarget.get());
            return;
        }
        // HTTP/1.1's Host header or HTTP/2's :authority; two Host headers are no answer to "which site?"
        HostAndPort authority = request.authority();
        if (authority == null || request.headers().getAll("Host").size() > 1) {
            refuse(ctx, 400, "bad request", "the request must name exactly one Host");
            return;
        }
        String host = authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
        if (!access.hostAllowed(host)) {
            refuse(ctx, 421, "misdirected request", "Host '" + RequestTarget.printable(host) + "' is not one of "
                    + HttpAccess.ALLOWED_HOSTS + " (" + String.join(", ", access.allowedHosts()) + ")");
            return;
        }
        if (!SAFE.contains(request.method())) {
            Optional<String> foreign = foreignOrigin(request, host);
            if (foreign.isPresent()) {
                refuse(ctx, 403, "forbidden", foreign.get());
                return;
            }
        }
        String path = request.path();
        if (access.tokenRequired() && !access.openManagementPath(path) && !publicRoutes.serves(path)) {
            List<String> authorization = request.headers().getAll("Authorization");
            if (authorization.isEmpty()) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"synchub\"");
                refuse(ctx, 401, "unauthorized", "Authorization: Bearer <synchub.admin.token> is required");
                return;
            }
            if (authorization.size() != 1 || !access.authorizes(authorization.get(0))) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"synchub\", error=\"invalid_token\"");
                refuse(ctx, 401, "unauthorized", "the bearer token is not the configured synchub.admin.token");
                return;
            }
        }
        ctx.next();
    }

    /**
     * Why a state-changing request's Origin is refused: it names another site than the one the request was sent to
     * (scheme's default port where none is given; X-Forwarded-Proto, which a cross-site page cannot set, for a TLS
     * proxy in front). No Origin at all is a non-browser client and passes.
     */
    private Optional<String> foreignOrigin(HttpServerRequest request, String host) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return Optional.empty();
        }
        String forwarded = request.getHeader("X-Forwarded-Proto");
        String scheme = forwarded != null ? forwarded.trim().toLowerCase(Locale.ROOT) : request.isSSL() ? "https" : "http";
        String own = scheme + "://" + host.trim().toLowerCase(Locale.ROOT);
        try {
            URI from = URI.create(origin.trim());
            URI self = URI.create(own);
            if (from.getHost() != null && scheme.equalsIgnoreCase(from.getScheme())
                    && HttpAccess.hostName(from.getHost()).equals(HttpAccess.hostName(self.getHost() == null ? host : self.getHost()))
                    && port(from) == port(self) && access.hostAllowed(from.getHost())) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            // an Origin that is not a URI is no origin of ours
        }
        return Optional.of("Origin '" + RequestTarget.printable(origin) + "' is not this SyncHub's own (" + own
                + "); changes are accepted from the dashboard's own origin or from clients that send no Origin");
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void refuse(RoutingContext ctx, int status, String error, String detail) {
        // the path only: a query may carry what a client mistook for a credential
        LOG.debug("refused {} {}: {} {}", ctx.request().method(), RequestTarget.printable(ctx.request().path()), status, error);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("detail", detail);
        String body;
        try {
            body = JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            body = "{\"error\":\"" + error + "\"}";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
