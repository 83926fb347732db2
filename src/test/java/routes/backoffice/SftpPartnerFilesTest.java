package routes.backoffice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import routes.app.RunningSyncHub;
import routes.orders.OrdersExportTest;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Partner files over SFTP against a real OpenSSH sshd on loopback: orders-export files delivered by
 * orders-export-delivery (and kept until an upload succeeds), inventory drops read by inventory-files.
 */
class SftpPartnerFilesTest {

    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static LoopbackSshd sshd;
    private static RunningSyncHub app;
    private static Path partner;

    @BeforeAll
    static void start() throws Exception {
        LoopbackSshd.requireInstalled();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        sshd = LoopbackSshd.start();
        partner = sshd.partnerRoot();
        Files.createDirectories(partner.resolve("incoming"));
        Files.createDirectories(partner.resolve("drops"));
        app = RunningSyncHub.start(Map.of(
                // a daily schedule far from now: the export runs in this test are the ones it asks for
                "synchub.task.orders-export.schedule", "{\"type\":\"daily\",\"at\":\"03:17\"}",
                "synchub.outbox.delivery-uri", sshd.uri("incoming") + "&tempPrefix=.part-",
                "synchub.outbox.delivery-poll-ms", "100",
                "synchub.outbox.read-lock-check-ms", "100",
                "synchub.outbox.read-lock-min-age-ms", "100",
                "synchub.inventory-files.uri", sshd.uri("drops"),
                "synchub.inventory-files.poll-ms", "100",
                "synchub.inventory-files.read-lock-check-ms", "100",
                "synchub.inventory-files.read-lock-min-age-ms", "100",
                "synchub.storefront.locations", "MAIN=1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (sshd != null) {
            sshd.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (sshd != null) {
            assertThat(logs.list).as("log lines").noneSatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains(sshd.privateKey().toString()));
        }
    }

    @Test
    void anExportedOrderFileIsUploadedToThePartnerAndMovedToDelivered() throws Exception {
        long order = OrdersExportTest.insertOrder(hub(), 7101, "sftp@example.com", "20.00", "EUR",
                List.<Object[]>of(new Object[] {"SFTP-EXP-1", 2, "10.00"}));
        runAndWait("orders-export");
        String name = exportName(order);

        Path delivered = outbox().resolve(".delivered").resolve(name);
        Path uploaded = partner.resolve("incoming").resolve(name);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(delivered) && Files.exists(uploaded));
        assertThat(Files.readString(uploaded)).isEqualTo(Files.readString(delivered))
                .contains("7101,2026-11-20T08:30:00Z,sftp@example.com,SFTP-EXP-1,2,10.0000,20.0000,EUR");
        assertThat(outbox().resolve(name)).doesNotExist();
        assertThat(names(partner.resolve("incoming"))).as("no temp upload left").noneMatch(n -> n.startsWith(".part-"));
        await().atMost(Duration.ofSeconds(10)).until(() -> lastRun("orders-export-delivery", "ok") != null
                && lastRun("orders-export-delivery", "ok").path("message").asText().contains(name));
        assertThat(lastRun("orders-export-delivery", "ok").path("message").asText())
                .as("the partner is named without the key file").doesNotContain("client_key");
    }

