package routes.storefront;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * BigCommerce's Webhooks v3 API ({@code bc-webhooks.v3.yml}): list, create and update subscriptions, as the
 * {@link BigCommerceClient}'s operations {@code LIST_HOOKS}, {@code CREATE_HOOK}, {@code UPDATE_HOOK} (its token,
 * retries and rate budget). Kept apart from the client so the catalog
 * and orders calls stay one class and the hooks another.
 */
public final class BigCommerceHooks implements StorefrontHooks {

    /** Hooks asked for per page when listing (the API's page size is up to 250 here too). */
    static final int PAGE_SIZE = 250;

    private final BigCommerceClient client;
    private final ObjectMapper json = new ObjectMapper();

    public BigCommerceHooks(BigCommerceClient client) {
        this.client = client;
    }

    @Override
    public List<Hook> list() {
        List<Hook> hooks = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = client.call(BigCommerceOperation.LIST_HOOKS, List.of(), "page=" + page + "&limit=" + PAGE_SIZE, null);
            JsonNode data = answer.path("data");
            data.forEach(h -> hooks.add(hook(h)));
            int pages = answer.path("meta").path("pagination").path("total_pages").asInt(1);
            if (data.isEmpty() || page >= pages) {
                return hooks;
            }
        }
    }

    @Override
    public Hook create(String scope, String destination, Map<String, String> headers) {
        ObjectNode body = json.createObjectNode().put("scope", scope).put("destination", destination).put("is_active", true);
        putHeaders(body, headers);
        return hook(client.call(BigCommerceOperation.CREATE_HOOK, List.of(), null, body).path("data"));
    }

    @Override
    public Hook update(long id, boolean active, Map<String, String> headers) {
        ObjectNode body = json.createObjectNode().put("is_active", active);
        putHeaders(body, headers);
        return hook(client.call(BigCommerceOperation.UPDATE_HOOK, List.of(id), null, body).path("data"));
    }

    private static void putHeaders(ObjectNode body, Map<String, String> headers) {
        ObjectNode out = body.putObject("headers");
        headers.forEach(out::put);
    }

    private static Hook hook(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        node.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new Hook(node.path("id").asLong(), node.path("scope").asText(null), node.path("destination").asText(null),
                node.path("is_active").asBoolean(false), headers);
    }
}
