package routes.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ExchangeProperty;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.changelog.EntityType;
import routes.changelog.PauseSwitches;
import routes.platform.Times;
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;
import routes.task.TaskTrigger;
import routes.task.Trigger;

import static routes.platform.Times.utc;

/**
 * Sync Now: writes a change-log row (origin {@code sync-now}) for every stock level a request matches and turns
 * Auto Sync on for those SKUs (a Sync Now enables Auto Sync), then lets stock-push send them. Jobs live in
 * {@code sync_now_job}; the matching levels are streamed from the hub in keyset pages, never all in memory, with no
 * cap on their number, and the job's cursor is committed with each page so a restart continues where it stopped.
 */
public class SyncNow {

    /** Which stock levels a filter request matches; null parts match everything. */
    public record Filter(String category, String brand, String location, Integer stockBelow, String changedSince) {
    }

    /** Exactly one of: a SKU list, a filter, or everything. */
    public record Request(List<String> skus, Filter filter, boolean all) {
    }

    /** A job as GET /api/v1/sync-now/{jobId} shows it. */
    public record Job(long id, String state, Long total, long done, Double ratePerSecond, Long etaSeconds,
                      String createdAt, String startedAt, String endedAt, String message, Long runId, JsonNode request) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource hub;
    private final Clock clock;
    private final ChangeLog changeLog;
    private final TaskTrigger trigger;
    private final int pageSize;
    private final PauseSwitches pauses;
    private final SyncNowDelivery delivery;
    private final Executor settler;

    /**
     * @param delivery sends pages straight to the storefront; null makes every page a change-log row per level for
     *                 stock-push (as when inventory is paused)
     * @param settler  commits a sent page (history, re-check, cursor) while the next page is read and sent; one
     *                 thread, so pages are settled in order
     */
    public SyncNow(DataSource hub, Clock clock, ChangeLog changeLog, TaskTrigger trigger, int pageSize,
                   PauseSwitches pauses, SyncNowDelivery delivery, Executor settler) {
        this.pauses = pauses;
        this.delivery = delivery;
        this.settler = settler;
        this.hub = hub;
        this.clock = clock;
        this.changeLog = changeLog;
        this.trigger = trigger;
        this.pageSize = pageSize;
    }

