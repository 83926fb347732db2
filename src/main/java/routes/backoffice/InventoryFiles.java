package routes.backoffice;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.spi.IdempotentRepository;
import routes.backoffice.csv.InventoryCsv;
import routes.inventory.AutoSyncRules;
import routes.inventory.HubStock;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "inventory-files": a partner's inventory CSV drop becomes hub stock levels (origin FILE_UPLOAD) in one
 * transaction; rejected rows go to {@code .done/<file>.errors.csv} beside the processed file and into the run record.
 * A file seen before with the same name and content is moved to {@code .done/} without being applied again.
 */
public class InventoryFiles {

    /** Header naming the processed file under {@code .done/} (the route's move option reads it). */
    public static final String DONE_NAME = "SyncHubDoneName";
    /** Set by camel-ftp's consumers only: the drop came over SFTP/FTP. */
    static final String REMOTE_HOST = "CamelFileHost";
    /** Header naming the local directory for the errors file of a remote drop (the route sets it). */
    public static final String LOCAL_DONE_DIR = "SyncHubLocalDoneDir";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    private final DataSource hub;
    private final HubStock hubStock;
    private final IdempotentRepository seen;
    private final Clock clock;
    private final String defaultLocation;

    public InventoryFiles(DataSource hub, HubStock hubStock, IdempotentRepository seen, Clock clock, String defaultLocation) {
        this.hub = hub;
        this.hubStock = hubStock;
        this.seen = seen;
        this.clock = clock;
        this.defaultLocation = defaultLocation;
    }

    public void load(@Header(Exchange.FILE_NAME_ONLY) String name, @Header("CamelFileAbsolutePath") String path,
                     @Header(REMOTE_HOST) String remoteHost, @Header(LOCAL_DONE_DIR) String localDoneDir,
                     @Body byte[] content, @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run,
                     Exchange exchange) throws IOException {
        // a drop read over SFTP: its path is the partner's, so its errors file goes to the local .done/ dir, and its
        // .done/ name is always stamped (an earlier drop of the same name there cannot be seen from here)
        boolean remote = remoteHost != null;
        Path done = remote ? Path.of(localDoneDir) : Path.of(path).getParent().resolve(".done");
        String doneName = remote || Files.exists(done.resolve(name)) ? STAMP.format(clock.instant()) + "-" + name : name;
        exchange.getMessage().setHeader(DONE_NAME, doneName);
        String key = name + ":" + sha256(content);
        if (!seen.add(key)) {
            run.note(name + " was processed before (same name and content): moved to .done/" + doneName + ", not applied again");
            return;
        }
        try {
            apply(name, content, run, done, remote ? done + "/" : ".done/", doneName);
        } catch (IOException | RuntimeException e) {
            seen.remove(key);
            throw e;
        }
    }

    private void apply(String name, byte[] content, RunCounters run, Path done, String doneShown, String doneName) throws IOException {
        InventoryCsv.ParseResult parsed = InventoryCsv.parse(name, new ByteArrayInputStream(content), defaultLocation);
        run.read(parsed.accepted().size() + parsed.rejected().size());
        List<HubStock.Level> levels = parsed.accepted().stream()
                .map(row -> new HubStock.Level(row.sku(), row.location(), row.quantity())).toList();
        int changed = levels.isEmpty() ? 0
                : Tx.inTransaction(hub, c -> hubStock.setLevels(c, levels, AutoSyncRules.CreatedBy.FILE_UPLOAD)).size();
        run.written(levels.size());
        if (parsed.hasFileProblem()) {
            run.failed(name, "file", parsed.fileProblem());
        }
        for (InventoryCsv.RejectedRow row : parsed.rejected()) {
            run.failed("line " + row.line(), row.field(), row.reason());
        }
        if (parsed.hasErrors()) {
            Files.createDirectories(done);
            try (OutputStream out = Files.newOutputStream(done.resolve(doneName + ".errors.csv"))) {
                InventoryCsv.writeErrors(parsed, out);
            }
            run.note(name + ": " + (parsed.hasFileProblem() ? "file rejected" : parsed.rejected().size() + " row(s) rejected")
                    + ", see " + doneShown + doneName + ".errors.csv");
        }
        run.note(name + ": " + levels.size() + " level(s) applied, " + changed + " changed");
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
