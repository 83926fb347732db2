package routes.task;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;
import routes.platform.HubDatabase;
import routes.platform.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SyncHub against a PostgreSQL back office (the sandbox schema, migrated into a fresh schema) whose invoices query is
 * broken on purpose, through a queries file of its own (synchub.backoffice.queries): Sync All stops at that step.
 * The same back office lets a test hold a table lock, so a run blocks for real while more triggers arrive.
 */
class SyncAllFailureTest {

    private static RunningSyncHub app;
    private static HikariDataSource backOffice;

    @BeforeAll
    static void start() throws Exception {
        String url = TestDatabases.postgresUrlWithFreshSchema();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        backOffice = HubDatabase.open("test-backoffice", "test", TestDatabases.PG_URL, TestDatabases.PG_USER, "", 2,
                schema, TestDatabases.sandboxMigrations(TestDatabases.Kind.POSTGRES));
        Path queries = TestDatabases.tempDir().resolve("broken-queries.properties");
        String sandbox;
        try (var in = SyncAllFailureTest.class.getClassLoader().getResourceAsStream("backoffice/sandbox-queries.properties")) {
            sandbox = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // a later key wins in a properties file: this back office has no column "no_such_column"
        Files.writeString(queries, sandbox + "\ninvoices.changed = SELECT no_such_column FROM bo_invoice\n");
        app = RunningSyncHub.start(Map.of(
                "synchub.backoffice.url", url,
                "synchub.backoffice.user", TestDatabases.PG_USER,
                "synchub.backoffice.queries", queries.toString(),
                // stock runs only when a test asks for it
                "synchub.task.stock.schedule", "{\"type\":\"cron\",\"expression\":\"0 0 3 1 1 ? 2099\"}"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (backOffice != null) {
            backOffice.close();
        }
    }

    @Test
    void aFailedStepStopsTheCycleAndTheCycleRunSaysWhichAndWhy() throws Exception {
        HttpResponse<String> response = app.send("POST", "/api/v1/sync-all", null);
        assertThat(response.statusCode()).isEqualTo(202);
        long cycle = app.readJson(response.body()).path("cycleId").asLong();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(cycle)).isEqualTo("failed"));
        String message = app.getJson("/api/v1/runs/" + cycle).path("run").path("message").asText();
        assertThat(message).contains("step 3 of 4").contains("'invoices'").contains("no_such_column");

        List<String> steps = new ArrayList<>();
        app.getJson("/api/v1/runs?limit=1000").forEach(run -> {
            if (run.path("cycleId").asLong() == cycle) {
                steps.add(0, run.path("task").asText() + ":" + run.path("status").asText());
            }
        });
        assertThat(steps).containsExactly("orders-in:ok", "orders-out:ok", "items:ok", "variants:ok", "stock:ok",
                "invoices:failed");
    }

    @Test
    void triggersDuringARunBecomeExactlyOneFollowUpRun() throws Exception {
        long first;
        long followUp;
        try (Connection lock = backOffice.getConnection()) {
            lock.setAutoCommit(false);
            // the stock query waits for this lock: the run is held open without a sleep
            lock.createStatement().execute("LOCK TABLE bo_stock IN ACCESS EXCLUSIVE MODE");
            first = runNow("stock");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(first)).isEqualTo("running"));

            followUp = runNow("stock");
            for (int i = 0; i < 5; i++) {
                assertThat(runNow("stock")).as("collapses into the queued run").isEqualTo(followUp);
            }
            assertThat(followUp).isNotEqualTo(first);
            assertThat(app.getJson("/api/v1/tasks/stock").path("queuedRunId").asLong()).isEqualTo(followUp);
            assertThat(status(first)).isEqualTo("running");
            lock.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(followUp)).isEqualTo("ok"));
        assertThat(status(first)).isEqualTo("ok");
        List<Long> after = new ArrayList<>();
        app.getJson("/api/v1/runs?task=stock&limit=1000").forEach(run -> {
            if (run.path("id").asLong() >= first) {
                after.add(run.path("id").asLong());
            }
        });
        assertThat(after).containsExactlyInAnyOrder(first, followUp);
        assertThat(app.getJson("/api/v1/tasks/stock").path("queuedRunId").isNull()).isTrue();
    }

    private static long runNow(String task) throws Exception {
        HttpResponse<String> response = app.send("POST", "/api/v1/tasks/" + task + "/run", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return app.readJson(response.body()).path("runId").asLong();
    }

    private static String status(long runId) throws Exception {
        JsonNode run = app.getJson("/api/v1/runs/" + runId).path("run");
        return run.path("status").asText();
    }
}
