package routes.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sandbox storefront's {@code /v3/hooks}: list, create and update subscriptions as BigCommerce's Webhooks v3 API
 * answers them, kept in memory. It delivers no callbacks; tests and the demo send those themselves.
 */
public final class SandboxHooks {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, ObjectNode> hooks = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(22_561_000);
    private final AtomicLong creates = new AtomicLong();

    /** The answer to {@code method path} under {@code /v3/hooks}, or null when it is not a hooks call. */
    JsonNode answer(String method, String path, JsonNode body, long nowSeconds) {
        if (path.equals("/v3/hooks") && method.equals("GET")) {
            ObjectNode out = json.createObjectNode();
            ArrayNode data = out.putArray("data");
            hooks.values().stream().sorted(Comparator.comparingLong(h -> h.path("id").asLong())).forEach(data::add);
            out.putObject("meta").putObject("pagination").put("total", data.size()).put("count", data.size())
                    .put("per_page", Math.max(1, data.size())).put("current_page", 1).put("total_pages", 1);
            return out;
        }
        if (path.equals("/v3/hooks") && method.equals("POST")) {
            if (!body.path("scope").isTextual() || !body.path("destination").isTextual()) {
                throw new SandboxStorefront.BadRequest("a hook needs scope and destination");
            }
            ObjectNode hook = json.createObjectNode();
            hook.put("id", ids.incrementAndGet()).put("client_id", "sandbox").put("store_hash", "sandbox")
                    .put("scope", body.path("scope").asText()).put("destination", body.path("destination").asText())
                    .put("is_active", body.path("is_active").asBoolean(true))
                    .put("created_at", nowSeconds).put("updated_at", nowSeconds);
            hook.set("headers", body.path("headers").isObject() ? body.get("headers").deepCopy() : json.nullNode());
            hooks.put(hook.path("id").asLong(), hook);
            creates.incrementAndGet();
            return json.createObjectNode().<ObjectNode>set("data", hook).set("meta", json.createObjectNode());
        }
        if (path.matches("/v3/hooks/\\d+") && method.equals("PUT")) {
            ObjectNode hook = hooks.get(Long.parseLong(path.substring("/v3/hooks/".length())));
            if (hook == null) {
                return null;
            }
            for (String field : List.of("scope", "destination", "is_active", "headers")) {
                if (body.has(field)) {
                    hook.set(field, body.get(field).deepCopy());
                }
            }
            hook.put("updated_at", nowSeconds);
            return json.createObjectNode().<ObjectNode>set("data", hook).set("meta", json.createObjectNode());
        }
        return null;
    }

    // --- what tests and the demo can look at or do

    /** The hooks as the sandbox keeps them (copies). */
    public List<JsonNode> list() {
        List<JsonNode> out = new ArrayList<>();
        hooks.values().stream().sorted(Comparator.comparingLong(h -> h.path("id").asLong())).forEach(h -> out.add(h.deepCopy()));
        return out;
    }

    /** How many hooks were ever created here. */
    public long created() {
        return creates.get();
    }

    /** Does what BigCommerce does after 48 h of failed deliveries: sets the scope's hooks inactive. Returns how many. */
    public int deactivate(String scope) {
        int n = 0;
        for (ObjectNode hook : hooks.values()) {
            if (scope.equals(hook.path("scope").asText())) {
                hook.put("is_active", false);
                n++;
            }
        }
        return n;
    }
}
