package routes.drift;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.hooks.StorefrontInventoryEventStore;
import routes.inventory.StockLevelStore;
import routes.inventory.LocationMap;
import routes.inventory.SyncHistoryStore;
import routes.inventory.SyncHistoryStore.Position;
import routes.inventory.SyncHistoryStore.Push;
import routes.platform.Tx;
import routes.storefront.Storefront;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "reconcile": reads the storefront's levels page by page, per configured location, compares each with the hub's
 * level and with what SyncHub last pushed, and writes the ones that differ to the drift report. One page is in memory
 * at a time and is committed before the next is read; once every location is read, rows this run did not see again
 * (resolved since) are dropped. Levels the hub does not hold are not SyncHub's to keep and are only counted.
 */
public class Reconcile {

    /** What one run found. */
    public record Outcome(long read, long drift, long notInHub, int resolved) {
    }

    /** What one page came to: levels that drift, and levels the hub holds none for. */
    private record PageCount(int drifted, int notInHub) {
    }

    private final Storefront storefront;
    private final DataSource hub;
    private final LocationMap locations;
    private final Clock clock;
    private final int pageSize;

    public Reconcile(Storefront storefront, DataSource hub, LocationMap locations, Clock clock, int pageSize) {
        this.storefront = storefront;
        this.hub = hub;
        this.locations = locations;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** The task's step: the run's note says what it found. */
    public String run(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        Outcome outcome = reconcile(run);
        String note = outcome.drift() + " of " + outcome.read() + " storefront levels differ from the hub"
                + (outcome.notInHub() > 0 ? "; " + outcome.notInHub() + " are levels the hub does not hold" : "")
                + "; " + outcome.resolved() + " drifted levels resolved since the last run";
        run.note(note);
        return note;
    }

    public Outcome reconcile(RunCounters run) {
        long read = 0;
        long drift = 0;
        long notInHub = 0;
        for (long locationId : locations.entries().values().stream().distinct().toList()) {
            String location = locations.code(locationId);
            for (int page = 1; ; page++) {
                Storefront.StoreLevelPage levels = storefront.inventoryLevels(locationId, page, pageSize);
                run.read(levels.levels().size());
                read += levels.levels().size();
                PageCount counted = Tx.inTransaction(hub, c -> compare(c, location, levels.levels(), run.runId()));
                drift += counted.drifted();
                notInHub += counted.notInHub();
                run.written(counted.drifted());
                if (levels.last()) {
                    break;
                }
            }
        }
        long runId = run.runId();
        int resolved = Tx.inTransaction(hub, c -> DriftStore.forgetNotSeenIn(c, runId));
        return new Outcome(read, drift, notInHub, resolved);
    }

    /** One page: its drift written, in the caller's transaction. */
    private PageCount compare(Connection c, String location, List<Storefront.StoreLevel> levels, long runId) throws SQLException {
        Instant now = clock.instant();
        List<String> skus = levels.stream().map(Storefront.StoreLevel::sku).toList();
        Map<String, Map<String, Integer>> hubLevels = StockLevelStore.levels(c, skus);
        Map<Position, Push> pushed = SyncHistoryStore.lastSent(c,
                skus.stream().map(sku -> new Position(sku, location)).toList());
        Map<Long, Instant> storeChanged = StorefrontInventoryEventStore.newestByVariant(c,
                levels.stream().map(Storefront.StoreLevel::variantId).filter(Objects::nonNull).toList());
        List<DriftStore.Found> found = new ArrayList<>();
        int notInHub = 0;
        for (Storefront.StoreLevel level : levels) {
            Integer hubQuantity = hubLevels.getOrDefault(level.sku(), Map.of()).get(location);
            if (hubQuantity == null) {
                notInHub++;
                continue;
            }
            Push last = pushed.get(new Position(level.sku(), location));
            Integer lastQuantity = last == null ? null : last.quantity();
            Optional<DriftKind> kind = DriftKind.of(hubQuantity, level.onHand(), lastQuantity);
            if (kind.isPresent()) {
                found.add(new DriftStore.Found(level.sku(), location, level.locationId(), level.variantId(), kind.get(),
                        hubQuantity, level.onHand(), lastQuantity, last == null ? null : last.at(),
                        level.variantId() == null ? null : storeChanged.get(level.variantId())));
            }
        }
        DriftStore.upsert(c, found, runId, now);
        return new PageCount(found.size(), notInHub);
    }
}
