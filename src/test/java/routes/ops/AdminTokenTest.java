package routes.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;

import static org.assertj.core.api.Assertions.assertThat;

/** With synchub.admin.token set, /api/v1 needs the bearer token; health stays open. */
class AdminTokenTest {

    private static final String TOKEN = "s3cret-admin-token-for-tests";
    private static RunningSyncHub app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = RunningSyncHub.start(Map.of("synchub.admin.token", TOKEN));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private int status(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void withoutTheTokenTheApiAnswers401() throws Exception {
        assertThat(status("/api/v1/tasks", null)).isEqualTo(401);
        assertThat(app.get("/api/v1/runs").body()).contains("\"error\":\"unauthorized\"").doesNotContain(TOKEN);
    }

    @Test
    void aWrongTokenIs401AndTheRightOneIsLetIn() throws Exception {
        assertThat(status("/api/v1/tasks", "Bearer wrong")).isEqualTo(401);
        assertThat(status("/api/v1/tasks", "Bearer " + TOKEN)).isEqualTo(200);
    }

    @Test
    void theDashboardShellLoadsButItsDataNeedsTheToken() throws Exception {
        assertThat(status("/", null)).isEqualTo(200);
        assertThat(app.get("/").body()).contains("<title>SyncHub</title>").doesNotContain(TOKEN);
        assertThat(status("/dashboard/dashboard.js", null)).isEqualTo(200);
        assertThat(status("/dashboard/../application.properties", null)).isIn(400, 404);
        assertThat(status("/api/v1/runs", null)).isEqualTo(401);
    }

    @Test
    void theDriftReportAndItsRepairNeedTheToken() throws Exception {
        assertThat(status("/api/v1/drift", null)).isEqualTo(401);
        assertThat(status("/api/v1/drift/repair", null)).isEqualTo(401);
        assertThat(app.send("POST", "/api/v1/drift/repair", null).statusCode()).isEqualTo(401);
        assertThat(status("/api/v1/drift", "Bearer " + TOKEN)).isEqualTo(200);
    }

    @Test
    void healthStaysOpen() throws Exception {
        assertThat(status("/observe/health", null)).isEqualTo(200);
    }
}
