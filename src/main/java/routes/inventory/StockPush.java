package routes.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.changelog.PushObserver;
import routes.platform.Tx;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "stock-push": inventory changes from the change log to the storefront as absolute levels. Rows for one SKU
 * and location are coalesced and the hub's current quantity is sent, so a push can never carry a value older than
 * one already sent. A batch a bad item breaks is split until the good items go; the bad one is parked.
 */
public class StockPush {

    /** One coalesced item ready to send, with the change-log rows it settles. */
    record Outgoing(ChangeLog.Claimed newest, List<ChangeLog.Claimed> superseded, Storefront.StockItem item) {
    }

    private final ChangeLog changeLog;
    private final DeadLetters deadLetters;
    private final Storefront storefront;
    private final DataSource hub;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;
    private final StockConsolidation consolidation;

    public StockPush(ChangeLog changeLog, DeadLetters deadLetters, Storefront storefront,
                     LocationMap locations, DataSource hub, Clock clock, int batchSize, int maxAttempts) {
        this.changeLog = changeLog;
        this.deadLetters = deadLetters;
        this.storefront = storefront;
        this.hub = hub;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.consolidation = new StockConsolidation(locations);
    }

    private volatile PushObserver observer = PushObserver.NONE;

    public void setObserver(PushObserver observer) {
        this.observer = observer;
    }

    public void push(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        while (true) {
            List<ChangeLog.Claimed> rows = changeLog.claim(EntityType.INVENTORY, batchSize);
            if (rows.isEmpty()) {
                return;
            }
            run.read(rows.size());
            List<Outgoing> outgoing = coalesce(taskId, rows, run);
            send(taskId, outgoing, run);
            if (StockConsolidation.byEntity(rows).size() < batchSize) {
                return;
            }
        }
    }

    /** What a push would send now if inventory were not paused: the preview behind GET /pauses/inventory/preview. */
    public record Preview(int batchSize, int heldRows, List<StockConsolidation.Item> items, int calls) {
    }

    /**
     * A dry run of the next push(es) over every waiting row, batch by batch as {@link #push} claims them (up to
     * batch-size entities each), through the same consolidation; nothing is claimed or written.
     */
    public Preview preview() {
        return Tx.read(hub, c -> {
            List<ChangeLog.Claimed> rows = changeLog.held(c, EntityType.INVENTORY);
            List<StockConsolidation.Item> items = new ArrayList<>();
            int calls = 0;
            List<ChangeLog.Claimed> batch = new ArrayList<>();
            int entities = 0;
            for (List<ChangeLog.Claimed> group : StockConsolidation.byEntity(rows).values()) {
                batch.addAll(group);
                if (++entities == batchSize) {
                    calls += previewBatch(c, batch, items);
                    batch.clear();
                    entities = 0;
                }
            }
            if (!batch.isEmpty()) {
                calls += previewBatch(c, batch, items);
            }
            return new Preview(batchSize, rows.size(), items, calls);
        });
    }

    private int previewBatch(Connection c, List<ChangeLog.Claimed> batch, List<StockConsolidation.Item> into)
            throws SQLException {
        batch.sort(java.util.Comparator.comparingLong(ChangeLog.Claimed::id));
        List<StockConsolidation.Item> planned = consolidation.plan(c, batch);
        into.addAll(planned);
        return planned.stream().anyMatch(i -> i.disposition() == StockConsolidation.Disposition.SEND) ? 1 : 0;
    }

    private List<Outgoing> coalesce(String taskId, List<ChangeLog.Claimed> rows, RunCounters run) {
        return Tx.inTransaction(hub, c -> {
            List<Outgoing> out = new ArrayList<>();
            List<StockConsolidation.Item> items = consolidation.plan(c, rows);
            // every row an item folds in is settled in one batch
            changeLog.finish(c, List.of(), items.stream().flatMap(i -> i.replaced().stream()).map(ChangeLog.Claimed::id).toList());
            for (StockConsolidation.Item item : items) {
                switch (item.disposition()) {
                    case SEND -> out.add(new Outgoing(item.newest(), item.replaced(), item.stockItem()));
                    case SKIP_AUTO_SYNC_OFF -> changeLog.skip(c, List.of(item.newest().id()), item.problem());
                    case PARK -> park(c, taskId, item.newest(), null, null, item.problem(), run);
                }
            }
            return out;
        });
    }

    private void send(String taskId, List<Outgoing> batch, RunCounters run) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            storefront.setAbsoluteStock(batch.stream().map(Outgoing::item).toList(), "SyncHub stock-push");
            int retried = storefront.retriesOfLastCall();
            Tx.inTransaction(hub, c -> {
                changeLog.finish(c, batch.stream().map(o -> o.newest().id()).toList(), List.of());
                history(c, batch, "ok", retried == 0 ? null : "retried " + retried + " time(s) before the storefront took it",
                        run.runId());
                return null;
            });
            run.written(batch.size());
            observer.pushed(EntityType.INVENTORY, batch.stream().map(o -> o.newest().createdAt()).toList());
        } catch (StorefrontException e) {
            if (e.retryable()) {
                giveBack(taskId, batch, e, run);
                throw e;
            }
            if (batch.size() > 1) {
                int half = batch.size() / 2;
                send(taskId, batch.subList(0, half), run);
                send(taskId, batch.subList(half, batch.size()), run);
                return;
            }
            Outgoing only = batch.get(0);
            Tx.inTransaction(hub, c -> {
                park(c, taskId, only.newest(), e.request(), e.response(), e.getMessage(), run);
                history(c, batch, "failed", e.getMessage(), run.runId());
                return null;
            });
        }
    }

    /** A retryable failure: the rows go back to wait for the next run; those out of attempts are parked. */
    private void giveBack(String taskId, List<Outgoing> batch, StorefrontException e, RunCounters run) {
        Tx.inTransaction(hub, c -> {
            List<ChangeLog.Claimed> rows = batch.stream().map(Outgoing::newest).toList();
            List<Long> dead = changeLog.fail(c, rows, e.getMessage(), maxAttempts);
            for (Outgoing o : batch) {
                boolean parked = dead.contains(o.newest().id());
                if (parked) {
                    deadLetters.park(c, taskId, o.newest(), e.request(), e.response(),
                            "gave up after " + maxAttempts + " attempts: " + e.getMessage());
                    run.failed(o.newest().entityKey(), "quantity", e.getMessage());
                }
            }
            history(c, batch, "retried", e.getMessage(), run.runId());
            return null;
        });
    }

    private void park(Connection c, String taskId, ChangeLog.Claimed row, String request, String response, String reason,
                      RunCounters run) throws SQLException {
        deadLetters.parkChange(c, changeLog, taskId, row, request, response, reason);
        run.failed(row.entityKey() + "@" + row.scope(), "quantity", reason);
    }

    private void history(Connection c, List<Outgoing> batch, String status, String message, long runId) throws SQLException {
        List<SyncHistoryStore.Row> rows = new ArrayList<>(batch.size());
        for (Outgoing o : batch) {
            rows.add(new SyncHistoryStore.Row(o.item().sku(), o.newest().scope(), o.item().quantity(), storefront.name(),
                    status, message, o.newest().id(), runId, clock.instant()));
        }
        SyncHistoryStore.insert(c, rows);
    }
}
