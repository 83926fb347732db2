package routes.orders;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static routes.platform.Times.utc;

/** Task orders-export on the whole app: hub orders -> one CSV in the outbox, safe cells, once. */
public class OrdersExportTest {

    private static RunningSyncHub app;

    @BeforeAll
    static void start() throws Exception {
        // a daily schedule far from now: the runs in this test are the ones it asks for
        app = RunningSyncHub.start(Map.of("synchub.task.orders-export.schedule", "{\"type\":\"daily\",\"at\":\"03:17\"}"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anOrderInTheHubBecomesOneOutboxFileWithSafeCellsAndIsNotExportedTwice() throws Exception {
        DataSource hub = app.bean("hubDb", DataSource.class);
        long order = insertOrder(hub, 9001, "buyer@example.com", "31.50", "EUR",
                List.of(new Object[] {"SBX-001-R1", 2, "10.00"}, new Object[] {"=HYPERLINK(\"http://x\")", 1, "11.50"}));

        assertThat(runAndWait("orders-export").path("itemsWritten").asInt()).isEqualTo(1);
        List<Path> files = outboxFiles();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("orders-\\d{8}T\\d{6}Z-" + order + "-" + order + "\\.csv");
        List<String> lines = Files.readAllLines(files.get(0), StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "order_id,order_date,customer_email,sku,quantity,price,total,currency",
                "9001,2026-11-20T08:30:00Z,buyer@example.com,SBX-001-R1,2,10.0000,31.5000,EUR",
                "9001,2026-11-20T08:30:00Z,buyer@example.com,\"'=HYPERLINK(\"\"http://x\"\")\",1,11.5000,31.5000,EUR");
        assertThat(Files.list(outbox()).filter(p -> p.getFileName().toString().endsWith(".tmp")))
                .as("no temp file left behind").isEmpty();

        assertThat(runAndWait("orders-export").path("itemsRead").asInt()).as("a second run finds nothing new").isZero();
        assertThat(outboxFiles()).hasSize(1);
        assertThat(count(hub, "SELECT COUNT(*) FROM sales_order WHERE file_exported_at IS NULL")).isZero();
    }

    private static com.fasterxml.jackson.databind.JsonNode runAndWait(String task) throws Exception {
        long runId = app.readJson(app.send("POST", "/api/v1/tasks/" + task + "/run", null).body()).path("runId").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !List.of("queued", "running").contains(app.getJson("/api/v1/runs/" + runId).path("run").path("status").asText()));
        com.fasterxml.jackson.databind.JsonNode run = app.getJson("/api/v1/runs/" + runId).path("run");
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("ok");
        return run;
    }

    private static Path outbox() {
        return app.dataDir().resolve("outbox");
    }

    private static List<Path> outboxFiles() throws IOException {
        try (Stream<Path> files = Files.list(outbox())) {
            return files.filter(p -> p.getFileName().toString().startsWith("orders-")).toList();
        }
    }

    public static long insertOrder(DataSource hub, long storefrontId, String email, String total, String currency,
                                    List<Object[]> lines) {
        return Tx.inTransaction(hub, c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sales_order (storefront_order_id, status, customer_email, total, currency, date_created, received_at)
                    VALUES (?, 'Awaiting Fulfillment', ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, storefrontId);
                ps.setString(2, email);
                ps.setBigDecimal(3, new BigDecimal(total));
                ps.setString(4, currency);
                ps.setObject(5, utc(Instant.parse("2026-11-20T08:30:00Z")));
                ps.setObject(6, utc(Instant.parse("2026-11-20T08:31:00Z")));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sales_order_line (order_id, line_no, sku, name, quantity, price) VALUES (?, ?, ?, 'x', ?, ?)")) {
                int no = 1;
                for (Object[] line : lines) {
                    ps.setLong(1, id);
                    ps.setInt(2, no++);
                    ps.setString(3, (String) line[0]);
                    ps.setInt(4, (Integer) line[1]);
                    ps.setBigDecimal(5, new BigDecimal((String) line[2]));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        });
    }

    private static long count(DataSource hub, String sql) {
        return Tx.read(hub, c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
