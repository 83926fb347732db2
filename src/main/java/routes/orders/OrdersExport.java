package routes.orders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import routes.backoffice.csv.CsvExport;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "orders-export": hub orders not yet exported to a file go to the outbox as CSV, one line per order line
 * ({@code orders-<UTC time>-<first id>-<last id>.csv}, written atomically, cells injection-safe).
 * <p>
 * A batch is named in the hub first, then its file is written, then its orders are marked exported. A crash after
 * the file but before the mark leaves the orders named but unmarked: the next run writes the same file again, same
 * name and same rows, replacing it. A partner that already took the file sees the same file name twice; the name's
 * order-id range (hub ids) and the order id column make a repeated file recognisable.
 */
public class OrdersExport {

    static final List<String> HEADER = List.of("order_id", "order_date", "customer_email", "sku", "quantity", "price",
            "total", "currency");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One CSV line: an order line with its order's fields (an order without lines: one line without line fields). */
    record Line(long orderId, OffsetDateTime date, String email, String sku, Integer quantity, BigDecimal price,
                BigDecimal total, String currency) {
    }

    private final DataSource hub;
    private final Clock clock;
    private final int batchSize;

    public OrdersExport(DataSource hub, Clock clock, int batchSize) {
        this.hub = hub;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Exports every order not yet in a file, batch by batch, into {@code outbox}; returns how many files it wrote. */
    public int export(@Header("outbox") String outbox, @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        Path dir = Path.of(outbox);
        int files = 0;
        for (String interrupted : unfinishedBatches()) {
            files += write(dir, interrupted, run);
        }
        while (true) {
            Batch batch = claimBatch();
            if (batch == null) {
                return files;
            }
            files += write(dir, batch.file(), run);
            if (batch.orders() < batchSize) {
                return files;
            }
        }
    }

    record Batch(String file, int orders) {
    }

    /** Names the next batch of unexported orders (oldest first) in one transaction; null when there is none. */
    Batch claimBatch() {
        return Tx.inTransaction(hub, c -> {
            List<Long> ids = SalesOrderStore.withoutExportFile(c, batchSize);
            if (ids.isEmpty()) {
                return null;
            }
            long first = ids.get(0);
            long last = ids.get(ids.size() - 1);
            String file = "orders-" + FILE_TIME.format(clock.instant()) + "-" + first + "-" + last + ".csv";
            SalesOrderStore.nameExportFile(c, file, first, last);
            return new Batch(file, ids.size());
        });
    }

    /** Batches named before a crash whose orders were never marked exported. */
    private List<String> unfinishedBatches() {
        return Tx.read(hub, SalesOrderStore::unfinishedExportFiles);
    }

    /** Writes one batch's file (atomically), then marks its orders; returns 1. */
    private int write(Path dir, String file, RunCounters run) {
        List<Line> lines = Tx.read(hub, c -> SalesOrderStore.exportLines(c, file));
        try {
            CsvExport.writeAtomically(dir.resolve(file), printer -> {
                CsvExport.row(printer, HEADER);
                for (Line l : lines) {
                    CsvExport.row(printer, l.orderId(), l.date() == null ? null : l.date().toInstant().toString(),
                            l.email(), l.sku(), l.quantity(), l.price(), l.total(), l.currency());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the orders export " + dir.resolve(file) + ": " + e.getMessage(), e);
        }
        int orders = Tx.inTransaction(hub, c -> SalesOrderStore.markFileExported(c, file, clock.instant()));
        run.read(orders);
        run.written(orders);
        return 1;
    }
}
