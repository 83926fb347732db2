package routes.backoffice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.commons.csv.CSVPrinter;
import routes.backoffice.csv.CsvExport;
import routes.backoffice.csv.InventoryCsv;
import routes.inventory.AutoSyncRules;
import routes.inventory.HubStock;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "inventory-files": a partner's inventory CSV drop becomes hub stock levels (origin FILE_UPLOAD), streamed in
 * chunks of {@code chunkRows} data rows with one transaction each; the file's progress (table
 * {@code inventory_file_progress}) is committed with every chunk, so a restart resumes after the last committed chunk
 * and heap stays bounded whatever the file's size. Rejected rows go to {@code <file>.errors.csv} and into the run
 * record. A file that applies is moved to {@code .done/}; one refused as a whole (empty, UTF-16, bad header) or
 * that fails (hub down) is moved to {@code .error/} with its errors file naming the reason. A file seen before with
 * the same name and content is moved to {@code .done/} without being applied again.
 */
public class InventoryFiles {

    /** Header naming the processed file under {@code .done/} (and {@code .error/}). */
    public static final String DONE_NAME = "SyncHubDoneName";
    /** Header the route's move option reads: {@code .done/<name>}, or {@code .error/<name>} until the file applied. */
    public static final String MOVE_TO = "SyncHubMoveTo";
    /** Set by camel-ftp's consumers only: the drop came over SFTP/FTP. */
    static final String REMOTE_HOST = "CamelFileHost";
    /** Header naming the local directory for the errors file of a remote drop (the route sets it). */
    public static final String LOCAL_DONE_DIR = "SyncHubLocalDoneDir";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    /** A file refused as a whole; its errors file is in {@code .error/} already. */
    public static final class FileRefused extends RuntimeException {
        public FileRefused(String message) {
            super(message);
        }
    }

