package routes.api;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The change pipeline's admin API refuses bad input with the field named and leaves the hub untouched. */
class ChangeApiTest {

    private static RunningSyncHub app;
    private static javax.sql.DataSource hub;

    @BeforeAll
    static void start() throws Exception {
        app = RunningSyncHub.start(Map.of());
        hub = app.bean("hubDb", javax.sql.DataSource.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM stock_level") == 800);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void badAdjustmentsAreRefusedWithTheFieldNamedAndNothingIsHalfApplied() throws Exception {
        long changes = count("SELECT COUNT(*) FROM change_log");
        long adjustments = count("SELECT COUNT(*) FROM stock_adjustment");
        long level = count("SELECT quantity FROM stock_level WHERE sku = 'SBX-001-R1' AND location = 'MAIN'");

        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"NOPE-1\",\"quantity\":5,\"mode\":\"absolute\"}", 404, "NOPE-1");
        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-001-R1\",\"quantity\":-1,\"mode\":\"absolute\"}", 400, "quantity:");
        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-001-R1\",\"quantity\":\"lots\",\"mode\":\"absolute\"}", 400, "quantity:");
        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-001-R1\",\"quantity\":1,\"mode\":\"sideways\"}", 400, "mode:");
        expect("POST", "/api/v1/stock/adjustments", "{\"quantity\":1,\"mode\":\"absolute\"}", 400, "sku:");
        expect("PUT", "/api/v1/pauses/widgets", null, 404, "widgets");
        expect("GET", "/api/v1/pauses/widgets/preview", null, 404, "inventory");
        expect("PUT", "/api/v1/pauses/catalogs", null, 409, "no push for catalogs yet");
        expect("DELETE", "/api/v1/pauses/catalogs", null, 409, "no push for catalogs yet");
        expect("GET", "/api/v1/pauses/catalogs/preview", null, 409, "no push for catalogs yet");
        expect("GET", "/api/v1/pauses/images/preview", null, 409, "no preview for images yet");
        expect("PUT", "/api/v1/products/NOPE-1/auto-sync", "{\"enabled\":true}", 404, "NOPE-1");
        expect("PUT", "/api/v1/products/SBX-001-R1/auto-sync", "{\"enabled\":\"maybe\"}", 400, "enabled:");
        expect("POST", "/api/v1/sync-now", "{\"skus\":[\"NOPE-1\"]}", 404, "NOPE-1");
        expect("POST", "/api/v1/sync-now", "{\"filter\":{\"stockBelow\":\"x\"}}", 400, "filter.stockBelow:");

        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(changes);
        assertThat(count("SELECT COUNT(*) FROM stock_adjustment")).isEqualTo(adjustments);
        assertThat(count("SELECT quantity FROM stock_level WHERE sku = 'SBX-001-R1' AND location = 'MAIN'")).isEqualTo(level);
        assertThat(count("SELECT COUNT(*) FROM sync_now_job")).isZero();
        assertThat(count("SELECT COUNT(*) FROM pause_switch WHERE paused")).isZero();
    }

    @Test
    void adjustmentInputIsRefusedAtTheDoorWithA400NamingTheFieldAndTheValidChoices() throws Exception {
        long changes = count("SELECT COUNT(*) FROM change_log");
        long adjustments = count("SELECT COUNT(*) FROM stock_adjustment");
        String good = "\"quantity\":1,\"mode\":\"relative\"";

        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-003-R1\",\"sku\":\"SBX-004-R1\"," + good + "}", 400,
                "body: not valid JSON: Duplicate field 'sku'");
        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-003-R1\"," + good + "} {\"sku\":\"SBX-004-R1\"}", 400,
                "(at line 1, column");
        for (String location : List.of("\"../../etc\"", "\"MAIN'; --\"", "\"main\"", "7", "\"" + "L".repeat(60) + "\"")) {
            expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-003-R1\",\"location\":" + location + "," + good + "}",
                    400, "location:");
            expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-003-R1\",\"location\":" + location + "," + good + "}",
                    400, "MAIN, OUTLET");
        }
        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-003-R1\\u0000\"," + good + "}", 400, "sku:");
        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"" + "S".repeat(101) + "\"," + good + "}", 400, "at most 100");
        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-003-R1\",\"reason\":{\"a\":1}," + good + "}", 400, "reason:");
        expect("POST", "/api/v1/stock/adjustments", "{\"sku\":\"SBX-003-R1\",\"reason\":\"a\\u0000b\"," + good + "}", 400, "reason:");

        assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(changes);
        assertThat(count("SELECT COUNT(*) FROM stock_adjustment")).isEqualTo(adjustments);
        assertThat(count("SELECT COUNT(*) FROM stock_level WHERE location <> 'MAIN' AND location <> 'OUTLET'")).isZero();
    }

    @Test
    void aGoodAdjustmentIsAppliedWithItsChangeRowAndListedWithTheProduct() throws Exception {
        HttpResponse<String> ok = app.send("POST", "/api/v1/stock/adjustments",
                "{\"sku\":\"SBX-002-R1\",\"quantity\":\"4\",\"mode\":\"relative\",\"reason\":\"found a box\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(app.readJson(ok.body()).path("location").asText()).isEqualTo("MAIN");
        assertThat(count("SELECT COUNT(*) FROM change_log WHERE entity_key = 'SBX-002-R1' AND origin = 'manual'")).isEqualTo(1);
        var products = app.getJson("/api/v1/products?q=sbx-002-r1");
        assertThat(products).hasSize(1);
        assertThat(products.get(0).path("quantities").has("MAIN")).isTrue();
        assertThat(app.getJson("/api/v1/pauses")).hasSize(5);
    }

    @Test
    void imagesPauseAndResumeAsTheOtherPushedTypesDoAndResumeStartsImagesPush() throws Exception {
        HttpResponse<String> paused = app.send("PUT", "/api/v1/pauses/images", null);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(app.readJson(paused.body()).path("paused").asBoolean()).isTrue();

        HttpResponse<String> resumed = app.send("DELETE", "/api/v1/pauses/images", null);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        JsonNode answer = app.readJson(resumed.body());
        assertThat(answer.path("pause").path("paused").asBoolean()).isFalse();
        assertThat(answer.path("pushTask").asText()).isEqualTo("images-push");
        assertThat(answer.path("runId").asLong()).isPositive();
    }

    @Test
    void pausesListEveryTypeAndSayWhichHaveNoPushYet() throws Exception {
        Map<String, Boolean> pushable = new java.util.LinkedHashMap<>();
        for (var p : app.getJson("/api/v1/pauses")) {
            pushable.put(p.path("entityType").asText(), p.path("pushable").asBoolean());
            assertThat(p.path("noPush").isTextual()).as(p.toString()).isNotEqualTo(p.path("pushable").asBoolean());
        }
        assertThat(pushable).containsExactly(Map.entry("products", true), Map.entry("inventory", true),
                Map.entry("catalogs", false), Map.entry("images", true), Map.entry("prices", true));
    }

    private static void expect(String method, String path, String body, int status, String named) throws Exception {
        HttpResponse<String> response = app.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        assertThat(app.readJson(response.body()).path("detail").asText()).as(path).contains(named);
    }

    private static long count(String sql) {
        return Tx.read(hub, c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        });
    }
}
