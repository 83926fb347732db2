package routes.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.catalog.CatalogItemStore;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.task.RunCounters;

/**
 * The hub's stock levels. Every quantity that really changes is written together with its change-log row (when the
 * SKU has Auto Sync on), in the caller's transaction: the outbox rule. The SQL is the stores': levels in
 * {@link StockLevelStore}, flags in {@link AutoSyncStore}, the audit trail in {@link StockAdjustmentStore}, items in
 * {@link CatalogItemStore}.
 */
public class HubStock {

    /** A stock level as some source sees it now. */
    public record Level(String sku, String location, int quantity) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HubStock.class);

    /** How a manual adjustment reads its quantity. */
    public enum Mode { ABSOLUTE, RELATIVE }

    /** What a manual adjustment did. */
    public record Adjustment(String sku, String location, String mode, int quantity, Integer before, int after,
                             boolean changed, String reason) {
    }

    /** The SKU has neither an item row nor a stock level. */
    public static final class UnknownSku extends RuntimeException {
        public UnknownSku(String sku) {
            super("no SKU '" + sku + "' in the hub (it has no item and no stock level); GET /api/v1/products lists them");
        }
    }

    /** Input the hub refuses, naming the field at fault. */
    public static final class InvalidInput extends RuntimeException {
        private final String field;

        public InvalidInput(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Another transaction wrote the level (its first row) or the SKU's Auto Sync flag between this one's read and
     * write: nothing of this adjustment was kept, and running it again sees the other's row.
     */
    public static final class ConcurrentWrite extends RuntimeException {
        public ConcurrentWrite(String sku, String location) {
            super("another adjustment of " + sku + " at " + location + " was being written at the same time; send it again");
        }
    }

    private final CatalogItemStore items = new CatalogItemStore();
    private final ChangeLog changeLog;
    private final AutoSyncRules rules;
    private final Clock clock;

    public HubStock(ChangeLog changeLog, AutoSyncRules rules, Clock clock) {
        this.changeLog = changeLog;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Sets absolute levels; levels equal to what the hub has are ignored.
     *
     * @return the levels that changed (in input order)
     */
    public List<Level> setLevels(Connection c, List<Level> levels, AutoSyncRules.CreatedBy origin) throws SQLException {
        Instant now = clock.instant();
        List<Level> changed = new ArrayList<>();
        int[] updated = StockLevelStore.updateChanged(c, levels, now);
        List<Level> maybeNew = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            if (updated[i] > 0) {
                changed.add(levels.get(i));
            } else {
                maybeNew.add(levels.get(i));
            }
        }
        if (!maybeNew.isEmpty()) {
            int[] inserted = StockLevelStore.insertMissing(c, maybeNew, now);
            for (int i = 0; i < maybeNew.size(); i++) {
                if (inserted[i] > 0) {
                    changed.add(maybeNew.get(i));
                }
            }
        }
        logChanges(c, changed, origin, now);
        return changed;
    }

    /** The change-log rows of levels that changed, for the SKUs whose Auto Sync is on. */
    private void logChanges(Connection c, List<Level> changed, AutoSyncRules.CreatedBy origin, Instant now)
            throws SQLException {
        Map<String, Boolean> autoSync = autoSync(c, changed.stream().map(Level::sku).toList(), origin, now);
        List<Change> changes = new ArrayList<>();
        for (Level level : changed) {
            if (autoSync.get(level.sku())) {
                changes.add(Change.stock(level.sku(), level.location(), level.quantity(), origin.key()));
            }
        }
        changeLog.appendAll(c, changes);
    }

    /**
     * The Auto Sync flags of {@code skus}: one read for all of them (a bound array, which H2 and PostgreSQL both look
     * up through the primary key); SKUs seen for the first time get the rule for how they were created, inserted in
     * one batch.
     */
    public Map<String, Boolean> autoSync(Connection c, Collection<String> skus, AutoSyncRules.CreatedBy origin,
                                         Instant now) throws SQLException {
        Map<String, Boolean> flags = new HashMap<>();
        if (skus.isEmpty()) {
            return flags;
        }
        Set<String> wanted = new LinkedHashSet<>(skus);
        flags.putAll(AutoSyncStore.flags(c, wanted));
        wanted.removeAll(flags.keySet());
        boolean enabled = rules.enabledFor(origin);
        AutoSyncStore.insert(c, wanted, enabled, now);
        for (String sku : wanted) {
            flags.put(sku, enabled);
        }
        return flags;
    }

    /** Sets a known SKU's Auto Sync flag; an unknown SKU is refused. */
    public void setAutoSync(Connection c, String sku, boolean enabled) throws SQLException {
        if (!isKnown(c, sku)) {
            throw new UnknownSku(sku);
        }
        AutoSyncStore.set(c, List.of(sku), enabled, clock.instant());
    }

    /** A SKU is known when it has an item row or any stock level. */
    public boolean isKnown(Connection c, String sku) throws SQLException {
        return items.isKnown(c, sku);
    }

    /**
     * A manual adjustment (origin {@code manual}): sets or shifts one level, writes its change-log row (Auto Sync
     * permitting) and the audit row, all in the caller's transaction. Refuses an unknown SKU and a negative result
     * before writing anything. A level without a row yet is inserted, never updated: when another transaction inserted
     * it first, this one throws {@link ConcurrentWrite} (roll back and run again; the row is then there and locked).
     */
    public Adjustment adjust(Connection c, String sku, String location, Mode mode, int quantity, String reason)
            throws SQLException {
        if (!isKnown(c, sku)) {
            throw new UnknownSku(sku);
        }
        Integer before = StockLevelStore.quantityForUpdate(c, sku, location);
        long result = mode == Mode.ABSOLUTE ? quantity : (long) (before == null ? 0 : before) + quantity;
        if (result < 0 || result > Integer.MAX_VALUE) {
            throw new InvalidInput("quantity", "the resulting quantity of " + sku + " at " + location + " would be "
                    + result + (mode == Mode.RELATIVE ? " (" + (before == null ? 0 : before) + " + " + quantity + ")" : "")
                    + "; a stock level cannot be negative");
        }
        int after = (int) result;
        Level level = new Level(sku, location, after);
        boolean changed;
        if (before == null) {
            // nothing to lock yet: the insert itself decides, and losing it means our "before" was wrong
            if (StockLevelStore.insertMissing(c, List.of(level), clock.instant())[0] == 0) {
                throw new ConcurrentWrite(sku, location);
            }
            logChanges(c, List.of(level), AutoSyncRules.CreatedBy.MANUAL, clock.instant());
            changed = true;
        } else {
            changed = !setLevels(c, List.of(level), AutoSyncRules.CreatedBy.MANUAL).isEmpty();
        }
        Adjustment adjustment = new Adjustment(sku, location, mode.name().toLowerCase(java.util.Locale.ROOT), quantity,
                before, after, changed, reason);
        StockAdjustmentStore.insert(c, adjustment, clock.instant());
        return adjustment;
    }

    /**
     * Deletes one stock level and logs a DELETE for it (never held by a pause, sent whatever Auto Sync says).
     *
     * @return false when the hub had no such level
     */
    public boolean deleteLevel(Connection c, String sku, String location, String origin) throws SQLException {
        if (!StockLevelStore.delete(c, sku, location)) {
            return false;
        }
        changeLog.append(c, Change.stockDeleted(sku, location, origin));
        return true;
    }

    /** Marks an item deleted and deletes all its stock levels (a DELETE row each). Returns the levels deleted. */
    public int deleteItem(Connection c, String sku, String origin) throws SQLException {
        items.markDeleted(c, sku, clock.instant());
        List<String> locations = StockLevelStore.locations(c, sku);
        for (String location : locations) {
            deleteLevel(c, sku, location, origin);
        }
        return locations.size();
    }

    /**
     * An item an order import names but the hub does not know: created at quantity 0 (ORDER_IMPORT). When the rule
     * for order imports turns Auto Sync on, that 0 is pushed at once: the run record and the log say so.
     *
     * @return true when the item was created (false: it existed)
     */
    public boolean createFromOrderImport(Connection c, String sku, String name, String location, RunCounters run)
            throws SQLException {
        if (isKnown(c, sku)) {
            return false;
        }
        Instant now = clock.instant();
        items.insertNamed(c, sku, name == null || name.isBlank() ? sku : name,
                AutoSyncRules.CreatedBy.ORDER_IMPORT.name(), now);
        setLevels(c, List.of(new Level(sku, location, 0)), AutoSyncRules.CreatedBy.ORDER_IMPORT);
        if (rules.enabledFor(AutoSyncRules.CreatedBy.ORDER_IMPORT)) {
            String warning = "item " + sku + " was created by an order import at quantity 0 and Auto Sync is on for"
                    + " order imports (synchub.auto-sync.rule.order-import=true): 0 will be pushed to the storefront";
            LOG.warn(warning);
            if (run != null) {
                run.note(warning);
            }
        }
        return true;
    }
}
