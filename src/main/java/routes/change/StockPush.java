package routes.change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.hub.Tx;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

import static routes.hub.Times.utc;

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
    private final HubStock hubStock;
    private final DeadLetters deadLetters;
    private final Storefront storefront;
    private final LocationMap locations;
    private final DataSource hub;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;

    public StockPush(ChangeLog changeLog, HubStock hubStock, DeadLetters deadLetters, Storefront storefront,
                     LocationMap locations, DataSource hub, Clock clock, int batchSize, int maxAttempts) {
        this.changeLog = changeLog;
        this.hubStock = hubStock;
        this.deadLetters = deadLetters;
        this.storefront = storefront;
        this.locations = locations;
        this.hub = hub;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
    }

    public void push(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        while (true) {
            List<ChangeLog.Claimed> rows = changeLog.claim(EntityTypes.INVENTORY, batchSize);
            if (rows.isEmpty()) {
                return;
            }
            run.read(rows.size());
            List<Outgoing> outgoing = coalesce(taskId, rows, run);
            send(taskId, outgoing, run);
            if (rows.size() < batchSize) {
                return;
            }
        }
    }

    private List<Outgoing> coalesce(String taskId, List<ChangeLog.Claimed> rows, RunCounters run) {
        Map<String, List<ChangeLog.Claimed>> byEntity = new LinkedHashMap<>();
        for (ChangeLog.Claimed row : rows) {
            byEntity.computeIfAbsent(row.entityKey() + '\u0000' + row.scope(), k -> new ArrayList<>()).add(row);
        }
        return Tx.inTransaction(hub, c -> {
            List<Outgoing> out = new ArrayList<>();
            for (List<ChangeLog.Claimed> group : byEntity.values()) {
                ChangeLog.Claimed newest = group.get(group.size() - 1);
                List<ChangeLog.Claimed> older = group.subList(0, group.size() - 1);
                changeLog.finish(c, List.of(), older.stream().map(ChangeLog.Claimed::id).toList());
                OptionalLong locationId = locations.storefrontId(newest.scope());
                Integer quantity = hubStock.quantity(c, newest.entityKey(), newest.scope());
                String problem = locationId.isEmpty()
                        ? "location '" + newest.scope() + "' has no storefront location id: add it to synchub.storefront.locations"
                        : quantity == null ? "the hub has no stock level for " + newest.entityKey() + " at " + newest.scope() : null;
                if (problem != null) {
                    park(c, taskId, newest, null, null, problem, run);
                    continue;
                }
                out.add(new Outgoing(newest, List.copyOf(older),
                        new Storefront.StockItem(locationId.getAsLong(), newest.entityKey(), quantity)));
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
        changeLog.fail(c, List.of(row), reason, 0);
        deadLetters.park(c, taskId, row, request, response, reason);
        run.failed(row.entityKey() + "@" + row.scope(), "quantity", reason);
    }

    private void history(Connection c, List<Outgoing> batch, String status, String message, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sync_history (sku, entity_type, location, quantity, storefront, status, message, change_id, run_id, pushed_at)
                VALUES (?, 'inventory', ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Outgoing o : batch) {
                ps.setString(1, o.item().sku());
                ps.setString(2, o.newest().scope());
                ps.setInt(3, o.item().quantity());
                ps.setString(4, storefront.name());
                ps.setString(5, status);
                ps.setString(6, ChangeLog.truncate(message));
                ps.setLong(7, o.newest().id());
                ps.setLong(8, runId);
                ps.setObject(9, utc(clock.instant()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
