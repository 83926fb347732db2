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

    /**
     * A product image added, changed ({@code UPSERT}) or removed ({@code DELETE}) in the hub: keyed by the product's
     * SKU, scoped by the image's URL (as {@link #imageScope}: the column is too short for a URL), which the payload
     * carries; the push reads the image's current sort order and description from the hub when it sends.
     */
    public static Change image(String sku, String url, Operation operation, String origin) {
        return new Change(EntityType.IMAGES, sku, imageScope(url), operation,
                JSON.createObjectNode().put("url", url).toString(), origin);
    }

    /** The scope of an image's rows: the SHA-1 of its URL in hex (40 characters), one per URL of a product. */
    public static String imageScope(String url) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(url.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /** The URL an image row's payload names (null for another payload). */
    public static String imageUrl(String payload) {
        try {
            return payload == null ? null : JSON.readTree(payload).path("url").asText(null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The hub no longer holds stock for the SKU at that location (the level or the whole item was deleted). */
    public static Change stockDeleted(String sku, String location, String origin) {
        return new Change(EntityType.INVENTORY, sku, location, Operation.DELETE, null, origin);
    }
}
