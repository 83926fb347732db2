package routes.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import routes.platform.Tx;
import routes.orders.webhook.WebhookSignature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Order webhooks, inventory CSV drops and dead-letter replay in the running application. */
class ConnectorsAppTest {

    private static final String SECRET = "webhook-secret-never-in-a-log-9f3a";
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static RunningSyncHub app;
    private static DataSource hubDb;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        app = RunningSyncHub.start(Map.of(
                "synchub.storefront.webhook-secret", SECRET,
                "synchub.storefront.locations", "MAIN=1",
                "synchub.inventory-files.poll-ms", "100",
                "synchub.inventory-files.read-lock-check-ms", "100",
                "synchub.inventory-files.read-lock-min-age-ms", "100"));
        hubDb = app.context().getRegistry().lookupByNameAndType("hubDb", DataSource.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        assertThat(logs.list).as("log lines").noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(SECRET));
    }

    // --- POST /webhooks/orders

    @Test
    void aSignedOrderWebhookRunsOrdersInOnceAndItsRepeatsAreAnsweredAsDuplicates() throws Exception {
        byte[] body = ("{\"scope\":\"store/order/created\",\"store_id\":\"1\",\"data\":{\"type\":\"order\",\"id\":250},"
                + "\"hash\":\"connectors-250\",\"created_at\":" + java.time.Instant.now().getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8);
        String signature = new WebhookSignature(SECRET).sign(body);

        HttpResponse<String> first = webhook(body, signature);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        long runId = app.readJson(first.body()).path("runId").asLong();
        // repeated deliveries, one of them with the signature in another accepted spelling: the same event, taken once
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = webhook(body, i % 2 == 0 ? signature : "sha256=" + signature.toUpperCase());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(app.readJson(response.body()).path("duplicate").asBoolean()).isTrue();
        }

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> runStatus(runId).get(1).equals("ok"));
        // a delivery that arrives while a scheduled orders-in is queued joins that run (its trigger stays "schedule")
        assertThat(runStatus(runId)).startsWith("orders-in", "ok");
        assertThat(runStatus(runId).get(2)).isIn("event", "schedule");
    }

    @Test
    void aWebhookWithoutAValidSignatureIs401AndTriggersNothing() throws Exception {
        byte[] body = ("{\"scope\":\"store/order/updated\",\"data\":{\"type\":\"order\",\"id\":7},\"created_at\":"
                + java.time.Instant.now().getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8);

        assertThat(webhook(body, null).statusCode()).isEqualTo(401);
        assertThat(webhook(body, new WebhookSignature("another-secret").sign(body)).statusCode()).isEqualTo(401);
        assertThat(webhook(body, "garbage").body()).contains("X-SyncHub-Signature");
        assertThat(webhook(body, new WebhookSignature(SECRET).sign(body)).statusCode()).isEqualTo(202);
        byte[] notAnOrder = "{\"scope\":\"store/product/created\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> bad = webhook(notAnOrder, new WebhookSignature(SECRET).sign(notAnOrder));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("scope");
    }

    @Test
    void theWebhookIsNotBehindTheAdminApi() throws Exception {
        assertThat(app.get("/webhooks/orders").statusCode()).as("only POST").isIn(404, 405);
        assertThat(app.send("POST", "/api/v1/webhooks/orders", "{}").statusCode()).isEqualTo(404);
    }

    // --- inventory CSV drops

    @Test
    void anInventoryDropBecomesHubStockWithItsRejectedRowsReportedAndTheSameFileAgainIsAppliedOnce() throws Exception {
        Path inbox = app.dataDir().resolve("inbox/inventory");
        Files.createDirectories(inbox);
        String csv = "sku,quantity,location\nDROP-001,42,MAIN\nDROP-002,abc,MAIN\nDROP-003,7,\n,5,MAIN\n";
        Files.writeString(inbox.resolve("partner.csv"), csv);

        Path done = inbox.resolve(".done");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(done.resolve("partner.csv")) && lastRun("inventory-files") != null);
        JsonNode run = lastRun("inventory-files");
        assertThat(run.path("status").asText()).as("rows were rejected: not plain ok").isEqualTo("partial");
        assertThat(run.path("itemsRead").asInt()).isEqualTo(4);
        assertThat(run.path("itemsWritten").asInt()).isEqualTo(2);
        assertThat(run.path("itemsFailed").asInt()).isEqualTo(2);
        JsonNode detail = app.getJson("/api/v1/runs/" + run.path("id").asLong());
        assertThat(detail.path("errors").toString()).contains("line 3").contains("not an integer").contains("line 5").contains("sku");
        assertThat(quantity("DROP-001", "MAIN")).isEqualTo(42);
        assertThat(quantity("DROP-003", "MAIN")).as("empty location -> default").isEqualTo(7);
        assertThat(Files.readString(done.resolve("partner.csv.errors.csv")))
                .startsWith("line,field,value,reason,raw").contains("3,quantity,abc,not an integer").contains("5,sku,,empty");
        assertThat(Files.exists(inbox.resolve("partner.csv"))).isFalse();

        Tx.inTransaction(hubDb, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE stock_level SET quantity = 50 WHERE sku = 'DROP-001'")) {
                return ps.executeUpdate();
            }
        });
        Files.writeString(inbox.resolve("partner.csv"), csv);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve("partner.csv"))
                && lastRun("inventory-files").path("id").asLong() != run.path("id").asLong()
                && "ok".equals(lastRun("inventory-files").path("status").asText()));
        JsonNode second = lastRun("inventory-files");
        assertThat(second.path("itemsRead").asInt()).isZero();
        assertThat(second.path("message").asText()).contains("processed before");
        assertThat(quantity("DROP-001", "MAIN")).as("not applied a second time").isEqualTo(50);
        try (var files = Files.list(done)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-partner.csv"))).hasSize(1);
        }
    }

    // --- dead letters

    @Test
    void aParkedDeadLetterIsReplayedOnceThroughTheApi() throws Exception {
        // OUTLET has no storefront location here: its levels are parked by stock-push
        assertThat(app.send("POST", "/api/v1/tasks/stock/run", null).statusCode()).isEqualTo(202);
        // other tasks may park letters of their own meanwhile (catalog-push, from the first scheduled runs): take stock-push's
        await().atMost(Duration.ofSeconds(60)).until(() -> parkedOf("stock-push") != null);
        long id = parkedOf("stock-push").path("id").asLong();

        HttpResponse<String> replay = app.send("POST", "/api/v1/dead-letters/" + id + "/replay", null);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(app.readJson(replay.body()).path("task").asText()).isEqualTo("stock-push");
        HttpResponse<String> twice = app.send("POST", "/api/v1/dead-letters/" + id + "/replay", null);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(app.readJson(twice.body()).path("detail").asText()).contains("already replayed");
        assertThat(app.send("POST", "/api/v1/dead-letters/99999999/replay", null).statusCode()).isEqualTo(404);
        long runId = app.readJson(replay.body()).path("runId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("queued", "running").contains(
                app.getJson("/api/v1/runs/" + runId).path("run").path("status").asText()));
    }

    /** The first parked dead letter of one task, or null. */
    private static JsonNode parkedOf(String task) throws Exception {
        JsonNode letters = app.getJson("/api/v1/dead-letters?state=PARKED&limit=1&task=" + task);
        assertThat(letters).allSatisfy(letter -> assertThat(letter.path("task").asText()).isEqualTo(task));
        return letters.isEmpty() ? null : letters.get(0);
    }

    private HttpResponse<String> webhook(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url("/webhooks/orders")))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-SyncHub-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode lastRun(String task) throws Exception {
        JsonNode runs = app.getJson("/api/v1/runs?task=" + task + "&limit=1");
        return runs.isEmpty() ? null : runs.get(0);
    }

    private static List<String> runStatus(long runId) {
        return Tx.read(hubDb, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT task_id, status, run_trigger FROM task_run WHERE id = ?")) {
                ps.setLong(1, runId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? List.of(rs.getString(1), rs.getString(2), rs.getString(3)) : List.of();
                }
            }
        });
    }

    private static Integer quantity(String sku, String location) {
        return Tx.read(hubDb, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT quantity FROM stock_level WHERE sku = ? AND location = ?")) {
                ps.setString(1, sku);
                ps.setString(2, location);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        });
    }
}
