package routes.hooks;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import routes.storefront.HookScope;

/**
 * One BigCommerce callback, e.g. {@code {"scope":"store/sku/inventory/updated","store_id":"1025646","hash":"352e...",
 * "created_at":1561482670,"producer":"stores/abc","data":{"type":"sku","id":461,"inventory":{"product_id":167,
 * "method":"absolute","value":2,"variant_id":509}}}}. Inventory fields are null for order events.
 *
 * @param scope      the scope as sent
 * @param hookScope  that scope when SyncHub registers it, else null (answered, not processed)
 * @param hash       BigCommerce's payload hash: the same for a re-sent event
 * @param resourceId {@code data.id}: the order, product or SKU
 */
public record StorefrontCallback(String scope, HookScope hookScope, String hash, long resourceId, Instant createdAt,
                                 Long productId, Long variantId, String method, Integer value) {

    /** Bodies above this size are refused before parsing. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32).maxNumberLength(100).maxStringLength(MAX_BODY_BYTES).build())
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    /** A body that is no callback; the message names the field first ("hash: missing"). */
    public static final class Invalid extends RuntimeException {
        Invalid(String field, String problem) {
            super(field + ": " + problem, null, false, false);
        }
    }

    /** @throws Invalid for anything but a well-formed callback (unknown scopes parse, with a null hookScope) */
    public static StorefrontCallback parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new Invalid("body", "empty");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new Invalid("body", body.length + " bytes, over the limit of " + MAX_BODY_BYTES);
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new Invalid("body", "not valid JSON (text after the end)");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Invalid invalid) {
                throw invalid;
            }
            throw new Invalid("body", "not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("body", "not a JSON object");
        }
        String scope = text(root, "scope", 80);
        String hash = text(root, "hash", 100);
        long createdAt = whole(root.get("created_at"), "created_at");
        if (createdAt < 0 || createdAt > 253_402_300_799L) {
            throw new Invalid("created_at", "out of range for epoch seconds (" + createdAt + ")");
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new Invalid("data", data == null || data.isNull() ? "missing" : "not an object");
        }
        long id = whole(data.get("id"), "data.id");
        JsonNode inventory = data.path("inventory");
        return new StorefrontCallback(scope, HookScope.of(scope).orElse(null), hash, id, Instant.ofEpochSecond(createdAt),
                optionalWhole(inventory.get("product_id"), "data.inventory.product_id"),
                optionalWhole(inventory.get("variant_id"), "data.inventory.variant_id"),
                inventory.path("method").isTextual() ? inventory.path("method").textValue() : null,
                inventory.path("value").canConvertToInt() && inventory.path("value").isIntegralNumber()
                        ? inventory.path("value").intValue() : null);
    }

    private static String text(JsonNode root, String field, int max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new Invalid(field, "missing");
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new Invalid(field, "not a non-empty string");
        }
        if (node.textValue().length() > max || node.textValue().chars().anyMatch(Character::isISOControl)) {
            throw new Invalid(field, "longer than " + max + " characters or with control characters");
        }
        return node.textValue();
    }

    private static long whole(JsonNode node, String field) {
        Long value = optionalWhole(node, field);
        if (value == null) {
            throw new Invalid(field, "missing");
        }
        return value;
    }

    /** A whole number (JSON integer, or digits in a string as BigCommerce sends some ids), or null when absent. */
    private static Long optionalWhole(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.textValue().matches("[0-9]{1,18}")) {
            return Long.parseLong(node.textValue());
        }
        throw new Invalid(field, "not a whole number");
    }
}
