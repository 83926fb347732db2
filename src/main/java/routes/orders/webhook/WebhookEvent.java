package routes.orders.webhook;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A storefront (BigCommerce) order webhook, e.g.
 * {@code {"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},"hash":"...",
 * "created_at":1561479335,"producer":"stores/{store_hash}"}}.
 *
 * @param scope     e.g. {@code store/order/created}, {@code store/order/statusUpdated}; always starts {@code store/order/}
 * @param orderId   {@code data.id}, positive
 * @param createdAt {@code created_at}, epoch seconds
 * @param hash      {@code hash} as sent (BigCommerce's payload hash), or null when absent
 */
public record WebhookEvent(String scope, long orderId, long createdAt, String hash) {

    /** Bodies above this size are refused before parsing. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final Pattern SCOPE = Pattern.compile("store/order/[A-Za-z0-9_/.-]{1,80}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,40}");

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(100)
                            .maxStringLength(MAX_BODY_BYTES)
                            .build())
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    /**
     * Reads and checks a webhook body.
     *
     * @throws InvalidWebhook for anything else than a well-formed order webhook; nothing else is thrown
     */
    public static WebhookEvent parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidWebhook("body", "empty");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidWebhook("body", body.length + " bytes, over the limit of " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new InvalidWebhook("body", "not valid JSON (text after the end)");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidWebhook invalid) {
                throw invalid;
            }
            throw new InvalidWebhook("body", "not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidWebhook("body", "not a JSON object");
        }

        String scope = text(root, "scope", "scope", true);
        if (!SCOPE.matcher(scope).matches()) {
            throw new InvalidWebhook("scope", "not an order webhook scope like store/order/created (" + quote(scope) + ")");
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw new InvalidWebhook("data", "missing");
        }
        if (!data.isObject()) {
            throw new InvalidWebhook("data", "not an object (" + show(data) + ")");
        }
        String type = text(data, "type", "data.type", false);
        if (type != null && !type.equals("order")) {
            throw new InvalidWebhook("data.type", "expected 'order' (found " + quote(type) + ")");
        }
        long orderId = whole(data.get("id"), "data.id");
        if (orderId <= 0) {
            throw new InvalidWebhook("data.id", "must be positive (" + orderId + ")");
        }
        long createdAt = whole(root.get("created_at"), "created_at");
        if (createdAt < 0 || createdAt > MAX_EPOCH_SECONDS) {
            throw new InvalidWebhook("created_at", "out of range for epoch seconds (" + createdAt + ")");
        }
        String hash = text(root, "hash", "hash", false);
        return new WebhookEvent(scope, orderId, createdAt, hash);
    }

    private static String text(JsonNode parent, String name, String field, boolean required) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidWebhook(field, "missing");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidWebhook(field, "not a string (" + show(node) + ")");
        }
        String value = node.textValue();
        if (required && value.isBlank()) {
            throw new InvalidWebhook(field, "empty");
        }
        return value;
    }

    /** A whole number, given as a JSON integer or a string of digits. */
    private static long whole(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidWebhook(field, "missing");
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new InvalidWebhook(field, "out of range (" + show(node) + ")");
            }
            return node.longValue();
        }
        if (node.isNumber()) {
            throw new InvalidWebhook(field, "not a whole number (" + show(node) + ")");
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            if (DIGITS.matcher(text).matches()) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new InvalidWebhook(field, "out of range (" + quote(text) + ")");
                }
            }
            throw new InvalidWebhook(field, "not a number (" + quote(node.textValue()) + ")");
        }
        throw new InvalidWebhook(field, "not a number (" + show(node) + ")");
    }

    /** A node for a message: short, one line, no control characters. */
    private static String show(JsonNode node) {
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isContainerNode()) {
            return node.isObject() ? "an object" : "an array";
        }
        return clean(node.asText());
    }

    private static String quote(String text) {
        return "'" + clean(text) + "'";
    }

    private static String clean(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(60).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT ? '?' : cp));
        if (text.codePointCount(0, text.length()) > 60) {
            out.append('…');
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        return clean(message.lines().findFirst().orElse("unreadable"));
    }
}
