package routes.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;
import routes.platform.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A task that has not succeeded within 3 x its interval turns stale: tile, health, one warning. */
class FreshnessTest {

    @Test
    void aTaskPastItsStalenessLimitIsStaleOnItsTileAndInHealthUntilItSucceedsAgain() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        // the tick is parked in 2099: only this test decides when tasks run
        try (RunningSyncHub app = RunningSyncHub.start(Map.of("synchub.scheduler.tick-cron", "0 0 0 1 1 ? 2099"), clock)) {
            long runId = app.readJson(app.send("POST", "/api/v1/tasks/stock/run", null).body()).path("runId").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "ok".equals(app.getJson("/api/v1/runs/" + runId).path("run").path("status").asText()));
            assertThat(app.getJson("/api/v1/tasks/stock").path("task").path("state").asText()).isEqualTo("idle");

            clock.advance(Duration.ofMinutes(46));   // stock runs every 15 minutes: limit 45

            assertThat(app.getJson("/api/v1/tasks/stock").path("task").path("state").asText()).isEqualTo("stale");
            String health = app.get("/observe/health").body();
            assertThat(health).contains("DOWN").contains("stock: last success 46 min ago, limit 45 min");

            long again = app.readJson(app.send("POST", "/api/v1/tasks/stock/run", null).body()).path("runId").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "ok".equals(app.getJson("/api/v1/runs/" + again).path("run").path("status").asText()));
            assertThat(app.getJson("/api/v1/tasks/stock").path("task").path("state").asText()).isEqualTo("idle");
        }
    }
}
