package routes.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import routes.inventory.StockDelivery.Outgoing;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;

/**
 * After a stock write whose outcome is unknown (sent, answer timed out): reads the storefront's levels of those SKUs
 * back and splits the items into those already at the value sent (they settle as sent) and the rest (retried as any
 * retryable failure). A read-back that fails itself confirms nothing.
 */
final class StockReadBack {

    /** Items the storefront holds at the intended value, and items it does not (or could not say). */
    record Split(List<Outgoing> applied, List<Outgoing> notApplied) {
    }

    private final Storefront storefront;

    StockReadBack(Storefront storefront) {
        this.storefront = storefront;
    }

    Split check(List<Outgoing> items) {
        List<Storefront.StockItem> levels;
        try {
            levels = storefront.stockLevels(items.stream().map(o -> o.item().sku()).distinct().toList());
        } catch (StorefrontException e) {
            return new Split(List.of(), List.copyOf(items));
        }
        return split(items, levels);
    }

    /** Pure: which items the levels read back show at the intended quantity (same SKU and location). */
    static Split split(List<Outgoing> items, List<Storefront.StockItem> levels) {
        Map<String, Integer> held = new HashMap<>();
        for (Storefront.StockItem level : levels) {
            held.put(key(level), level.quantity());
        }
        List<Outgoing> applied = new ArrayList<>();
        List<Outgoing> notApplied = new ArrayList<>();
        for (Outgoing o : items) {
            Integer now = held.get(key(o.item()));
            (now != null && now == o.item().quantity() ? applied : notApplied).add(o);
        }
        return new Split(List.copyOf(applied), List.copyOf(notApplied));
    }

    private static String key(Storefront.StockItem item) {
        return item.sku() + "@" + item.locationId();
    }
}
