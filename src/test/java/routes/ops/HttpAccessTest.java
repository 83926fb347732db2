package routes.ops;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;
import routes.hooks.HookHeader;
import routes.orders.webhook.WebhookSignature;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin port is deny-by-default, whatever the shape of the URL: every HTTP route of the running application
 * (read from the router itself, so a route added later is covered without touching this test) refuses a request
 * without the token, or with a wrong one, in every equivalent or odd spelling of its path; request parameters never
 * come back as response headers and never count as credentials; Host and Origin are checked; metrics need the token.
 */
class HttpAccessTest {

    private static final String TOKEN = "gate-T0ken-for-tests";
    private static final String WEBHOOK_SECRET = "gate-webhook-secret";
    private static final String HOOK_SECRET = "gate-hook-secret-0123456789";
    private static final Pattern PARAMETER = Pattern.compile(":([A-Za-z0-9_]+)");
    /** Response headers an attacker would like to set (plus a made-up one), sent as query parameters and form fields. */
    private static final List<String> RESPONSE_HEADERS = List.of("Set-Cookie", "Refresh", "Location",
            "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
            "Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age",
            "Content-Security-Policy", "Content-Security-Policy-Report-Only", "Strict-Transport-Security",
            "X-Frame-Options", "X-XSS-Protection", "X-Content-Type-Options", "Content-Type", "Content-Disposition",
            "Content-Encoding", "Content-Language", "Content-Location", "Cache-Control", "Expires", "Pragma", "ETag",
            "Last-Modified", "Link", "Retry-After", "Server", "Vary", "WWW-Authenticate", "Proxy-Authenticate",
            "Set-Cookie2", "Alt-Svc", "Age", "Allow", "Accept-Ranges", "Clear-Site-Data", "Cross-Origin-Opener-Policy",
            "Cross-Origin-Embedder-Policy", "Cross-Origin-Resource-Policy", "Permissions-Policy", "Referrer-Policy",
            "Timing-Allow-Origin", "Trailer", "Via", "Warning", "X-Powered-By", "Report-To", "X-Injected",
            "CamelHttpResponseCode");

    private static RunningSyncHub app;
    private static RawHttp raw;

