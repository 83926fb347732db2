package routes.backoffice;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import routes.app.RunningSyncHub;
import routes.platform.Tx;

import static org.awaitility.Awaitility.await;

/**
 * Run in a JVM of its own by {@link InventoryDropHeapTest} (with {@code -Xmx256m}): starts SyncHub, drops one
 * inventory file of {@code args[0]} rows into its inbox, waits until it is in {@code .done/}, and prints the rows
 * applied, the time and the peak heap. Exits 0 only when every row is a hub stock level.
 */
public final class InventoryDropHeapCheck {

    private InventoryDropHeapCheck() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int exit = 1;
        try (RunningSyncHub app = RunningSyncHub.start(Map.of(
                "synchub.inventory-files.poll-ms", "200",
                "synchub.inventory-files.read-lock-check-ms", "200",
                "synchub.inventory-files.read-lock-min-age-ms", "200",
                // no change-log rows: the heap measured is the file's, not a push of every level to the sandbox
                "synchub.auto-sync.rule.file-upload", "false"))) {
            DataSource hub = app.bean("hubDb", DataSource.class);
            Path inbox = Files.createDirectories(app.dataDir().resolve("inbox/inventory"));
            Path staged = app.dataDir().resolve("big.csv");
            try (BufferedWriter out = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
                out.write("sku,quantity,location\n");
                for (int i = 0; i < rows; i++) {
                    out.write("HEAP-" + i + "," + (i % 1000) + ",MAIN\n");
                }
            }
            long bytes = Files.size(staged);
            long started = System.nanoTime();
            Files.move(staged, inbox.resolve("big.csv"));
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(inbox.resolve(".done/big.csv")) || Files.exists(inbox.resolve(".error/big.csv")));
            double seconds = (System.nanoTime() - started) / 1e9;
            long applied = Tx.read(hub, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM stock_level WHERE sku LIKE 'HEAP-%'")) {
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("rows=%d bytes=%d applied=%d seconds=%.1f rows/s=%.0f peakHeapMiB=%d maxHeapMiB=%d%n",
                    rows, bytes, applied, seconds, applied / seconds, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            exit = applied == rows && Files.exists(inbox.resolve(".done/big.csv")) ? 0 : 1;
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }
}
