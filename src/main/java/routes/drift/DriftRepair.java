package routes.drift;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.inventory.StockLevelStore;
import routes.platform.Tx;

/**
 * Repairs drift the way every stock change reaches the storefront: the hub's current level of each drifted row goes
 * into the change log (origin {@value #ORIGIN}), so stock-push sends it, and a pause, consolidation, Auto Sync and
 * the sync history apply as to any change. A row a repair queued is marked, so a second repair sends nothing for it
 * until a reconcile finds it drifted again after that push. Rows are read and queued a page at a time.
 */
public class DriftRepair {

    public static final String ORIGIN = "drift-repair";

    /** One level a repair sends: the hub's level now, where the storefront holds {@code store}. */
    public record Update(String sku, String location, long locationId, int store, int quantity, DriftKind kind) {
    }

    /** What a repair (or its dry run) comes to: every update counted, the first {@code shown} listed. */
    public record Plan(long updates, List<Update> items) {
    }

    private final DataSource hub;
    private final ChangeLog changeLog;
    private final Clock clock;
    private final int pageSize;

    public DriftRepair(DataSource hub, ChangeLog changeLog, Clock clock, int pageSize) {
        this.hub = hub;
        this.changeLog = changeLog;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** The dry run: what {@link #repair} would queue now, nothing written. */
    public Plan preview(int shown) {
        return walk(shown, false);
    }

    /** Queues the hub's level of every drifted row not yet repaired in the change log; marks the rows. */
    public Plan repair(int shown) {
        return walk(shown, true);
    }

    private Plan walk(int shown, boolean write) {
        List<Update> listed = new ArrayList<>();
        long updates = 0;
        String sku = "";
        String location = "";
        while (true) {
            String fromSku = sku;
            String fromLocation = location;
            PageResult page = write
                    ? Tx.inTransaction(hub, c -> page(c, fromSku, fromLocation, true))
                    : Tx.read(hub, c -> page(c, fromSku, fromLocation, false));
            updates += page.updates().size();
            for (Update u : page.updates()) {
                if (listed.size() < shown) {
                    listed.add(u);
                }
            }
            if (page.lastSku() == null) {
                return new Plan(updates, List.copyOf(listed));
            }
            sku = page.lastSku();
            location = page.lastLocation();
        }
    }

    private record PageResult(List<Update> updates, String lastSku, String lastLocation) {
    }

    private PageResult page(Connection c, String afterSku, String afterLocation, boolean write) throws SQLException {
        List<DriftStore.Item> rows = DriftStore.unrepairedAfter(c, afterSku, afterLocation, pageSize);
        if (rows.isEmpty()) {
            return new PageResult(List.of(), null, null);
        }
        Map<String, Map<String, Integer>> now = StockLevelStore.levels(c, rows.stream().map(DriftStore.Item::sku).toList());
        List<Update> updates = new ArrayList<>();
        List<DriftStore.Item> marked = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (DriftStore.Item row : rows) {
            Integer quantity = now.getOrDefault(row.sku(), Map.of()).get(row.location());
            if (quantity == null) {
                continue; // the hub no longer holds the level: nothing of SyncHub's to send
            }
            updates.add(new Update(row.sku(), row.location(), row.locationId(), row.store(), quantity, row.kind()));
            marked.add(row);
            quantities.add(quantity);
            changes.add(Change.stock(row.sku(), row.location(), quantity, ORIGIN));
        }
        if (write) {
            Instant at = clock.instant();
            changeLog.appendAll(c, changes);
            DriftStore.markRepaired(c, marked, quantities, at);
        }
        DriftStore.Item last = rows.get(rows.size() - 1);
        return rows.size() < pageSize ? new PageResult(updates, null, null) : new PageResult(updates, last.sku(), last.location());
    }
}
