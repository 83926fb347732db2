package routes.backoffice;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import routes.platform.Times;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.Watermarks;
import routes.task.Watermarks.Watermark;

/**
 * The one way SyncHub reads a back-office table incrementally: a named query from the task's watermark, a page at a
 * time (memory stays flat whatever the table size). Each page is written to the hub together with the new watermark
 * in one transaction: a crash repeats at most one page, and repeating it changes nothing.
 * Incremental queries get {@code :#since}, {@code :#sinceKey}, {@code :#limit} and return {@code updated_at} and
 * {@code row_key} (see sandbox-queries.properties).
 */
public class IncrementalPull {

    /** Writes one page of rows to the hub in the caller's transaction; returns how many rows changed something. */
    @FunctionalInterface
    public interface PageWriter<T> {
        int write(Connection c, List<T> page) throws SQLException;
    }

    /** A back-office row with its watermark position. */
    record Positioned<T>(T value, Watermark position) {
    }

    private final JdbcBackOffice backOffice;
    private final DataSource hub;
    private final Watermarks watermarks;
    private final Clock clock;
    private final int pageSize;

    public IncrementalPull(JdbcBackOffice backOffice, DataSource hub, Watermarks watermarks, Clock clock, int pageSize) {
        this.backOffice = backOffice;
        this.hub = hub;
        this.watermarks = watermarks;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** Reads everything newer than {@code cursorId}'s watermark through {@code query}, page by page, into the hub. */
    public <T> Watermark pull(String cursorId, String query, JdbcBackOffice.RowReader<T> reader, PageWriter<T> writer,
                              RunCounters run) {
        Watermark mark = watermark(cursorId);
        while (true) {
            List<Positioned<T>> page = new ArrayList<>(pageSize);
            Map<String, Object> params = Map.of("since", mark.timestamp(), "sinceKey", mark.key(), "limit", pageSize);
            backOffice.stream(query, params, rs -> new Positioned<>(reader.read(rs), position(rs)), page::add);
            if (page.isEmpty()) {
                return mark;
            }
            Watermark next = page.get(page.size() - 1).position();
            List<T> values = page.stream().map(Positioned::value).toList();
            int written = Tx.inTransaction(hub, c -> {
                int n = writer.write(c, values);
                watermarks.save(c, cursorId, next, clock.instant());
                return n;
            });
            run.read(page.size());
            run.written(written);
            mark = next;
            if (page.size() < pageSize) {
                return mark;
            }
        }
    }

    /**
     * How many rows {@code countQuery} finds past {@code cursorId}'s watermark (the first stage of a two-stage sync);
     * the query gets {@code :#since} and {@code :#sinceKey} and returns one column {@code pending}.
     */
    public long pending(String cursorId, String countQuery) {
        Watermark mark = watermark(cursorId);
        long[] count = {0};
        backOffice.stream(countQuery, Map.of("since", mark.timestamp(), "sinceKey", mark.key()),
                rs -> rs.getLong("pending"), n -> {
                    count[0] = n;
                    return false;
                });
        return count[0];
    }

    private Watermark watermark(String cursorId) {
        return Tx.read(hub, c -> watermarks.get(c, cursorId));
    }

    static Watermark position(ResultSet rs) throws SQLException {
        return new Watermark(Times.instant(rs, "updated_at"), rs.getString("row_key"));
    }
}
