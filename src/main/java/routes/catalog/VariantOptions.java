package routes.catalog;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A variant's storefront options from the hub's item attributes: {@code {"colour":"Red","size":"M"}} is option
 * "Colour" = "Red" and option "Size" = "M" (display name: the key with a capital first letter; blank values left out).
 */
final class VariantOptions {

    /** Attributes that cannot become options, with the reason. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private VariantOptions() {
    }

    /** Option display name -> label, in the attributes' order; at least one (a variant needs an option value). */
    static Map<String, String> of(String sku, String attributes) throws Unusable {
        JsonNode node;
        try {
            node = attributes == null || attributes.isBlank() ? JSON.createObjectNode() : JSON.readTree(attributes);
        } catch (JsonProcessingException e) {
            throw new Unusable("variant " + sku + ": its attributes are not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!node.isObject()) {
            throw new Unusable("variant " + sku + ": its attributes must be a JSON object such as {\"colour\":\"Red\"}, got " + attributes);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String label = field.getValue().isValueNode() ? field.getValue().asText().trim() : "";
            if (!field.getKey().isBlank() && !label.isEmpty()) {
                options.put(displayName(field.getKey()), label);
            }
        }
        if (options.isEmpty()) {
            throw new Unusable("variant " + sku + " has no attributes (colour, size, ...) to set it apart from its siblings:"
                    + " BigCommerce needs at least one option value per variant; give it one in the back office");
        }
        return options;
    }

    static String displayName(String key) {
        String k = key.trim().replace('_', ' ');
        return k.substring(0, 1).toUpperCase(Locale.ROOT) + k.substring(1);
    }
}
