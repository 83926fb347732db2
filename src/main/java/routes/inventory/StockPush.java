package routes.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.changelog.PushObserver;
import routes.inventory.StockDelivery.Outgoing;
import routes.platform.Tx;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "stock-push": inventory changes from the change log to the storefront as absolute levels. Rows for one SKU
 * and location are coalesced and the hub's current quantity is sent, so a push can never carry a value older than
 * one already sent. A batch a bad item breaks is split until the good items go; the bad one is parked. The steps
 * (claim, consolidate, send, settle) are the ones route stock-push-batches (routes/stock-push.xml) loops over;
 * {@link #push} runs the same steps in Java, for callers outside a route.
 */
public class StockPush {

    /** One claim from the change log: its rows (id order), and whether it was a full batch (more may wait). */
    public record Batch(List<ChangeLog.Claimed> rows, boolean full) {

        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    private final ChangeLog changeLog;
    private final DeadLetters deadLetters;
    private final Storefront storefront;
    private final DataSource hub;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;
    private final StockConsolidation consolidation;
    private final StockReadBack readBack;

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
        this.readBack = new StockReadBack(storefront);
    }

    private volatile PushObserver observer = PushObserver.NONE;

    public void setObserver(PushObserver observer) {
        this.observer = observer;
    }

    /** Step claim: up to batch-size entities' rows, claimed (leased to this node) in their own transaction. */
    public Batch claim(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        List<ChangeLog.Claimed> rows = changeLog.claim(EntityType.INVENTORY, batchSize);
        run.read(rows.size());
        return new Batch(rows, StockConsolidation.byEntity(rows).size() >= batchSize);
    }

    /**
     * Step consolidate: one item per SKU and location carrying the hub's current level. In one transaction, the rows
     * an item folds in are settled, items Auto Sync keeps back are skipped and items that cannot go are parked.
     */
    public List<Outgoing> consolidate(@Body Batch batch, @ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                                      @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        return Tx.inTransaction(hub, c -> {
            List<Outgoing> out = new ArrayList<>();
            List<StockConsolidation.Item> items = consolidation.plan(c, batch.rows());
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

    /**
     * Step send: the items to the storefront in one call; a call the storefront rejects is bisected until the good
     * items go and each bad one stands alone. A call whose answer timed out after sending (outcome unknown) is read
     * back: items the storefront holds at the value sent count as sent, the rest are given back like any retryable
     * failure. Writes nothing: what each call came to is the delivery settle writes.
     */
    public StockDelivery send(@Body List<Outgoing> items) {
        List<StockDelivery.Call> calls = new ArrayList<>();
        call(items, calls);
        return new StockDelivery(calls);
    }

    /** Sends {@code items}, bisecting on a rejection; false once a retryable failure ends the delivery. */
    private boolean call(List<Outgoing> items, List<StockDelivery.Call> calls) {
        if (items.isEmpty()) {
            return true;
        }
        try {
            storefront.setAbsoluteStock(items.stream().map(Outgoing::item).toList(), "SyncHub stock-push");
            calls.add(new StockDelivery.Sent(List.copyOf(items), storefront.retriesOfLastCall()));
            return true;
        } catch (StorefrontException e) {
            if (e.outcomeUnknown()) {
                // sent, never answered: what the storefront holds now decides, not a blind re-send
                StockReadBack.Split split = readBack.check(items);
                if (!split.applied().isEmpty()) {
                    calls.add(new StockDelivery.ReadBack(split.applied(), e));
                }
                if (split.notApplied().isEmpty()) {
                    return true;
                }
                calls.add(new StockDelivery.GivenBack(split.notApplied(), e));
                return false;
            }
            if (e.retryable()) {
                // the items not tried yet stay claimed: their lease runs out and a later run takes them again
                calls.add(new StockDelivery.GivenBack(List.copyOf(items), e));
                return false;
            }
            if (items.size() == 1) {
                calls.add(new StockDelivery.Rejected(items.get(0), e));
                return true;
            }
            int half = items.size() / 2;
            return call(items.subList(0, half), calls) && call(items.subList(half, items.size()), calls);
        }
    }

    /**
     * Step settle: each call's outcome in its own transaction, in call order: sent rows done, a rejected item parked,
     * a retryable failure's rows given back (parked once out of attempts), each with its sync history. A retryable
     * failure then fails the run, so the next trigger retries: a failed push is retried or parked, never dropped.
     */
    public StockDelivery settle(@Body StockDelivery delivery, @ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                                @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        for (StockDelivery.Call call : delivery.calls()) {
            if (call instanceof StockDelivery.Sent sent) {
                settleSent(sent.items(), sent.retried() == 0 ? null
                        : "retried " + sent.retried() + " time(s) before the storefront took it", run);
            } else if (call instanceof StockDelivery.ReadBack readBack) {
                settleSent(readBack.items(), readBack.unanswered().getMessage()
                        + "; read back: the storefront holds the value sent", run);
            } else if (call instanceof StockDelivery.Rejected rejected) {
                Tx.inTransaction(hub, c -> {
                    StorefrontException e = rejected.error();
                    park(c, taskId, rejected.item().newest(), e.request(), e.response(), e.getMessage(), run);
                    history(c, List.of(rejected.item()), "failed", e.getMessage(), run.runId());
                    return null;
                });
            } else if (call instanceof StockDelivery.GivenBack back) {
                giveBack(taskId, back.items(), back.error(), run);
            }
        }
        delivery.retryable().ifPresent(e -> {
            throw e;
        });
        return delivery;
    }

    private void settleSent(List<Outgoing> batch, String message, RunCounters run) {
        Tx.inTransaction(hub, c -> {
            changeLog.finish(c, batch.stream().map(o -> o.newest().id()).toList(), List.of());
            history(c, batch, "ok", message, run.runId());
            return null;
        });
        run.written(batch.size());
        observer.pushed(EntityType.INVENTORY, batch.stream().map(o -> o.newest().createdAt()).toList());
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
