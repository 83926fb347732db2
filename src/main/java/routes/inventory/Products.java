package routes.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import routes.catalog.CatalogItemStore;
import routes.catalog.CatalogItemStore.Named;
import routes.platform.Tx;

/**
 * The hub's products as the admin API shows and changes them: the product list with levels, Auto Sync flag and last
 * push, a SKU's sync history, its Auto Sync switch and manual stock adjustments. Each call is one transaction.
 */
public class Products {

    /** One SKU of the product list. {@code autoSync} is null for a SKU that has no flag yet. */
    public record Product(String sku, String name, Boolean autoSync, Map<String, Integer> quantities,
                          SyncHistoryStore.Push lastPush) {
    }

    private final CatalogItemStore items = new CatalogItemStore();
    private final DataSource hub;
    private final HubStock hubStock;

    public Products(DataSource hub, HubStock hubStock) {
        this.hub = hub;
        this.hubStock = hubStock;
    }

    /** A page of the product list: four reads whatever its size (SKUs, flags, levels, last pushes). */
    public List<Product> page(String like, long skip, int max) {
        return Tx.read(hub, c -> {
            List<Named> page = items.page(c, like, skip, max);
            List<String> skus = page.stream().map(Named::sku).toList();
            Map<String, Boolean> flags = AutoSyncStore.flags(c, skus);
            Map<String, Map<String, Integer>> levels = StockLevelStore.levels(c, skus);
            Map<String, SyncHistoryStore.Push> last = SyncHistoryStore.lastBySku(c, skus);
            List<Product> out = new ArrayList<>(page.size());
            for (Named p : page) {
                out.add(new Product(p.sku(), p.name(), flags.get(p.sku()), levels.getOrDefault(p.sku(), Map.of()),
                        last.get(p.sku())));
            }
            return out;
        });
    }

    /** The newest {@code max} history rows of a SKU, newest first; an unknown SKU is refused. */
    public List<SyncHistoryStore.Push> history(String sku, int max) {
        return Tx.read(hub, c -> {
            List<SyncHistoryStore.Push> out = SyncHistoryStore.newest(c, sku, max);
            if (out.isEmpty() && !hubStock.isKnown(c, sku)) {
                throw new HubStock.UnknownSku(sku);
            }
            return out;
        });
    }

    /** Sets a known SKU's Auto Sync flag; an unknown SKU is refused. */
    public void setAutoSync(String sku, boolean enabled) {
        Tx.inTransaction(hub, c -> {
            hubStock.setAutoSync(c, sku, enabled);
            return null;
        });
    }

    /** Up to {@code max} of {@code skus} the hub does not know, in their order. */
    public List<String> unknown(Collection<String> skus, int max) {
        return Tx.read(hub, c -> {
            List<String> missing = new ArrayList<>();
            for (String sku : skus) {
                if (!hubStock.isKnown(c, sku) && missing.size() < max) {
                    missing.add(sku);
                }
            }
            return missing;
        });
    }

    /** Attempts of one manual adjustment that lost a race on a first row (its level's or its SKU's Auto Sync flag). */
    static final int ADJUST_ATTEMPTS = 3;

    /**
     * A manual adjustment with its change-log and audit rows, in one transaction (see {@link HubStock#adjust}). One
     * that lost the race for a first row is rolled back and run again (the row is there then, and locked), so
     * concurrent adjustments are each applied once; {@link HubStock.ConcurrentWrite} when it lost every attempt.
     */
    public HubStock.Adjustment adjust(String sku, String location, HubStock.Mode mode, int quantity, String reason) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Tx.inTransaction(hub, c -> hubStock.adjust(c, sku, location, mode, quantity, reason));
            } catch (HubStock.ConcurrentWrite e) {
                if (attempt == ADJUST_ATTEMPTS) {
                    throw e;
                }
            } catch (Tx.HubDataException e) {
                if (!FirstRowRace.lost(e.getCause())) {
                    throw e;
                }
                if (attempt == ADJUST_ATTEMPTS) {
                    throw new HubStock.ConcurrentWrite(sku, location);
                }
            }
        }
    }
}
