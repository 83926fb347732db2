package routes.inventory;

import java.sql.Connection;
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
import routes.platform.Tx;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;
import routes.task.TaskTrigger;
import routes.task.Trigger;

/**
 * Sync Now: writes a change-log row (origin {@code sync-now}) for every stock level a request matches and turns
 * Auto Sync on for those SKUs (a Sync Now enables Auto Sync), then lets stock-push send them. Jobs live in
 * {@code sync_now_job} ({@link SyncNowJobStore}); the matching levels are streamed from the hub in keyset pages,
 * never all in memory, with no cap on their number, and the job's cursor is committed with each page so a restart
 * continues where it stopped.
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
        return Tx.inTransaction(hub, c -> SyncNowJobStore.insertQueued(c, json, clock.instant()));
    }

    public Optional<Job> job(long id) {
        SyncNowJobStore.Row row = Tx.read(hub, c -> SyncNowJobStore.find(c, id));
        if (row == null) {
            return Optional.empty();
        }
        Double rate = null;
        Long eta = null;
        if (row.startedAt() != null) {
            Instant until = row.endedAt() == null ? clock.instant() : row.endedAt().toInstant();
            double seconds = Math.max(0.001, Duration.between(row.startedAt().toInstant(), until).toMillis() / 1000.0);
            rate = Math.round(row.done() / seconds * 10) / 10.0;
            if (row.total() != null && rate > 0) {
                eta = row.endedAt() != null ? 0L : (long) Math.ceil((row.total() - row.done()) / rate);
            }
        }
        JsonNode request;
        try {
            request = JSON.readTree(row.request());
        } catch (java.io.IOException e) {
            request = null;
        }
        return Optional.of(new Job(row.id(), row.state(), row.total(), row.done(), rate, eta, iso(row.createdAt()),
                iso(row.startedAt()), iso(row.endedAt()), row.message(), row.runId(), request));
    }

    private static String iso(OffsetDateTime at) {
        return at == null ? null : at.toInstant().toString();
    }

    /** Task "sync-now": runs every unfinished job, oldest first (a job a restart interrupted continues from its cursor). */
    public void runQueued(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        Long id;
        while ((id = nextJob()) != null) {
            run(id, run);
        }
    }

    private Long nextJob() {
        return Tx.read(hub, SyncNowJobStore::nextUnfinished);
    }

    private void run(long id, RunCounters run) {
        Request request;
        String cursorSku;
        String cursorLoc;
        Long total;
        try {
            SyncNowJobStore.Cursor cursor = Tx.inTransaction(hub,
                    c -> SyncNowJobStore.start(c, id, run.runId(), clock.instant()));
            request = JSON.readValue(cursor.request(), Request.class);
            cursorSku = cursor.sku() == null ? "" : cursor.sku();
            cursorLoc = cursor.location() == null ? "" : cursor.location();
            total = cursor.total();
        } catch (java.io.IOException e) {
            finish(id, "failed", "the stored request cannot be read: " + e.getMessage());
            return;
        }
        boolean directly = true;
        CompletableFuture<Void> settling = CompletableFuture.completedFuture(null);
        try {
            if (total == null) {
                long counted = Tx.read(hub, c -> count(c, request));
                Tx.inTransaction(hub, c -> {
                    SyncNowJobStore.setTotal(c, id, counted);
                    return null;
                });
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
            SyncNowJobStore.advance(c, id, page.size(), last.sku(), last.location());
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
            SyncNowJobStore.finish(c, id, state, message, clock.instant());
            return null;
        });
    }
}
