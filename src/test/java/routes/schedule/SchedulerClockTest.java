package routes.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The scheduler tick on an injected fixed clock: SyncHub started inside a black-out window runs nothing there. */
class SchedulerClockTest {

    private static RunningSyncHub app;

    @BeforeAll
    static void start() throws Exception {
        Clock tenAm = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        app = RunningSyncHub.start(Map.of(
                "synchub.timezone", "UTC",
                "synchub.scheduler.tick-cron", "0/1 * * * * ?",
                "synchub.task.stock.schedule",
                "{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"09:00\",\"to\":\"11:00\"}]}"),
                Map.of("clock", tenAm));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aStartInsideABlackOutRecordsASkippedRunAndRunsNothing() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(app.getJson("/api/v1/runs?task=stock&status=skipped")).isNotEmpty());
        JsonNode skipped = app.getJson("/api/v1/runs?task=stock&status=skipped").get(0);
        assertThat(skipped.path("message").asText()).contains("black-out").contains("09:00");
        // another task on the same tick is not in a black-out: proof that the tick ran the others
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(app.getJson("/api/v1/runs?task=items&status=ok")).isNotEmpty());

        List<String> stockRuns = new ArrayList<>();
        app.getJson("/api/v1/runs?task=stock").forEach(r -> stockRuns.add(r.path("status").asText()));
        assertThat(stockRuns).containsOnly("skipped");
        assertThat(app.getJson("/api/v1/tasks/stock").path("task").path("state").asText()).isEqualTo("in black-out");
    }

    @Test
    void theNextRunShownIsTheCalendarsFirstRunningFireAfterTheBlackOut() throws Exception {
        String next = app.getJson("/api/v1/tasks/stock").path("task").path("nextRun").asText();
        JsonNode calendar = app.getJson("/api/v1/tasks/stock/calendar");
        String firstRunning = null;
        for (JsonNode fire : calendar.path("fires")) {
            if (fire.path("runs").asBoolean()) {
                firstRunning = fire.path("at").asText();
                break;
            }
        }
        assertThat(calendar.path("fires").get(0).path("runs").asBoolean()).as("the clock is inside the window").isFalse();
        assertThat(next).isNotBlank().isEqualTo(firstRunning);
    }
}