    @Test
    void anUploadThatFailsLeavesTheFileInTheOutboxAndTheNextPollAfterSshdIsBackDeliversIt() throws Exception {
        sshd.stop();
        String name;
        try {
            long failedBefore = failedRuns();
            long order = OrdersExportTest.insertOrder(hub(), 7201, "down@example.com", "5.00", "EUR",
                    List.<Object[]>of(new Object[] {"SFTP-EXP-2", 1, "5.00"}));
            runAndWait("orders-export");
            name = exportName(order);

            // two failed attempts: the file was tried, put back, and tried again
            await().atMost(Duration.ofSeconds(60)).until(() -> failedRuns() >= failedBefore + 2);
            assertThat(outbox().resolve(name)).as("a failed upload does not mark the file done").exists();
            assertThat(outbox().resolve(".delivered").resolve(name)).doesNotExist();
            assertThat(outbox().resolve(".failed")).doesNotExist();
            assertThat(partner.resolve("incoming").resolve(name)).doesNotExist();
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("orders-export-delivery").contains(name).contains("stays in the outbox"));
        } finally {
            sshd.restart();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(outbox().resolve(".delivered").resolve(name))
                && Files.exists(partner.resolve("incoming").resolve(name)));
        assertThat(Files.readString(partner.resolve("incoming").resolve(name))).contains("7201,").contains("SFTP-EXP-2");
        assertThat(outbox().resolve(name)).doesNotExist();
    }

    @Test
    void anInventoryDropInThePartnersSftpDirectoryBecomesHubStock() throws Exception {
        Path drops = partner.resolve("drops");
        Path staged = Files.writeString(partner.resolve("partner-sftp.csv"),
                "sku,quantity,location\nSFTP-INV-1,42,MAIN\nSFTP-INV-2,x,MAIN\n");
        Files.move(staged, drops.resolve("partner-sftp.csv"));

        await().atMost(Duration.ofSeconds(30)).until(() -> quantity("SFTP-INV-1") != null
                && !Files.exists(drops.resolve("partner-sftp.csv"))
                && lastRun("inventory-files", "partial") != null);
        assertThat(quantity("SFTP-INV-1")).isEqualTo(42);
        assertThat(names(drops.resolve(".done"))).as("moved to .done/ on the partner's side, name stamped")
                .anyMatch(n -> n.matches("\\d{8}T\\d{9}-partner-sftp\\.csv"));
        assertThat(names(app.dataDir().resolve("inbox/inventory/.done"))).as("the rejected row's report, kept here")
                .anyMatch(n -> n.endsWith("-partner-sftp.csv.errors.csv"));
        JsonNode run = lastRun("inventory-files", "partial");
        assertThat(run.path("itemsWritten").asInt()).isEqualTo(1);
        assertThat(run.path("itemsFailed").asInt()).isEqualTo(1);
    }

    @Test
    void aServerWhoseHostKeyIsNotTheKnownOneGetsNoFile() throws Exception {
        // the same address and login, but known_hosts names another key: strict checking refuses to send anything
        String spoofed = sshd.uri("incoming", sshd.knownHostsOfAnotherServer()) + "&maximumReconnectAttempts=0";
        assertThatThrownBy(() -> app.context().createProducerTemplate()
                .sendBodyAndHeader(spoofed, "order_id\n", Exchange.FILE_NAME, "spoofed.csv"))
                .hasStackTraceContaining("HostKey");
        assertThat(partner.resolve("incoming").resolve("spoofed.csv")).doesNotExist();
    }

    private static DataSource hub() {
        return app.bean("hubDb", DataSource.class);
    }

    private static Path outbox() {
        return app.dataDir().resolve("outbox");
    }

    /** The outbox file an order went into, as the hub recorded it. */
    private static String exportName(long order) {
        return Tx.read(hub(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT export_file FROM sales_order WHERE id = ?")) {
                ps.setLong(1, order);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private static void runAndWait(String task) throws Exception {
        long runId = app.readJson(app.send("POST", "/api/v1/tasks/" + task + "/run", null).body()).path("runId").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !List.of("queued", "running").contains(app.getJson("/api/v1/runs/" + runId).path("run").path("status").asText()));
        JsonNode run = app.getJson("/api/v1/runs/" + runId).path("run");
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("ok");
    }

    private static JsonNode lastRun(String task, String status) throws Exception {
        JsonNode runs = app.getJson("/api/v1/runs?task=" + task + "&status=" + status + "&limit=1");
        return runs.isEmpty() ? null : runs.get(0);
    }

    private static long failedRuns() {
        return Tx.read(hub(), c -> {
            try (var rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM task_run WHERE task_id = 'orders-export-delivery' AND status = 'failed'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Integer quantity(String sku) {
        return Tx.read(hub(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT quantity FROM stock_level WHERE sku = ? AND location = 'MAIN'")) {
                ps.setString(1, sku);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        });
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
