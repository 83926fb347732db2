package routes.backoffice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import routes.app.RunningSyncHub;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Partner inventory drops in the running application: bad files to .error/, names that are not drops, symlinks. */
class InventoryFilesAppTest {

    /** Every log line's text, safe to read while the app logs. */
    private static final java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final ch.qos.logback.core.AppenderBase<ILoggingEvent> logs = new ch.qos.logback.core.AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getFormattedMessage());
        }
    };
    private static RunningSyncHub app;
    private static DataSource hubDb;
    private static Path inbox;

    @BeforeAll
    static void start() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        app = RunningSyncHub.start(Map.of(
                "synchub.storefront.locations", "MAIN=1",
                "synchub.inventory-files.poll-ms", "100",
                "synchub.inventory-files.read-lock-check-ms", "100",
                "synchub.inventory-files.read-lock-min-age-ms", "100",
                "synchub.inventory-files.chunk-rows", "2"));
        hubDb = app.bean("hubDb", DataSource.class);
        inbox = app.dataDir().resolve("inbox/inventory");
        Files.createDirectories(inbox);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void aFileWithABadHeaderGoesToErrorWithItsErrorsFileAndTheRunFails() throws Exception {
        Files.writeString(inbox.resolve("bad-header.csv"), "item,qty\nBAD-1,4\n");

        Path error = inbox.resolve(".error");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(error.resolve("bad-header.csv"))
                || Files.exists(inbox.resolve(".done/bad-header.csv")));
        assertThat(inbox.resolve(".done/bad-header.csv")).as("a refused file is not done").doesNotExist();
        assertThat(Files.readString(error.resolve("bad-header.csv.errors.csv")))
                .contains("file").contains("header must name columns sku and quantity");
        await().atMost(Duration.ofSeconds(10)).until(() -> lastRun() != null
                && lastRun().path("message").asText().contains("bad-header.csv"));
        assertThat(lastRun().path("status").asText()).isEqualTo("failed");
    }

    @Test
    void rowsAreAppliedInChunksAndABadRowCostsOnlyItself() throws Exception {
        Files.writeString(inbox.resolve("chunks.csv"),
                "sku,quantity\nCH-1,1\nCH-2,oops\nCH-3,3\nCH-4,4\nCH-5,5\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/chunks.csv")));
        assertThat(List.of(quantity("CH-1"), quantity("CH-3"), quantity("CH-4"), quantity("CH-5"))).containsExactly(1, 3, 4, 5);
        assertThat(quantity("CH-2")).isNull();
        assertThat(Files.readString(inbox.resolve(".done/chunks.csv.errors.csv")))
                .startsWith("line,field,value,reason,raw").contains("3,quantity,oops,not an integer");
        assertThat(progress("chunks.csv")).containsExactly("done", "6");
    }

    @Test
    void aRunThatRejectedRowsIsPartialNotPlainOk() throws Exception {
        Files.writeString(inbox.resolve("partial.csv"), "sku,quantity\nPART-1,1\nPART-2,-4\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/partial.csv"))
                && lastRun() != null && lastRun().path("message").asText().contains("partial.csv"));
        JsonNode run = lastRun();
        assertThat(run.path("status").asText()).isEqualTo("partial");
        assertThat(run.path("itemsFailed").asInt()).isEqualTo(1);
        assertThat(run.path("message").asText()).contains("1 row(s) rejected");
    }

    @Test
    void aFileCommittedInPartBeforeARestartResumesAfterItsLastCommittedLine() throws Exception {
        String csv = "sku,quantity\nRES-1,1\nRES-2,2\nRES-3,3\n";
        String hash = HexSha.of(csv);
        // as a SyncHub killed after its first chunk (lines 2 and 3) left it
        Tx.inTransaction(hubDb, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inventory_file_progress (file_name, content_sha256,"
                    + " status, line_committed, rows_applied, rows_rejected, updated_at) VALUES (?, ?, 'running', 3, 2, 0, CURRENT_TIMESTAMP)")) {
                ps.setString(1, "resume.csv");
                ps.setString(2, hash);
                return ps.executeUpdate();
            }
        });
        Files.writeString(inbox.resolve("resume.csv"), csv);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/resume.csv")));
        assertThat(quantity("RES-1")).as("committed before the restart, not read again").isNull();
        assertThat(quantity("RES-3")).isEqualTo(3);
        assertThat(progress("resume.csv")).containsExactly("done", "4");
    }

    @Test
    void aSymbolicLinkInTheInboxIsNeverFollowedAndIsLoggedOnce() throws Exception {
        Path secret = Files.writeString(app.dataDir().resolve("secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.createSymbolicLink(inbox.resolve("x.csv"), secret);
        Files.writeString(inbox.resolve("after-link.csv"), "sku,quantity\nLINK-AFTER,1\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/after-link.csv"))
                && logged("'x.csv'"));
        await().atMost(Duration.ofSeconds(5)).until(() -> count("'x.csv'") == 1 && pollsSince(2));
        assertThat(count("'x.csv'")).as("one line per name").isEqualTo(1);
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains("root:x:0:0"));
        assertThat(inbox.resolve("x.csv")).as("left where it is").exists();
        assertThat(inbox.resolve(".done/x.csv.errors.csv")).doesNotExist();
        assertThat(inbox.resolve(".done/x.csv")).doesNotExist();
    }

    @Test
    void namesThatAreNotDropsAreLoggedOnceEscaped() throws Exception {
        List<String> names = List.of("line\nbreak.csv", "carriage\rreturn.csv", "sep\u2028arator.csv", ".hidden.csv",
                "esc\u001b[31mred.csv");
        for (String name : names) {
            Files.writeString(inbox.resolve(name), "sku,quantity\nODD-1,1\n");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> logged("line\\u000Abreak.csv") && logged("carriage\\u000Dreturn.csv")
                && logged("sep\\u2028arator.csv") && logged("'.hidden.csv'") && logged("esc\\u001B[31mred.csv"));
        assertThat(lines).noneSatisfy(line -> assertThat(line).containsAnyOf("\u001b", "\u2028", "\r"));
        assertThat(count("line\\u000Abreak.csv")).isEqualTo(1);
        for (String name : names) {
            assertThat(inbox.resolve(name)).exists();
        }
    }

    // ---

    private static boolean logged(String text) {
        return count(text) > 0;
    }

    private static long count(String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }

    private static long firstPoll = -1;

    /** True once the consumer polled a couple more times (a file dropped meanwhile is applied). */
    private static boolean pollsSince(int n) throws Exception {
        String name = "tick-" + System.nanoTime() + ".csv";
        Files.writeString(inbox.resolve(name), "sku,quantity\nTICK,1\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox.resolve(".done/" + name)));
        return ++firstPoll >= n - 1;
    }

    private static JsonNode lastRun() throws Exception {
        JsonNode runs = app.getJson("/api/v1/runs?task=inventory-files&limit=1");
        return runs.isEmpty() ? null : runs.get(0);
    }

    private static Integer quantity(String sku) {
        return Tx.read(hubDb, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT quantity FROM stock_level WHERE sku = ? AND location = 'MAIN'")) {
                ps.setString(1, sku);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        });
    }

    private static List<String> progress(String name) {
        return Tx.read(hubDb, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, line_committed FROM inventory_file_progress WHERE file_name = ?")) {
                ps.setString(1, name);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? List.of(rs.getString(1), String.valueOf(rs.getInt(2))) : List.of();
                }
            }
        });
    }

    /** The content hash SyncHub keys a drop by. */
    static final class HexSha {
        static String of(String text) throws Exception {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }
}