    /** Reads a POST /api/v1/sync-now body; a mistake names its field. */
    public static Request parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new HubStock.InvalidInput("body", "expected {\"skus\":[...]}, {\"filter\":{...}} or {\"all\":true}");
        }
        int forms = (body.has("skus") ? 1 : 0) + (body.has("filter") ? 1 : 0) + (body.has("all") ? 1 : 0);
        if (forms != 1) {
            throw new HubStock.InvalidInput("body", "give exactly one of skus, filter, all");
        }
        if (body.has("all")) {
            if (!body.path("all").isBoolean() || !body.path("all").asBoolean()) {
                throw new HubStock.InvalidInput("all", "must be true");
            }
            return new Request(null, null, true);
        }
        if (body.has("skus")) {
            JsonNode skus = body.path("skus");
            if (!skus.isArray() || skus.isEmpty()) {
                throw new HubStock.InvalidInput("skus", "must be a non-empty array of SKUs");
            }
            Set<String> out = new LinkedHashSet<>();
            for (int i = 0; i < skus.size(); i++) {
                if (!skus.get(i).isTextual() || skus.get(i).asText().isBlank()) {
                    throw new HubStock.InvalidInput("skus[" + i + "]", "must be a SKU string");
                }
                out.add(skus.get(i).asText());
            }
            return new Request(List.copyOf(out), null, false);
        }
        JsonNode f = body.path("filter");
        if (!f.isObject()) {
            throw new HubStock.InvalidInput("filter", "must be an object with category, brand, location, stockBelow, changedSince");
        }
        for (Iterator<String> names = f.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("category", "brand", "location", "stockBelow", "changedSince").contains(name)) {
                throw new HubStock.InvalidInput("filter." + name, "unknown; use category, brand, location, stockBelow, changedSince");
            }
        }
        Integer below = null;
        if (f.hasNonNull("stockBelow")) {
            if (!f.path("stockBelow").canConvertToInt() || !f.path("stockBelow").isIntegralNumber()) {
                throw new HubStock.InvalidInput("filter.stockBelow", "'" + f.path("stockBelow").asText() + "' is not a whole number");
            }
            below = f.path("stockBelow").asInt();
        }
        String since = null;
        if (f.hasNonNull("changedSince")) {
            String raw = f.path("changedSince").asText();
            try {
                since = OffsetDateTime.parse(raw).toInstant().toString();
            } catch (DateTimeParseException e) {
                throw new HubStock.InvalidInput("filter.changedSince", "'" + raw + "' is not an ISO-8601 date-time (2026-11-23T00:00:00Z)");
            }
        }
        return new Request(null, new Filter(text(f, "category"), text(f, "brand"), text(f, "location"), below, since), false);
    }

    private static String text(JsonNode f, String field) {
        return f.hasNonNull(field) ? f.path(field).asText() : null;
    }

    /** Stores a queued job; the caller triggers the sync-now task. */
    public long submit(Request request) {
        String json = JSON.valueToTree(request).toString();
        return Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sync_now_job (request, state, done, created_at) VALUES (?, 'queued', 0, ?)",
                    new String[] {"id"})) {
                ps.setString(1, json);
                ps.setObject(2, utc(clock.instant()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    public Optional<Job> job(long id) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, state, total, done, created_at, started_at, ended_at, message, run_id, request
                      FROM sync_now_job WHERE id = ?""")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Long total = rs.getObject(3, Long.class);
                    long done = rs.getLong(4);
                    OffsetDateTime started = rs.getObject(6, OffsetDateTime.class);
                    OffsetDateTime ended = rs.getObject(7, OffsetDateTime.class);
                    Double rate = null;
                    Long eta = null;
                    if (started != null) {
                        Instant until = ended == null ? clock.instant() : ended.toInstant();
                        double seconds = Math.max(0.001, Duration.between(started.toInstant(), until).toMillis() / 1000.0);
                        rate = Math.round(done / seconds * 10) / 10.0;
                        if (total != null && rate > 0) {
                            eta = ended != null ? 0L : (long) Math.ceil((total - done) / rate);
                        }
                    }
                    JsonNode request;
                    try {
                        request = JSON.readTree(rs.getString(10));
                    } catch (java.io.IOException e) {
                        request = null;
                    }
                    return Optional.of(new Job(rs.getLong(1), rs.getString(2), total, done, rate, eta, Times.iso(rs, 5),
                            Times.iso(rs, 6), Times.iso(rs, 7), rs.getString(8), rs.getObject(9, Long.class), request));
                }
            }
        });
    }

    /** Task "sync-now": runs every unfinished job, oldest first (a job a restart interrupted continues from its cursor). */
    public void runQueued(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        Long id;
        while ((id = nextJob()) != null) {
            run(id, run);
        }
    }

    private Long nextJob() {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM sync_now_job WHERE state IN ('queued', 'running') ORDER BY id FETCH FIRST 1 ROWS ONLY");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        });
    }

    private void run(long id, RunCounters run) {
        Request request;
        String cursorSku;
        String cursorLoc;
        Long total;
        try {
            Object[] row = Tx.inTransaction(hub, c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE sync_now_job SET state = 'running', started_at = COALESCE(started_at, ?), run_id = ? WHERE id = ?""")) {
                    ps.setObject(1, utc(clock.instant()));
                    ps.setLong(2, run.runId());
                    ps.setLong(3, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT request, cursor_sku, cursor_loc, total FROM sync_now_job WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class)};
                    }
                }
            });
            request = JSON.readValue((String) row[0], Request.class);
            cursorSku = row[1] == null ? "" : (String) row[1];
            cursorLoc = row[2] == null ? "" : (String) row[2];
            total = (Long) row[3];
        } catch (java.io.IOException e) {
            finish(id, "failed", "the stored request cannot be read: " + e.getMessage());
            return;
        }
        boolean directly = true;
        CompletableFuture<Void> settling = CompletableFuture.completedFuture(null);
        try {
            if (total == null) {
                long counted = Tx.read(hub, c -> count(c, request));
                update(id, "UPDATE sync_now_job SET total = ? WHERE id = ?", counted);
                run.total((int) Math.min(Integer.MAX_VALUE, counted));
            }
            while (true) {
                String afterSku = cursorSku;
                String afterLoc = cursorLoc;
                List<HubStock.Level> page = Tx.read(hub, c -> request.skus() != null
                        ? StockLevelStore.skuPage(c, request.skus(), afterSku, pageSize)
                        : StockLevelStore.filterPage(c, request.filter(), afterSku, afterLoc, pageSize));
                if (page.isEmpty()) {
                    break;
                }
                boolean direct = directly && delivery != null && !pauses.isPaused(EntityType.INVENTORY);
                SyncNowDelivery.Outcome outcome = direct ? sendDirectly(page) : null;
                // the page before this one has been settling meanwhile; at most one page waits to be settled
                awaitSettled(settling);
                settling = CompletableFuture.runAsync(() -> settlePage(id, page, outcome, run), settler);
                cursorSku = page.get(page.size() - 1).sku();
                cursorLoc = page.get(page.size() - 1).location();
                if (outcome != null && outcome.failing()) {
                    directly = false;
                    run.note("the storefront failed during Sync Now job " + id + " (" + outcome.problem()
                            + "); the rest of the job goes through the change log and stock-push's retries");
                }
            }
            awaitSettled(settling);
            finish(id, "done", null);
        } catch (RuntimeException e) {
            // a page already sent but not settled is sent again from the last committed cursor (absolute levels)
            settling.exceptionally(ignored -> null).join();
            finish(id, "failed", e.getMessage());
            throw e;
        }
    }

    /** Waits for a page's settling; its failure (a database error) fails the job, as it would in line. */
    private static void awaitSettled(CompletableFuture<Void> settling) {
        try {
            settling.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * One page's transaction: its history or change-log rows, and the job's cursor after it. Runs on the settler
     * while the next page goes; a crash before it commits sends the page again (absolute levels, harmless).
     */
    private void settlePage(long id, List<HubStock.Level> page, SyncNowDelivery.Outcome outcome, RunCounters run) {
        HubStock.Level last = page.get(page.size() - 1);
        boolean logged = Tx.inTransaction(hub, c -> {
            boolean any = outcome == null ? logForStockPush(c, page) : settle(c, id, outcome, run.runId());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sync_now_job SET done = done + ?, cursor_sku = ?, cursor_loc = ? WHERE id = ?")) {
                ps.setInt(1, page.size());
                ps.setString(2, last.sku());
                ps.setString(3, last.location());
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            return any;
        });
        run.read(page.size());
        run.written(page.size());
        if (logged) {
            // pushing starts while the job still streams; triggers during a push collapse into one follow-up
            trigger.fire("stock-push", Trigger.EVENT);
        }
    }

    /** The fallback (inventory paused, or the storefront failing): a change-log row per level for stock-push. */
    private boolean logForStockPush(Connection c, List<HubStock.Level> page) throws SQLException {
        changeLog.appendAll(c, changes(page));
        enableAutoSync(c, page);
        return true;
    }

    /** Auto Sync is turned on (committed) before the page goes, so a change made while it is in flight is logged. */
    private SyncNowDelivery.Outcome sendDirectly(List<HubStock.Level> page) {
        Tx.inTransaction(hub, c -> {
            enableAutoSync(c, page);
            return null;
        });
        return delivery.send(page);
    }

    /**
     * After the storefront took (some of) a page: its history, and change-log rows for what could not go and for what
     * changed while the page was in flight, so stock-push sends the current value last. True when rows were logged.
     */
    private boolean settle(Connection c, long jobId, SyncNowDelivery.Outcome outcome, long runId) throws SQLException {
        delivery.history(c, outcome.sent(), jobId, runId);
        List<Change> again = new ArrayList<>(changes(outcome.handedOver()));
        again.addAll(delivery.changedSince(c, outcome.sent()));
        changeLog.appendAll(c, again);
        return !again.isEmpty();
    }

    private static List<Change> changes(List<HubStock.Level> levels) {
        List<Change> changes = new ArrayList<>(levels.size());
        for (HubStock.Level level : levels) {
            changes.add(Change.stock(level.sku(), level.location(), level.quantity(), SyncNowDelivery.ORIGIN));
        }
        return changes;
    }

    /** A Sync Now turns Auto Sync on for its SKUs (as in the seed). */
    private void enableAutoSync(Connection c, List<HubStock.Level> page) throws SQLException {
        Set<String> skus = new LinkedHashSet<>();
        for (HubStock.Level level : page) {
            skus.add(level.sku());
        }
        AutoSyncStore.set(c, skus, true, clock.instant());
    }

    private long count(Connection c, Request request) throws SQLException {
        return request.skus() != null ? StockLevelStore.countLevels(c, request.skus()) : StockLevelStore.countLevels(c, request.filter());
    }

    private void finish(long id, String state, String message) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sync_now_job SET state = ?, message = ?, ended_at = ? WHERE id = ?")) {
                ps.setString(1, state);
                ps.setString(2, ChangeLog.truncate(message));
                ps.setObject(3, utc(clock.instant()));
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    private void update(long id, String sql, long value) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, value);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }
}
