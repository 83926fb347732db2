package routes.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.changelog.EntityType;
import routes.changelog.PushObserver;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;

/**
 * Sends a page of Sync Now levels straight to the storefront, in batches of the stock batch size, instead of writing
 * a change-log row per level for stock-push to claim, settle and send one by one. The change log stays the safety
 * net: whatever this cannot send (a location without a storefront id, a batch the storefront refused, a storefront
 * that is failing) is handed to it, and so is every level that changed while its page was in flight, so stock-push
 * sends the current value last. A page is only committed (history, cursor) after the storefront took it; a crash in
 * between sends the page again, which is harmless for absolute levels.
 */
public class SyncNowDelivery {

    /** What happened to one page: what went, what the change log must take, and whether the storefront is failing. */
    public record Outcome(List<HubStock.Level> sent, List<HubStock.Level> handedOver, String problem, boolean failing) {
    }

    /** The origin of the change rows Sync Now writes. */
    public static final String ORIGIN = "sync-now";

    private final Storefront storefront;
    private final LocationMap locations;
    private final Clock clock;
    private final int batchSize;
    private volatile PushObserver observer = PushObserver.NONE;

    public SyncNowDelivery(Storefront storefront, LocationMap locations, Clock clock, int batchSize) {
        this.storefront = storefront;
        this.locations = locations;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    public void setObserver(PushObserver observer) {
        this.observer = observer;
    }

    /**
     * Sends the page batch by batch. A location without a storefront id is handed over (stock-push parks it with the
     * reason); the first batch the storefront refuses, and everything after it in the page, is handed over too.
     */
    public Outcome send(List<HubStock.Level> page) {
        List<HubStock.Level> sent = new ArrayList<>(page.size());
        List<HubStock.Level> handedOver = new ArrayList<>();
        List<HubStock.Level> batch = new ArrayList<>(batchSize);
        List<Storefront.StockItem> items = new ArrayList<>(batchSize);
        for (int i = 0; i < page.size(); i++) {
            HubStock.Level level = page.get(i);
            OptionalLong locationId = locations.storefrontId(level.location());
            if (locationId.isEmpty()) {
                handedOver.add(level);
            } else {
                batch.add(level);
                items.add(new Storefront.StockItem(locationId.getAsLong(), level.sku(), level.quantity()));
            }
            if (batch.size() == batchSize || (i == page.size() - 1 && !batch.isEmpty())) {
                try {
                    storefront.setAbsoluteStock(items, "SyncHub sync-now");
                } catch (StorefrontException e) {
                    handedOver.addAll(batch);
                    handedOver.addAll(page.subList(i + 1, page.size()));
                    return new Outcome(sent, handedOver, e.getMessage(), e.retryable());
                }
                sent.addAll(batch);
                observer.synced(EntityType.INVENTORY, batch.size());
                batch.clear();
                items = new ArrayList<>(batchSize);
            }
        }
        return new Outcome(sent, handedOver, null, false);
    }

    /**
     * Change rows for the levels among {@code sent} that the hub no longer holds at the value sent (changed or deleted
     * while the page was in flight): a change that stock-push sent before this page arrived would otherwise be
     * overwritten by it. Read after the storefront took the page, so any change not seen here commits later and is
     * pushed later anyway.
     */
    public List<Change> changedSince(Connection c, List<HubStock.Level> sent) throws SQLException {
        List<Change> changed = new ArrayList<>();
        if (sent.isEmpty()) {
            return changed;
        }
        Map<String, Integer> now = sortedRange(c, sent);
        for (HubStock.Level level : sent) {
            Integer current = now != null
                    ? now.get(ChangeLog.entity(level.sku(), level.location()))
                    : StockLevelStore.quantity(c, level.sku(), level.location());
            if (current == null) {
                changed.add(Change.stockDeleted(level.sku(), level.location(), ORIGIN));
            } else if (current != level.quantity()) {
                changed.add(Change.stock(level.sku(), level.location(), current, ORIGIN));
            }
        }
        return changed;
    }

    // a page in (sku, location) order whose SKUs are dense enough is re-read as one primary-key range; a sparse page
    // (an explicit SKU list across a big catalogue) is read level by level instead (null)
    private static Map<String, Integer> sortedRange(Connection c, List<HubStock.Level> sent) throws SQLException {
        String first = sent.get(0).sku();
        String last = sent.get(sent.size() - 1).sku();
        if (first.compareTo(last) > 0) {
            return null;
        }
        return StockLevelStore.levelsBetween(c, first, last, sent.size() * 4 + 16);
    }

    /** One history row per level the storefront took, in the page's transaction. */
    public void history(Connection c, List<HubStock.Level> sent, long jobId, long runId) throws SQLException {
        String message = "Sync Now job " + jobId;
        Instant at = clock.instant();
        List<SyncHistoryStore.Row> rows = new ArrayList<>(sent.size());
        for (HubStock.Level level : sent) {
            rows.add(new SyncHistoryStore.Row(level.sku(), level.location(), level.quantity(), storefront.name(), "ok",
                    message, null, runId, at));
        }
        SyncHistoryStore.insert(c, rows);
    }
}
