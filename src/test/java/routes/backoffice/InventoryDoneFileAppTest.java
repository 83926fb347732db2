package routes.backoffice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.app.RunningSyncHub;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A partner that writes slowly signals a finished drop with a done file (synchub.inventory-files.done-file-name). */
class InventoryDoneFileAppTest {

    private static RunningSyncHub app;
    private static Path inbox;

    @BeforeAll
    static void start() throws Exception {
        app = RunningSyncHub.start(Map.of(
                "synchub.storefront.locations", "MAIN=1",
                "synchub.inventory-files.poll-ms", "100",
                "synchub.inventory-files.read-lock-check-ms", "100",
                "synchub.inventory-files.read-lock-min-age-ms", "100",
                "synchub.inventory-files.done-file-name", "${file:name}.done"));
        inbox = Files.createDirectories(app.dataDir().resolve("inbox/inventory"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aDropThatPausesLongerThanTheReadLockIsReadOnlyOnceItsDoneFileIsThere() throws Exception {
        Path drop = Files.writeString(inbox.resolve("slow.csv"), "sku,quantity\n");
        // the partner pauses for many read-lock intervals: the header-only file must not be taken meanwhile
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> Files.exists(drop));
        Files.writeString(drop, "SLOW-1,5\nSLOW-2,6\n", StandardOpenOption.APPEND);
        Files.writeString(inbox.resolve("slow.csv.done"), "");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/slow.csv")));
        assertThat(quantity("SLOW-1")).isEqualTo(5);
        assertThat(quantity("SLOW-2")).isEqualTo(6);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(inbox.resolve("slow.csv.done")));
    }

    private static Integer quantity(String sku) {
        return Tx.read(app.bean("hubDb", DataSource.class), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT quantity FROM stock_level WHERE sku = ? AND location = 'MAIN'")) {
                ps.setString(1, sku);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        });
    }
}
