package routes.changelog;

import java.util.List;

/** The entity types the change log carries; each can be paused on its own. */
public final class EntityTypes {

    public static final String PRODUCTS = "products";
    public static final String INVENTORY = "inventory";
    public static final String CATALOGS = "catalogs";
    public static final String IMAGES = "images";
    public static final String PRICES = "prices";
    public static final List<String> ALL = List.of(PRODUCTS, INVENTORY, CATALOGS, IMAGES, PRICES);

    private EntityTypes() {
    }

    /** The task that pushes a type's changes (started on resume); null while no such push exists yet. */
    public static String pushTask(String type) {
        return switch (type) {
            case INVENTORY -> "stock-push";
            case PRODUCTS, CATALOGS, PRICES -> "catalog-push";
            case IMAGES -> "images-read";
            default -> null;
        };
    }

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }
}
