package routes.changelog;

/**
 * One entry for the change log: something that must reach the storefront. {@code scope} narrows the key
 * (the location of a stock level), empty when the key alone names the entity.
 */
public record Change(EntityType entityType, String entityKey, String scope, Operation operation, String payload, String origin) {

    public enum Operation { UPSERT, DELETE }

    public static Change stock(String sku, String location, int quantity, String origin) {
        return new Change(EntityType.INVENTORY, sku, location, Operation.UPSERT,
                "{\"quantity\":" + quantity + "}", origin);
    }

    /** The hub no longer holds stock for the SKU at that location (the level or the whole item was deleted). */
    public static Change stockDeleted(String sku, String location, String origin) {
        return new Change(EntityType.INVENTORY, sku, location, Operation.DELETE, null, origin);
    }
}