    /** Opens the drop's content afresh (read twice: once for its hash, once to apply it). */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }

    private final DataSource hub;
    private final HubStock hubStock;
    private final IdempotentRepository seen;
    private final Clock clock;
    private final String defaultLocation;
    private final int chunkRows;

    public InventoryFiles(DataSource hub, HubStock hubStock, IdempotentRepository seen, Clock clock, String defaultLocation,
                          int chunkRows) {
        this.hub = hub;
        this.hubStock = hubStock;
        this.seen = seen;
        this.clock = clock;
        this.defaultLocation = defaultLocation;
        this.chunkRows = chunkRows;
    }

    public void load(@Header(Exchange.FILE_NAME_ONLY) String name, @Header("CamelFileAbsolutePath") String path,
                     @Header(REMOTE_HOST) String remoteHost, @Header(LOCAL_DONE_DIR) String localDoneDir,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run, Exchange exchange) throws IOException {
        // a drop read over SFTP: its path is the partner's, so its errors file goes to the local .done/ dir, and its
        // .done/ name is always stamped (an earlier drop of the same name there cannot be seen from here)
        boolean remote = remoteHost != null;
        Path done = remote ? Path.of(localDoneDir) : Path.of(path).getParent().resolve(".done");
        Path error = done.resolveSibling(".error");
        String doneName = remote || Files.exists(done.resolve(name)) || Files.exists(error.resolve(name))
                ? STAMP.format(clock.instant()) + "-" + name : name;
        exchange.getMessage().setHeader(DONE_NAME, doneName);
        // until the file applied, a failure (handled by task-errors) moves it to .error/
        exchange.getMessage().setHeader(MOVE_TO, ".error/" + doneName);
        Content content = () -> {
            InputStream in = exchange.getContext().getTypeConverter()
                    .convertTo(InputStream.class, exchange, exchange.getMessage().getBody());
            if (in == null) {
                throw new IOException(FileNames.escaped(name) + ": the drop's content cannot be read as a stream");
            }
            return in;
        };
        String shown = FileNames.escaped(name);
        String hash = sha256(content);
        String key = name + ":" + hash;
        Optional<InventoryFileProgressStore.Progress> progress =
                Tx.read(hub, c -> InventoryFileProgressStore.find(c, name, hash));
        if (seen.contains(key) || progress.map(InventoryFileProgressStore.Progress::done).orElse(false)) {
            seen.add(key);
            run.note(shown + " was processed before (same name and content): moved to .done/" + FileNames.escaped(doneName)
                    + ", not applied again");
            exchange.getMessage().setHeader(MOVE_TO, ".done/" + doneName);
            return;
        }
        String doneShown = remote ? done + "/" : ".done/";
        new Apply(name, shown, hash, run, done, error, doneName, doneShown,
                progress.map(InventoryFileProgressStore.Progress::lineCommitted).orElse(0)).run(content);
        seen.add(key);
        exchange.getMessage().setHeader(MOVE_TO, ".done/" + doneName);
    }

    /** One file applied chunk by chunk, its rejected rows written to the errors file as they come. */
    private final class Apply {
        private final String name;
        private final String shown;
        private final String hash;
        private final RunCounters run;
        private final Path done;
        private final Path error;
        private final String doneName;
        private final String doneShown;
        private final int resumeAfter;
        private Path errorsFile;
        private OutputStream errorsOut;
        private CSVPrinter errors;
        private int applied;
        private int changed;
        private int rejected;

        Apply(String name, String shown, String hash, RunCounters run, Path done, Path error, String doneName,
              String doneShown, int resumeAfter) {
            this.name = name;
            this.shown = shown;
            this.hash = hash;
            this.run = run;
            this.done = done;
            this.error = error;
            this.doneName = doneName;
            this.doneShown = doneShown;
            this.resumeAfter = resumeAfter;
        }

        void run(Content content) throws IOException {
            try (InputStream in = content.open()) {
                InventoryCsv.Chunks chunks = InventoryCsv.chunks(name, in, defaultLocation, resumeAfter);
                if (chunks.fileProblem() != null) {
                    refuse(chunks.fileProblem());
                }
                if (resumeAfter > 0) {
                    run.note(shown + ": resumed after line " + resumeAfter + " (committed before a restart)");
                }
                InventoryCsv.Chunk chunk;
                while ((chunk = chunks.next(chunkRows)) != null) {
                    apply(chunk);
                }
            } catch (IOException | RuntimeException e) {
                if (!(e instanceof FileRefused)) {
                    fail(e);
                }
                throw e;
            } finally {
                closeErrors();
            }
            Tx.inTransaction(hub, c -> {
                InventoryFileProgressStore.finish(c, name, hash, InventoryFileProgressStore.DONE, null, clock.instant());
                return null;
            });
            if (rejected > 0) {
                run.note(shown + ": " + rejected + " row(s) rejected, see " + doneShown + FileNames.escaped(doneName) + ".errors.csv");
            }
            run.note(shown + ": " + applied + " level(s) applied, " + changed + " changed");
        }

        private void apply(InventoryCsv.Chunk chunk) throws IOException {
            run.read(chunk.accepted().size() + chunk.rejected().size());
            List<HubStock.Level> levels = chunk.accepted().stream()
                    .map(row -> new HubStock.Level(row.sku(), row.location(), row.quantity())).toList();
            // the chunk's levels and the file's progress in one transaction: a restart resumes after chunk.lastLine()
            int chunkChanged = Tx.inTransaction(hub, c -> {
                int n = levels.isEmpty() ? 0 : hubStock.setLevels(c, levels, AutoSyncRules.CreatedBy.FILE_UPLOAD).size();
                InventoryFileProgressStore.committed(c, name, hash, chunk.lastLine(), levels.size(), chunk.rejected().size(),
                        clock.instant());
                return n;
            });
            applied += levels.size();
            changed += chunkChanged;
            run.written(levels.size());
            for (InventoryCsv.RejectedRow row : chunk.rejected()) {
                run.failed(shown + " line " + row.line(), row.field(), row.reason());
            }
            if (!chunk.rejected().isEmpty()) {
                run.partial();
                rejected += chunk.rejected().size();
                InventoryCsv.errorRows(errors(), chunk.rejected());
            }
        }

        /** The whole file is refused: its errors file goes to .error/, the run fails naming why. */
        private void refuse(String problem) throws IOException {
            run.failed(shown, "file", problem);
            errorsFile = error.resolve(doneName + ".errors.csv");
            InventoryCsv.errorFileRow(errors(), problem);
            closeErrors();
            record(InventoryFileProgressStore.FAILED, problem);
            throw new FileRefused(problem + "; moved to .error/" + FileNames.escaped(doneName) + " with its errors file");
        }

        /** The file stopped part-way (hub down, unreadable): its errors file goes beside it in .error/ with why. */
        private void fail(Exception e) {
            String reason = "stopped after line " + resumeAfter + " plus " + (applied + rejected) + " row(s): " + e.getMessage();
            try {
                InventoryCsv.errorFileRow(errors(), reason);
                closeErrors();
                Files.createDirectories(error);
                Files.move(errorsFile, error.resolve(doneName + ".errors.csv"), StandardCopyOption.REPLACE_EXISTING);
                record(InventoryFileProgressStore.FAILED, reason);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
        }

        private void record(String status, String reason) {
            Tx.inTransaction(hub, c -> {
                InventoryFileProgressStore.finish(c, name, hash, status, reason, clock.instant());
                return null;
            });
        }

        /** The errors file, opened on first use (appended to when a resumed file wrote one before the restart). */
        private CSVPrinter errors() throws IOException {
            if (errors == null) {
                if (errorsFile == null) {
                    errorsFile = done.resolve(doneName + ".errors.csv");
                }
                Files.createDirectories(errorsFile.getParent());
                boolean append = resumeAfter > 0 && Files.exists(errorsFile);
                errorsOut = Files.newOutputStream(errorsFile, StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                errors = CsvExport.printer(errorsOut);
                if (!append) {
                    InventoryCsv.writeErrorsHeader(errors);
                }
            }
            return errors;
        }

        private void closeErrors() throws IOException {
            if (errors != null) {
                errors.close();
                errorsOut.close();
                errors = null;
            }
        }
    }

    static String sha256(Content content) throws IOException {
        try (InputStream in = new DigestInputStream(content.open(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
