package routes.changelog;

import java.util.Arrays;
import java.util.Optional;

/**
 * The entity types the change log carries; each can be paused on its own. {@link #column()} is the one spelling in
 * {@code change_log.entity_type}, {@code pause_switch.entity_type}, the admin API's paths and the JMX names.
 */
public enum EntityType {

    PRODUCTS("products", "catalog-push", null),
    INVENTORY("inventory", "stock-push", null),
    CATALOGS("catalogs", null, "no push for catalogs yet: nothing writes catalog changes and nothing sends them"
            + " to the storefront, so there is nothing to hold or release"),
    IMAGES("images", "images-push", null),
    PRICES("prices", "catalog-push", null);

    private final String column;
    private final String pushTask;
    private final String noPush;

    EntityType(String column, String pushTask, String noPush) {
        this.column = column;
        this.pushTask = pushTask;
        this.noPush = noPush;
    }

    /** The value in the hub's columns and on the wire, e.g. {@code inventory}. */
    public String column() {
        return column;
    }

    /** The task that pushes this type's changes (started on resume); empty while no such push exists yet. */
    public Optional<String> pushTask() {
        return Optional.ofNullable(pushTask);
    }

    /** Whether a push sends this type's changes, so that pausing and resuming it means something. */
    public boolean pushable() {
        return pushTask != null;
    }

    /** Why this type cannot be paused or resumed (no push yet); null when it can. */
    public String noPushReason() {
        return noPush;
    }

    /** The type with this column value, e.g. {@code images}; empty for any other text. */
    public static Optional<EntityType> fromColumn(String column) {
        return Arrays.stream(values()).filter(t -> t.column.equals(column)).findFirst();
    }

    /** Reads a column value the hub wrote; anything else is a corrupt row, named. */
    public static EntityType ofColumn(String column) {
        return fromColumn(column).orElseThrow(() -> new IllegalStateException(
                "change_log holds entity type '" + column + "', which this SyncHub does not know"));
    }

    @Override
    public String toString() {
        return column;
    }
}