    @BeforeAll
    static void start() throws Exception {
        app = RunningSyncHub.start(Map.of("synchub.admin.token", TOKEN,
                "synchub.storefront.webhook-secret", WEBHOOK_SECRET, "synchub.storefront.hook-secret", HOOK_SECRET));
        raw = new RawHttp(app.port());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A path and the methods its route answers (empty: any). */
    record HttpRoute(String path, Set<String> methods) {
        List<String> methodsToTry() {
            return methods.isEmpty() ? List.of("GET", "POST") : List.copyOf(methods);
        }
    }

    /** Every route on the admin port's router (Camel's routes and Camel's health and metrics), with sample parameters. */
    private static List<HttpRoute> everyRoute() {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(app.context(),
                VertxPlatformHttpRouter.getRouterNameFromPort(app.port()));
        List<HttpRoute> routes = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null) {
                // path parameters make Vert.x keep a regex beside the path; a regex of its own this test cannot spell
                assertThat(route.isRegexPath()).as("route %s has a regex path this test cannot spell; extend it", route.getName()).isFalse();
                continue;
            }
            Set<String> methods = new TreeSet<>();
            if (route.methods() != null) {
                route.methods().stream().map(HttpMethod::name).forEach(methods::add);
            }
            routes.add(new HttpRoute(PARAMETER.matcher(route.getPath()).replaceAll("1"), methods));
        }
        return routes;
    }

    /** The paths the allowlisted routes serve, as the test expects them (sample parameter values as in everyRoute). */
    private static boolean allowlisted(String path) {
        return path.equals("/") || path.equals("/dashboard/1") || path.equals("/webhooks/orders")
                || path.equals("/webhooks/bigcommerce")
                || path.equals("/observe/health") || path.startsWith("/observe/health/");
    }

    /** Spellings of {@code path} that a router may take for it, or that are simply odd: none may get past the token. */
    private static List<String> shapes(String path) {
        int second = path.indexOf('/', 1);
        String first = second < 0 ? path.substring(1) : path.substring(1, second);
        String rest = second < 0 ? "" : path.substring(second);
        List<String> shapes = new ArrayList<>(List.of(
                path,
                "/" + path,
                "/." + path,
                "/x/.." + path,
                "/dashboard/.." + path,
                "/%2e" + path,
                "/%2E%2E" + path,
                "/%" + String.format("%02x", (int) first.charAt(0)) + path.substring(2),
                path.toUpperCase(Locale.ROOT),
                path + "/",
                path + "/.",
                path + ";jsessionid=0123456789",
                "/" + first + "/." + rest,
                "/" + first + "//" + rest,
                "/" + first + "%2F" + (rest.isEmpty() ? "" : rest.substring(1)),
                "/" + first + "\\" + (rest.isEmpty() ? "" : rest.substring(1)),
                "http://any.host" + path,
                "http://127.0.0.1:" + app.port() + path,
                path + "%00",
                "/dashboard/%2e%2e" + path));
        assertThat(new LinkedHashSet<>(shapes)).hasSizeGreaterThanOrEqualTo(15);
        return shapes;
    }

    @Test
    void theRouterHasTheRoutesThisTestMustCover() {
        List<HttpRoute> routes = everyRoute();
        Set<String> paths = new TreeSet<>();
        routes.forEach(r -> paths.add(r.path()));
        // every Camel HTTP route is on the router the walk reads
        app.context().getRoutes().forEach(route -> {
            String path = PublicRoutes.pathOf(route.getEndpoint());
            if (path != null) {
                assertThat(paths).as("route %s", route.getRouteId()).contains(path.replaceAll("\\{[^}]+}", "1"));
            }
        });
        assertThat(paths).contains("/api/v1/tasks", "/api/v1/stock/adjustments", "/observe/metrics", "/api/v1/openapi.json");
        assertThat(routes.stream().filter(r -> !allowlisted(r.path())).count()).isGreaterThan(20);
    }

    @Test
    void noRouteOutsideTheAllowlistAnswersWithoutTheTokenInAnyShapeOfItsUrl() throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (HttpRoute route : everyRoute()) {
            if (allowlisted(route.path())) {
                continue;
            }
            for (String method : route.methodsToTry()) {
                for (String target : shapes(route.path())) {
                    for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer " + TOKEN + "x", "Basic Z2F0ZTp4"}) {
                        RawHttp.Response response = raw.send(method, target, authorization == null ? Map.of()
                                : Map.of("Authorization", authorization), method.equals("GET") ? null : "{}");
                        sent++;
                        if (response.status() < 400) {
                            failures.add(method + " " + target + " (" + authorization + ") -> " + response.status());
                        }
                    }
                }
            }
        }
        assertThat(failures).as("requests let in without a valid token, of " + sent).isEmpty();
        assertThat(sent).isGreaterThan(1000);
    }

    @Test
    void withTheTokenEveryCanonicalGetPassesTheGate() throws Exception {
        for (HttpRoute route : everyRoute()) {
            if (route.methodsToTry().contains("GET")) {
                RawHttp.Response response = raw.send("GET", route.path(), Map.of("Authorization", "Bearer " + TOKEN), null);
                assertThat(response.status()).as("GET " + route.path() + ": " + response.body()).isNotIn(400, 401, 403, 421);
            }
        }
    }

    @Test
    void theAllowlistIsOpenWithoutTheToken() throws Exception {
        assertThat(raw.send("GET", "/", Map.of(), null).status()).isEqualTo(200);
        assertThat(raw.send("GET", "/dashboard/dashboard.js", Map.of(), null).status()).isEqualTo(200);
        assertThat(raw.send("GET", "/observe/health", Map.of(), null).status()).isEqualTo(200);
        // the webhook receiver answers for itself: an unsigned event is its own 401, not the gate's
        RawHttp.Response webhook = raw.send("POST", "/webhooks/orders", Map.of("Content-Type", "application/json"), "{}");
        assertThat(webhook.status()).isEqualTo(401);
        assertThat(webhook.header("WWW-Authenticate")).isNull();
        RawHttp.Response callback = raw.send("POST", "/webhooks/bigcommerce", Map.of("Content-Type", "application/json"), "{}");
        assertThat(callback.status()).isEqualTo(401);
        assertThat(callback.body()).contains("\"error\":\"unauthorized\"", HookHeader.NAME);
        assertThat(callback.header("WWW-Authenticate")).isNull();
        // only POST: the receiver's path answers nothing else, and its neighbours stay closed
        assertThat(raw.send("GET", "/webhooks/bigcommerce", Map.of(), null).status()).isGreaterThanOrEqualTo(400);
        assertThat(raw.send("POST", "/webhooks/bigcommerce/x", Map.of("Content-Type", "application/json"), "{}").status())
                .isEqualTo(401);
        assertThat(raw.send("POST", "/webhooks/other", Map.of("Content-Type", "application/json"), "{}").status())
                .isEqualTo(401);
    }

    @Test
    void unauthorisedAnswersAreJsonErrorsThatNameTheProblem() throws Exception {
        RawHttp.Response none = raw.send("GET", "/api/v1/tasks", Map.of(), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("Content-Type")).startsWith("application/json");
        assertThat(none.body()).contains("\"error\":\"unauthorized\"", "Authorization: Bearer");
        RawHttp.Response odd = raw.send("GET", "//api/v1/tasks", Map.of("Authorization", "Bearer " + TOKEN), null);
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.body()).contains("\"error\":\"bad request\"", "empty segment");
        RawHttp.Response absolute = raw.send("GET", "http://any.host/api/v1/tasks", Map.of("Authorization", "Bearer " + TOKEN), null);
        assertThat(absolute.status()).isEqualTo(400);
        assertThat(absolute.body()).contains("origin-form");
    }

    @Test
    void requestParametersNeverBecomeResponseHeaders() throws Exception {
        StringBuilder query = new StringBuilder();
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < RESPONSE_HEADERS.size(); i++) {
            String pair = URLEncoder.encode(RESPONSE_HEADERS.get(i), StandardCharsets.UTF_8) + "=inj3cted-" + i;
            query.append(i == 0 ? "" : "&").append(pair);
            form.append(i == 0 ? "" : "&").append(pair);
        }
        assertThat(RESPONSE_HEADERS).hasSizeGreaterThanOrEqualTo(50);
        List<String> failures = new ArrayList<>();
        for (HttpRoute route : everyRoute()) {
            for (String authorization : new String[] {null, "Bearer " + TOKEN}) {
                Map<String, String> auth = authorization == null ? Map.of() : Map.of("Authorization", authorization);
                List<RawHttp.Response> responses = new ArrayList<>();
                if (route.methodsToTry().contains("GET")) {
                    responses.add(raw.send("GET", route.path() + "?" + query, auth, null));
                }
                for (String method : route.methodsToTry()) {
                    if (!method.equals("GET")) {
                        Map<String, String> headers = new java.util.HashMap<>(auth);
                        headers.put("Content-Type", "application/x-www-form-urlencoded");
                        responses.add(raw.send(method, route.path(), headers, form.toString()));
                        responses.add(raw.send(method, route.path() + "?" + query, headers, form.toString()));
                    }
                }
                for (RawHttp.Response response : responses) {
                    response.headers().forEach((name, values) -> values.forEach(value -> {
                        if (value.contains("inj3cted")) {
                            failures.add(route + " (" + (authorization == null ? "no token" : "token") + "): " + name + ": " + value);
                        }
                    }));
                    assertThat(response.status()).as(route + " " + response.body()).isNotIn(302, 303, 307);
                }
            }
        }
        assertThat(failures).as("request parameters echoed as response headers").isEmpty();
    }

    @Test
    void credentialsInTheQueryOrAFormAuthenticateNothing() throws Exception {
        String bearer = URLEncoder.encode("Bearer " + TOKEN, StandardCharsets.UTF_8);
        assertThat(raw.send("GET", "/api/v1/tasks?Authorization=" + bearer, Map.of(), null).status()).isEqualTo(401);
        assertThat(raw.send("GET", "/api/v1/tasks?authorization=" + bearer, Map.of(), null).status()).isEqualTo(401);
        assertThat(raw.send("POST", "/api/v1/tasks/stock/run", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Authorization=" + bearer).status()).isEqualTo(401);

        String event = "{\"scope\":\"store/order/created\",\"data\":{\"type\":\"order\",\"id\":7},\"created_at\":"
                + java.time.Instant.now().getEpochSecond() + ",\"hash\":\"h1\"}";
        String signature = new WebhookSignature(WEBHOOK_SECRET).sign(event.getBytes(StandardCharsets.UTF_8));
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertThat(raw.send("POST", "/webhooks/orders?X-SyncHub-Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8),
                json, event).status()).isEqualTo(401);
        assertThat(raw.send("POST", "/webhooks/orders?x-synchub-signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8),
                json, event).status()).isEqualTo(401);
        // the same event signed in its header is taken: the refusals above were about where the signature came from
        assertThat(raw.send("POST", "/webhooks/orders", Map.of("Content-Type", "application/json",
                "X-SyncHub-Signature", signature), event).status()).isEqualTo(202);

        // BigCommerce's custom header counts only as a header, too
        String callback = "{\"scope\":\"store/order/created\",\"data\":{\"type\":\"order\",\"id\":7},"
                + "\"created_at\":1700000000,\"hash\":\"gate-h1\"}";
        assertThat(raw.send("POST", "/webhooks/bigcommerce?" + HookHeader.NAME + "=" + HOOK_SECRET, json, callback).status())
                .isEqualTo(401);
        assertThat(raw.send("POST", "/webhooks/bigcommerce", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                HookHeader.NAME + "=" + HOOK_SECRET).status()).isEqualTo(401);
        assertThat(raw.send("POST", "/webhooks/bigcommerce", Map.of("Content-Type", "application/json",
                HookHeader.NAME, HOOK_SECRET), callback).status()).isEqualTo(202);
    }

    @Test
    void controlCharactersInTheQueryAre400NotAServerError() throws Exception {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + TOKEN);
        for (String path : List.of("/", "/dashboard/dashboard.js", "/api/v1/products", "/api/v1/runs", "/observe/health")) {
            for (String query : List.of("x=%00", "x=%0d%0aSet-Cookie:%20a=b", "%00=1", "x=%7f", "x=%", "x=%zz")) {
                RawHttp.Response response = raw.send("GET", path + "?" + query, auth, null);
                assertThat(response.status()).as(path + "?" + query).isEqualTo(400);
                assertThat(response.body()).contains("\"error\":\"bad request\"");
            }
        }
    }

    @Test
    void aForeignHostIsRefusedSoDnsRebindingFindsNothing() throws Exception {
        RawHttp.Response foreign = raw.send("GET", "/api/v1/tasks", Map.of("Host", "attacker.example:" + app.port(),
                "Authorization", "Bearer " + TOKEN), null);
        assertThat(foreign.status()).isEqualTo(421);
        assertThat(foreign.body()).contains("synchub.http.allowed-hosts");
        assertThat(raw.send("GET", "/", Map.of("Host", "attacker.example"), null).status()).isEqualTo(421);
        Map<String, String> noHost = new java.util.HashMap<>();
        noHost.put("Host", null);
        assertThat(raw.send("GET", "/observe/health", noHost, null).status()).isEqualTo(400);
        assertThat(raw.send("GET", "/observe/health", Map.of("Host", "attacker.example"), null).status()).isEqualTo(421);
        assertThat(raw.send("GET", "/api/v1/tasks", Map.of("Host", "localhost:" + app.port(),
                "Authorization", "Bearer " + TOKEN), null).status()).isEqualTo(200);
        assertThat(raw.send("GET", "/api/v1/tasks", Map.of("Host", "[::1]:" + app.port(),
                "Authorization", "Bearer " + TOKEN), null).status()).isEqualTo(200);
    }

    @Test
    void aStateChangingRequestFromAnotherOriginIs403() throws Exception {
        String own = "http://127.0.0.1:" + app.port();
        for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1:" + app.port(), "not a uri")) {
            RawHttp.Response response = raw.send("POST", "/api/v1/tasks/nope/run",
                    Map.of("Authorization", "Bearer " + TOKEN, "Origin", origin), "");
            assertThat(response.status()).as(origin).isEqualTo(403);
            assertThat(response.body()).contains("\"error\":\"forbidden\"");
        }
        // the dashboard's own origin, and clients that send none, reach the route (404: no such task)
        assertThat(raw.send("POST", "/api/v1/tasks/nope/run", Map.of("Authorization", "Bearer " + TOKEN, "Origin", own), "").status()).isEqualTo(404);
        assertThat(raw.send("POST", "/api/v1/tasks/nope/run", Map.of("Authorization", "Bearer " + TOKEN), "").status()).isEqualTo(404);
        // reads from another origin are answered, but without CORS headers a browser keeps the answer from that page
        RawHttp.Response read = raw.send("GET", "/api/v1/tasks", Map.of("Authorization", "Bearer " + TOKEN, "Origin", "http://evil.example"), null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void metricsNeedTheTokenWhenOneIsSet() throws Exception {
        assertThat(raw.send("GET", "/observe/metrics", Map.of(), null).status()).isEqualTo(401);
        RawHttp.Response withToken = raw.send("GET", "/observe/metrics", Map.of("Authorization", "Bearer " + TOKEN), null);
        assertThat(withToken.status()).isEqualTo(200);
        assertThat(withToken.body()).contains("synchub_");
    }

    @Test
    void everyAnswerCarriesTheBrowserHardeningHeaders() throws Exception {
        for (String path : List.of("/", "/api/v1/tasks", "//api")) {
            RawHttp.Response response = raw.send("GET", path, Map.of(), null);
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
        }
    }
}
