package routes.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.storefront.Storefront;

/**
 * How stock changes are consolidated before they go: rows are grouped by SKU and location, the newest row decides
 * whether it is an update or a delete, and an update sends the hub's CURRENT quantity (a delete sends 0: the hub
 * holds no stock there any more). Read-only, so {@link StockPush} (which then settles the rows) and the pause
 * preview (which only shows the result) run the very same code.
 */
public class StockConsolidation {

    /** What happens to one entity's rows. */
    public enum Disposition { SEND, SKIP_AUTO_SYNC_OFF, PARK }

    /** One SKU and location: the rows it stands for, and what would be sent. */
    public record Item(String sku, String location, Change.Operation operation, ChangeLog.Claimed newest,
                       List<ChangeLog.Claimed> replaced, Disposition disposition, Storefront.StockItem stockItem,
                       String problem) {

        /** Every row this item settles: the newest plus the ones it replaces. */
        public int rows() {
            return replaced.size() + 1;
        }
    }

    private final LocationMap locations;

    public StockConsolidation(LocationMap locations) {
        this.locations = locations;
    }

    /** Rows grouped by entity (SKU and location), in the order each entity's first row appears. */
    public static Map<String, List<ChangeLog.Claimed>> byEntity(List<ChangeLog.Claimed> rows) {
        Map<String, List<ChangeLog.Claimed>> groups = new LinkedHashMap<>();
        for (ChangeLog.Claimed row : rows) {
            groups.computeIfAbsent(ChangeLog.entity(row.entityKey(), row.scope()), k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    /** The consolidated items for one batch of rows (id order), reading the hub's current state. */
    public List<Item> plan(Connection c, List<ChangeLog.Claimed> rows) throws SQLException {
        List<Item> items = new ArrayList<>();
        Map<String, List<ChangeLog.Claimed>> groups = byEntity(rows);
        Set<String> skus = new HashSet<>();
        for (ChangeLog.Claimed row : rows) {
            skus.add(row.entityKey());
        }
        // the batch's Auto Sync flags and current levels in two reads (not two per entity)
        Set<String> autoSyncOff = AutoSyncStore.switchedOff(c, skus);
        Map<String, Integer> levels = StockLevelStore.levelsByEntity(c, skus);
        for (List<ChangeLog.Claimed> group : groups.values()) {
            ChangeLog.Claimed newest = group.get(group.size() - 1);
            List<ChangeLog.Claimed> older = List.copyOf(group.subList(0, group.size() - 1));
            String sku = newest.entityKey();
            String location = newest.scope();
            OptionalLong locationId = locations.storefrontId(location);
            if (locationId.isEmpty()) {
                items.add(new Item(sku, location, newest.operation(), newest, older, Disposition.PARK, null,
                        "location '" + location + "' has no storefront location id: add it to synchub.storefront.locations"));
                continue;
            }
            if (newest.operation() == Change.Operation.DELETE) {
                // deletes always go, paused or not, Auto Sync or not
                items.add(new Item(sku, location, Change.Operation.DELETE, newest, older, Disposition.SEND,
                        new Storefront.StockItem(locationId.getAsLong(), sku, 0), null));
                continue;
            }
            if (autoSyncOff.contains(sku)) {
                items.add(new Item(sku, location, Change.Operation.UPSERT, newest, older, Disposition.SKIP_AUTO_SYNC_OFF,
                        null, "Auto Sync is off for " + sku));
                continue;
            }
            Integer quantity = levels.get(ChangeLog.entity(sku, location));
            if (quantity == null) {
                items.add(new Item(sku, location, Change.Operation.UPSERT, newest, older, Disposition.PARK, null,
                        "the hub has no stock level for " + sku + " at " + location));
                continue;
            }
            items.add(new Item(sku, location, Change.Operation.UPSERT, newest, older, Disposition.SEND,
                    new Storefront.StockItem(locationId.getAsLong(), sku, quantity), null));
        }
        return items;
    }
}
