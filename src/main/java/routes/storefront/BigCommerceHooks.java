package routes.storefront;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * BigCommerce's Webhooks v3 API ({@code bc-webhooks.v3.yml}): list, create and update subscriptions, through the
 * {@link BigCommerceClient}'s calls (its token, retries and rate budget). Kept apart from the client so the catalog
 * and orders calls stay one class and the hooks another.
 */
public final class BigCommerceHooks implements StorefrontHooks {

    /** Hooks asked for per page when listing (the API's page size is up to 250 here too). */
    static final int PAGE_SIZE = 250;

    private final BigCommerceClient client;
    private final String hooksUrl;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code v3Base}: the store's v3 API, e.g. {@code https://api.bigcommerce.com/stores/HASH/v3}. */
    public BigCommerceHooks(BigCommerceClient client, String v3Base) {
        this.client = client;
        this.hooksUrl = (v3Base.endsWith("/") ? v3Base.substring(0, v3Base.length() - 1) : v3Base) + "/hooks";
    }

    /** On the v3 API of the store at {@code storeBaseUrl} (as {@link BigCommerceClient.Endpoints#of} derives it). */
    public static BigCommerceHooks ofStore(BigCommerceClient client, String storeBaseUrl) {
        String base = storeBaseUrl.endsWith("/") ? storeBaseUrl.substring(0, storeBaseUrl.length() - 1) : storeBaseUrl;
        return new BigCommerceHooks(client, base + "/v3");
    }

    @Override
    public List<Hook> list() {
        List<Hook> hooks = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = client.call(RateBudget.Priority.ORDERS, "GET", hooksUrl + "?page=" + page + "&limit=" + PAGE_SIZE, null);
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
        return hook(client.call(RateBudget.Priority.ORDERS, "POST", hooksUrl, body).path("data"));
    }

    @Override
    public Hook update(long id, boolean active, Map<String, String> headers) {
        ObjectNode body = json.createObjectNode().put("is_active", active);
        putHeaders(body, headers);
        return hook(client.call(RateBudget.Priority.ORDERS, "PUT", hooksUrl + "/" + id, body).path("data"));
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
