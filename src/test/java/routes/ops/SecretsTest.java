package routes.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import routes.app.RunningSyncHub;
import routes.storefront.ControllableStorefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No configured secret (admin token, hub DB password, storefront token, webhook secrets) ever shows in a log line,
 * an API response, the metrics, the health report or the dashboard, while SyncHub starts, syncs and fails.
 */
class SecretsTest {

    private static final String ADMIN = "adm1n-T0ken-xyzzy";
    private static final String DB_PASSWORD = "db-Pa55word-plugh";
    private static final String STORE_TOKEN = "st0re-T0ken-frotz";
    private static final String WEBHOOK = "w3bhook-S3cret-gnusto";
    private static final String HOOK = "h00k-S3cret-rezrov-0123";
    private static final String CLIENT = "cl1ent-S3cret-yomin";
    private static final List<String> SECRETS = List.of(ADMIN, DB_PASSWORD, STORE_TOKEN, WEBHOOK, HOOK, CLIENT);

    @Test
    void noSecretAppearsInLogsResponsesMetricsHealthOrTheDashboard() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        HttpClient http = HttpClient.newHttpClient();
        try (ControllableStorefront store = new ControllableStorefront();
             RunningSyncHub app = RunningSyncHub.start(Map.of(
                     "synchub.admin.token", ADMIN,
                     "synchub.db.password", DB_PASSWORD,
                     "synchub.storefront.base-url", store.baseUrl(),
                     "synchub.storefront.token", STORE_TOKEN,
                     "synchub.storefront.webhook-secret", WEBHOOK,
                     "synchub.storefront.webhook-url", "https://synchub.example.com/webhooks/bigcommerce",
                     "synchub.storefront.hook-secret", HOOK,
                     "synchub.storefront.client-secret", CLIENT,
                     "synchub.storefront.retry.max-attempts", "1"))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> body(http, app, "/api/v1/runs?task=stock-push&status=ok").contains("\"ok\""));
            // the hooks were registered at start with the hook secret in their custom header
            await().atMost(Duration.ofSeconds(120)).until(() -> body(http, app, "/api/v1/runs?task=hook-health&status=ok").contains("\"ok\""));
            // a failure too: error messages must not carry credentials either. The first push may have left nothing
            // to send, so a manual adjustment gives the next one a change that the failing storefront refuses.
            store.fail();
            body(http, app, "/api/v1/stock/adjustments", "{\"sku\":\"SBX-001-R1\",\"quantity\":1,\"mode\":\"relative\"}");
            body(http, app, "/api/v1/tasks/stock-push/run");
            await().atMost(Duration.ofSeconds(120)).until(() -> body(http, app, "/api/v1/runs?task=stock-push&status=failed").contains("503"));

            StringBuilder seen = new StringBuilder();
            for (String path : List.of("/api/v1/tasks", "/api/v1/runs?limit=200", "/api/v1/dead-letters", "/api/v1/openapi.json",
                    "/api/v1/pauses", "/api/v1/tasks/stock", "/observe/health", "/observe/metrics", "/", "/dashboard/dashboard.js")) {
                seen.append(body(http, app, path));
            }
            for (ILoggingEvent event : logs.list) {
                seen.append(event.getFormattedMessage()).append('\n');
                if (event.getThrowableProxy() != null) {
                    seen.append(event.getThrowableProxy().getMessage()).append('\n');
                }
            }
            assertThat(logs.list).as("the run produced log lines to check").hasSizeGreaterThan(20);
            for (String secret : SECRETS) {
                assertThat(seen.toString()).as("secret " + secret.substring(0, 4) + "...").doesNotContain(secret);
            }
        } finally {
            root.detachAppender(logs);
        }
    }

    private static String body(HttpClient http, RunningSyncHub app, String path) throws Exception {
        return body(http, app, path, path.endsWith("/run") ? "" : null);
    }

    /** GET when {@code post} is null, else POST of that JSON body (empty: no body). */
    private static String body(HttpClient http, RunningSyncHub app, String path, String post) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path))).header("Authorization", "Bearer " + ADMIN);
        if (post != null) {
            request.header("Content-Type", "application/json").POST(post.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(post));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
