package routes.api;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;
import routes.platform.Tx;
import routes.sandbox.SandboxBackOffice;
import routes.sandbox.SandboxStorefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Run X sync, Sync All, the two-stage router and schedule validation, on the whole app with its sandbox peers. */
class SchedulingApiTest {

    private static RunningSyncHub app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningSyncHub.start(Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anAsNeededStageCannotBeRunOrScheduledAndTheAnswerNamesItsDriver() throws Exception {
        HttpResponse<String> run = app.send("POST", "/api/v1/tasks/images-read/run", null);
        assertThat(run.statusCode()).isEqualTo(409);
        assertThat(app.readJson(run.body()).path("detail").asText()).contains("images-check");

        HttpResponse<String> schedule = app.send("PUT", "/api/v1/tasks/items-list/schedule", "{\"type\":\"interval\",\"minutes\":5}");
        assertThat(schedule.statusCode()).isEqualTo(409);
        assertThat(app.readJson(schedule.body()).path("detail").asText()).contains("items-check");

        JsonNode task = app.getJson("/api/v1/tasks/images-check");
        assertThat(task.path("stages")).extracting(JsonNode::asText).containsExactly("images-read");
        assertThat(task.path("drivenBy").isNull()).isTrue();
        assertThat(app.getJson("/api/v1/tasks/images-read").path("drivenBy").asText()).isEqualTo("images-check");
    }

    @Test
    void invalidSchedulesAreRefusedWithTheFieldNamed() throws Exception {
        assertBadSchedule("{\"type\":\"interval\",\"minutes\":0}", "minutes");
        assertBadSchedule("{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"25:00\",\"to\":\"04:00\"}]}", "from");
        assertBadSchedule("{\"type\":\"daily\",\"at\":\"25:00\"}", "at");
        assertBadSchedule("{\"type\":\"cron\",\"expression\":\"every tuesday\"}", "expression");
    }

    @Test
    void schedulesThatAreTooBigOrCanNeverFireAreRefusedWith400() throws Exception {
        StringBuilder windows = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            windows.append(i == 0 ? "" : ",").append("{\"from\":\"01:00\",\"to\":\"02:00\"}");
        }
        assertBadSchedule("{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[" + windows + "]}", "at most 50 black-out windows");
        assertBadSchedule("{\"type\":\"cron\",\"expression\":\"0 0 0 30 2 ?\"}", "never fires");
        assertBadSchedule("{\"type\":\"cron\",\"expression\":\"0 0 0 1 1 ? 2019\"}", "never fires");
        assertBadSchedule("{\"type\":\"interval\",\"minutes\":15,\"blackouts\":[{\"from\":\"00:00\",\"to\":\"23:59\"}]}",
                "never fires");
        assertBadSchedule("{\"type\":\"interval\",\"minutes\":15,\"minutes\":20}", "line 1, column");
        assertBadSchedule("{\"type\":\"interval\",\"minutes\":15} []", "line 1, column");
        HttpResponse<String> defaults = app.send("PUT", "/api/v1/schedule/default", "{\"type\":\"cron\",\"expression\":\"0 0 0 30 2 ?\"}");
        assertThat(defaults.statusCode()).as(defaults.body()).isEqualTo(400);
        assertThat(app.readJson(defaults.body()).path("detail").asText()).contains("never fires");
        // the schedule in force is untouched
        assertThat(app.getJson("/api/v1/tasks/invoices").path("scheduleBody").asText()).doesNotContain("30 2");
    }

    private void assertBadSchedule(String body, String field) throws Exception {
        HttpResponse<String> response = app.send("PUT", "/api/v1/tasks/invoices/schedule", body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(app.readJson(response.body()).path("detail").asText()).as(body).contains(field);
    }

    @Test
    void theImagesCheckStartsImagesReadOnlyWhenItFoundImages() throws Exception {
        // the first (start-up) check finds the 100 seeded images: images-read runs once
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(runs("images-read", "ok")).hasSize(1));
        assertThat(runs("images-read", "ok").get(0).path("itemsWritten").asInt()).isEqualTo(100);
        assertThat(runs("images-read", "ok").get(0).path("trigger").asText()).as("the route's fire(images-read, follow-up)")
                .isEqualTo("follow-up");

        // a check that finds nothing does not start it
        long check = runId(app.send("POST", "/api/v1/tasks/images-check/run", null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(check)).isEqualTo("ok"));
        assertThat(app.getJson("/api/v1/runs/" + check).path("run").path("message").asText()).startsWith("0 waiting");
        assertThat(app.getJson("/api/v1/runs?task=images-read")).hasSize(1);
    }

    @Test
    void syncAllRunsTheFourStepsInOrderAndAnOrderReachesTheBackOffice() throws Exception {
        SandboxStorefront store = app.context().getRegistry().lookupByNameAndType("sandboxStorefront", SandboxStorefront.class);
        long order = store.createOrder("SBX-010-R1", 2, new BigDecimal("50.00"));

        HttpResponse<String> response = app.send("POST", "/api/v1/sync-all", null);
        assertThat(response.statusCode()).isEqualTo(202);
        long cycle = app.readJson(response.body()).path("cycleId").asLong();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(cycle)).isIn("ok", "failed"));
        assertThat(status(cycle)).as(app.getJson("/api/v1/runs/" + cycle).toString()).isEqualTo("ok");

        List<JsonNode> steps = new ArrayList<>();
        app.getJson("/api/v1/runs?limit=1000").forEach(run -> {
            if (run.path("cycleId").asLong() == cycle) {
                steps.add(0, run);
            }
        });
        assertThat(steps).extracting(s -> s.path("task").asText()).containsExactly("orders-in", "orders-out", "items",
                "variants", "stock", "invoices", "purchase-orders", "catalog-push", "stock-push");
        assertThat(steps).allSatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("ok"));
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).path("startedAt").asText()).as("each step starts after the one before ended")
                    .isGreaterThanOrEqualTo(steps.get(i - 1).path("endedAt").asText());
        }
        SandboxBackOffice backOffice = app.context().getRegistry().lookupByNameAndType("sandboxBackOffice", SandboxBackOffice.class);
        long booked = Tx.read(backOffice.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM bo_sales_order WHERE idempotency_key = ?")) {
                ps.setString(1, "storefront-" + order);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        assertThat(booked).isEqualTo(1);
    }

    private static List<JsonNode> runs(String task, String status) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        app.getJson("/api/v1/runs?task=" + task + "&status=" + status).forEach(out::add);
        return out;
    }

    private static String status(long runId) throws Exception {
        return app.getJson("/api/v1/runs/" + runId).path("run").path("status").asText();
    }

    private static long runId(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return app.readJson(response.body()).path("runId").asLong();
    }
}
