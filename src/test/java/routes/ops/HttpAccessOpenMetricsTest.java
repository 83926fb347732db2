package routes.ops;

import java.util.Map;

import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;

import static org.assertj.core.api.Assertions.assertThat;

/** synchub.metrics.open=true lets a scraper read the metrics without the token; the API still needs it. */
class HttpAccessOpenMetricsTest {

    @Test
    void openMetricsNeedNoTokenButTheApiStillDoes() throws Exception {
        try (RunningSyncHub app = RunningSyncHub.start(Map.of("synchub.admin.token", "open-metrics-T0ken",
                "synchub.metrics.open", "true", "synchub.http.allowed-hosts", "localhost,127.0.0.1,synchub.example.com"))) {
            RawHttp raw = new RawHttp(app.port());
            assertThat(raw.send("GET", "/observe/metrics", Map.of(), null).status()).isEqualTo(200);
            assertThat(raw.send("GET", "/api/v1/tasks", Map.of(), null).status()).isEqualTo(401);
            // the configured names are the whole list: a name left out is refused, a listed one let in
            assertThat(raw.send("GET", "/observe/health", Map.of("Host", "synchub.example.com"), null).status()).isEqualTo(200);
            assertThat(raw.send("GET", "/observe/health", Map.of("Host", "[::1]:" + app.port()), null).status()).isEqualTo(421);
        }
    }

    @Test
    void withoutATokenTheLoopbackApiIsOpenButStillChecksHostAndOrigin() throws Exception {
        try (RunningSyncHub app = RunningSyncHub.start(Map.of())) {
            RawHttp raw = new RawHttp(app.port());
            assertThat(raw.send("GET", "/api/v1/tasks", Map.of(), null).status()).isEqualTo(200);
            assertThat(raw.send("GET", "/api/v1/tasks", Map.of("Host", "rebound.attacker.example"), null).status()).isEqualTo(421);
            assertThat(raw.send("POST", "/api/v1/tasks/stock/run", Map.of("Origin", "http://evil.example"), "").status()).isEqualTo(403);
            assertThat(raw.send("GET", "//api/v1/tasks", Map.of(), null).status()).isEqualTo(400);
        }
    }
}
