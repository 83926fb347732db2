package routes.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.rest.RestEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * The allowlist of HTTP routes that need no admin token, by route id: the dashboard's static files and the webhook
 * receivers (which check their own signatures). Everything else on the admin port needs the token. The paths these
 * routes serve are read from the running routes themselves (so an override that moves a webhook moves its opening
 * with it, and a route that is not running opens nothing) and re-read whenever a route is added or removed.
 */
public final class PublicRoutes {

    /** The only routes served without the token. Health is Camel's management endpoint, see {@link HttpAccess}. */
    public static final Set<String> IDS = Set.of("dashboard-index", "dashboard-file", "webhooks-orders",
            "webhooks-bigcommerce");

    private final CamelContext context;
    private volatile List<String[]> patterns;

    public PublicRoutes(CamelContext context) {
        this.context = context;
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                patterns = null;
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.RouteEvent;
            }
        });
    }

    /** Whether {@code path} (already canonical, see {@link RequestTarget}) is served by an allowlisted route. */
    public boolean serves(String path) {
        List<String[]> current = patterns;
        if (current == null) {
            current = read();
            patterns = current;
        }
        String[] segments = path.split("/", -1);
        for (String[] pattern : current) {
            if (matches(pattern, segments)) {
                return true;
            }
        }
        return false;
    }

    private List<String[]> read() {
        List<String[]> found = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (IDS.contains(route.getRouteId())) {
                String path = pathOf(route.getEndpoint());
                if (path != null) {
                    found.add(path.split("/", -1));
                }
            }
        }
        return found;
    }

    /** The path an HTTP route's consumer answers, with {@code {name}} for a path parameter; null for other routes. */
    static String pathOf(Endpoint endpoint) {
        if (endpoint instanceof PlatformHttpEndpoint http) {
            return http.getPath();
        }
        if (endpoint instanceof RestEndpoint rest) {
            String context = rest.getCamelContext().getRestConfiguration().getContextPath();
            return join(join(context, rest.getPath()), rest.getUriTemplate());
        }
        return null;
    }

    private static String join(String base, String more) {
        String left = base == null ? "" : base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (more == null || more.isEmpty() || more.equals("/")) {
            return left.isEmpty() ? "/" : left;
        }
        return left + (more.startsWith("/") ? more : "/" + more);
    }

    private static boolean matches(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            boolean parameter = p.startsWith("{") && p.endsWith("}");
            if (parameter ? segments[i].isEmpty() : !p.equals(segments[i])) {
                return false;
            }
        }
        return true;
    }
}
