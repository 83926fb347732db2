package routes.inventory;

import java.util.Locale;
import java.util.Map;

/**
 * Whether Auto Sync starts on for a SKU SyncHub first sees, by how it was created
 * ({@code synchub.auto-sync.rule.<method>}).
 */
public record AutoSyncRules(Map<CreatedBy, Boolean> rules) {

    /** How an item came to exist in the hub. */
    public enum CreatedBy {
        MANUAL, FILE_UPLOAD, BACKOFFICE_SYNC, ORDER_IMPORT;

        /** The setting name part: {@code file-upload}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final AutoSyncRules DEFAULTS = new AutoSyncRules(Map.of(
            CreatedBy.MANUAL, true,
            CreatedBy.FILE_UPLOAD, true,
            CreatedBy.BACKOFFICE_SYNC, true,
            // an item created by an order import starts at 0: pushing that at once is rarely wanted
            CreatedBy.ORDER_IMPORT, false));

    public boolean enabledFor(CreatedBy method) {
        return rules.getOrDefault(method, false);
    }
}
