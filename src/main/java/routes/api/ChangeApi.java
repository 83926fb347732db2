package routes.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import routes.changelog.EntityType;
import routes.changelog.PauseSwitches;
import routes.inventory.HubStock;
import routes.inventory.Products;
import routes.inventory.StockConsolidation;
import routes.inventory.StockPush;
import routes.inventory.SyncHistoryStore;
import routes.inventory.SyncNow;
import routes.platform.JsonAnswer;
import routes.platform.LogText;
import routes.task.TaskCatalog;
import routes.task.TaskTrigger;
import routes.task.Trigger;

/**
 * The change pipeline's admin API (/api/v1/openapi.json; README, Operating SyncHub): pauses and their preview, manual
 * stock adjustments, products with their Auto Sync flag and sync history, and Sync Now jobs.
 * routes/rest/admin-api.yaml maps paths onto these methods.
 */
public class ChangeApi {

    /** Strict: a duplicate key or anything after the JSON value is refused, naming where. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** The lengths of the columns these fields are stored in (stock_level, stock_adjustment). */
    static final int MAX_SKU = 100;
    static final int MAX_REASON = 1000;

    private final Products products;
    private final PauseSwitches pauses;
    private final StockPush stockPush;
    private final SyncNow syncNow;
    private final TaskTrigger trigger;
    private final TaskCatalog tasks;
    private final String defaultLocation;
    private final Set<String> locations;

    /** @param locations the configured location codes (synchub.storefront.locations): an adjustment names one of them */
    public ChangeApi(Products products, PauseSwitches pauses, StockPush stockPush, SyncNow syncNow,
                     TaskTrigger trigger, TaskCatalog tasks, String defaultLocation, Set<String> locations) {
        this.locations = Set.copyOf(locations);
        this.products = products;
        this.pauses = pauses;
        this.stockPush = stockPush;
        this.syncNow = syncNow;
        this.trigger = trigger;
        this.tasks = tasks;
        this.defaultLocation = defaultLocation;
    }

    // --- pauses

    public List<PauseSwitches.Pause> pauses() {
        return pauses.list();
    }

    public PauseSwitches.Pause pause(@Header("entityType") String entityType) {
        return pauses.pause(pushableType(entityType), "api");
    }

    /** Resume: clears the switch and starts the type's push at once, so the held changes go now. */
    public Map<String, Object> resume(@Header("entityType") String entityType) {
        EntityType type = pushableType(entityType);
        PauseSwitches.Pause after = pauses.resume(type, "api");
        String task = type.pushTask().filter(id -> tasks.route(id).isPresent()).orElse(null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pause", after);
        out.put("pushTask", task);
        out.put("runId", task != null ? trigger.fire(task, Trigger.EVENT) : null);
        return out;
    }

    /** The consolidated updates a resume would send now, computed by the push's own consolidation. */
    public Map<String, Object> preview(@Header("entityType") String entityType) {
        EntityType type = pushableType(entityType);
        if (type != EntityType.INVENTORY) {
            throw ApiError.conflict("no preview for " + type + " yet: only inventory's push (stock-push) computes one;"
                    + " GET /api/v1/pauses shows its held-change count");
        }
        StockPush.Preview preview = stockPush.preview();
        List<Map<String, Object>> items = new ArrayList<>();
        for (StockConsolidation.Item item : preview.items()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sku", item.sku());
            row.put("location", item.location());
            row.put("operation", item.operation().name());
            row.put("action", switch (item.disposition()) {
                case SEND -> "send";
                case SKIP_AUTO_SYNC_OFF -> "skip";
                case PARK -> "park";
            });
            row.put("quantity", item.stockItem() == null ? null : item.stockItem().quantity());
            row.put("heldRows", item.rows());
            row.put("problem", item.problem());
            items.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entityType", type.column());
        out.put("paused", pauses.get(type).paused());
        out.put("heldRows", preview.heldRows());
        out.put("batchSize", preview.batchSize());
        out.put("updates", items.stream().filter(i -> "send".equals(i.get("action"))).count());
        out.put("calls", preview.calls());
        out.put("items", items);
        return out;
    }

    /**
     * A type a push sends (404 for an unknown one; 409 with the reason for one no push sends yet: pausing or resuming
     * it would promise what nothing does).
     */
    private static EntityType pushableType(String entityType) {
        EntityType type = EntityType.fromColumn(entityType).orElseThrow(() -> ApiError.notFound("no entity type '"
                + entityType + "'; the pausable types are " + Arrays.stream(EntityType.values()).filter(EntityType::pushable).toList()));
        if (!type.pushable()) {
            throw ApiError.conflict(type.noPushReason());
        }
        return type;
    }

    // --- stock

    /**
     * POST /stock/adjustments as served: its route turns the REST binding off, so the strict parser sees the raw body
     * (a binding's Map would already have dropped a duplicate key or trailing text); the answer is written as JSON here.
     */
    public String adjustJson(@Body String body, Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = JSON.convertValue(adjust(body), LinkedHashMap.class);
        return JsonAnswer.of(exchange, 200, out);
    }

    /** POST /stock/adjustments: one level set or shifted, with its change-log row, in one transaction. */
    public HubStock.Adjustment adjust(@Body Object body) {
        JsonNode json = object(json(body));
        String sku = sku(json);
        HubStock.Mode mode = mode(json);
        int quantity = wholeNumber(json, "quantity");
        String location = location(json.get("location"));
        String reason = reason(json.get("reason"));
        try {
            HubStock.Adjustment done = products.adjust(sku, location, mode, quantity, reason);
            if (done.changed()) {
                trigger.fire("stock-push", Trigger.EVENT);
            }
            return done;
        } catch (HubStock.UnknownSku e) {
            throw ApiError.notFound(e.getMessage());
        } catch (HubStock.ConcurrentWrite e) {
            throw ApiError.conflict(e.getMessage());
        } catch (HubStock.InvalidInput e) {
            throw ApiError.badRequest(e.field(), e.getMessage());
        }
    }

    /** A SKU as the hub stores it: a string without control characters (NUL included), at most the column's length. */
    private static String sku(JsonNode json) {
        String raw = requiredText(json, "sku");
        JsonNode node = json.get("sku");
        if (hasControl(node.textValue(), false)) {
            throw ApiError.badRequest("sku", "'" + LogText.escape(node.textValue()) + "' contains a control character;"
                    + " a SKU is printable text");
        }
        if (raw.length() > MAX_SKU) {
            throw ApiError.badRequest("sku", "is " + raw.length() + " characters long; at most " + MAX_SKU);
        }
        return raw;
    }

    /** One of the configured codes, exactly as configured; absent or null is the default location. */
    private String location(JsonNode node) {
        String valid = String.join(", ", new java.util.TreeSet<>(locations));
        if (node == null || node.isNull()) {
            return defaultLocation;
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest("location", "must be a string, one of: " + valid + " (found " + show(node) + ")");
        }
        String value = node.textValue();
        if (value.isBlank()) {
            throw ApiError.badRequest("location", "must not be blank (leave it out for " + defaultLocation
                    + "); one of: " + valid);
        }
        if (!locations.contains(value)) {
            throw ApiError.badRequest("location", "'" + LogText.escape(LogText.abbreviate(value, 60))
                    + "' is not a configured location; use one of: " + valid + " (synchub.storefront.locations)");
        }
        return value;
    }

    /** Free text for the audit trail: a string (tabs and line breaks allowed), at most the column's length. */
    private static String reason(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest("reason", "must be a string (found " + show(node) + ")");
        }
        String value = node.textValue();
        if (hasControl(value, true)) {
            throw ApiError.badRequest("reason", "contains a control character other than a tab or line break");
        }
        if (value.length() > MAX_REASON) {
            throw ApiError.badRequest("reason", "is " + value.length() + " characters long; at most " + MAX_REASON);
        }
        return value;
    }

    private static boolean hasControl(String text, boolean allowLineBreaks) {
        return text.chars().anyMatch(ch -> Character.isISOControl(ch)
                && !(allowLineBreaks && (ch == '\n' || ch == '\r' || ch == '\t')));
    }

    private static String show(JsonNode node) {
        return node.isObject() ? "an object" : node.isArray() ? "an array" : node.isNumber() ? "a number"
                : node.isBoolean() ? "a boolean" : LogText.escape(LogText.abbreviate(node.toString(), 60));
    }

    private static HubStock.Mode mode(JsonNode json) {
        String raw = requiredText(json, "mode");
        try {
            return HubStock.Mode.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("mode", "'" + raw + "' is not absolute or relative");
        }
    }

    // --- products

    public List<Map<String, Object>> products(@Header("q") String q, @Header("limit") String limit,
                                              @Header("offset") String offset) {
        int max = AdminApi.limit(limit, 50, 500);
        long skip = offset == null || offset.isBlank() ? 0 : AdminApi.number("offset", offset);
        if (skip < 0) {
            throw ApiError.badRequest("offset", offset + " is negative");
        }
        String like = q == null || q.isBlank() ? null : "%" + q.trim().toLowerCase(Locale.ROOT) + "%";
        List<Map<String, Object>> out = new ArrayList<>();
        for (Products.Product p : products.page(like, skip, max)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sku", p.sku());
            row.put("name", p.name());
            row.put("autoSync", p.autoSync());
            row.put("quantities", p.quantities());
            row.put("lastPush", p.lastPush() == null ? null : historyRow(p.lastPush()));
            out.add(row);
        }
        return out;
    }

    public List<Map<String, Object>> syncHistory(@Header("sku") String sku, @Header("limit") String limit) {
        int max = AdminApi.limit(limit, 100, 1000);
        try {
            return products.history(sku, max).stream().map(ChangeApi::historyRow).toList();
        } catch (HubStock.UnknownSku e) {
            throw unknownSku(sku);
        }
    }

    private static Map<String, Object> historyRow(SyncHistoryStore.Push push) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", push.at() == null ? null : push.at().toString());
        row.put("location", push.location());
        row.put("quantity", push.quantity());
        row.put("storefront", push.storefront());
        row.put("status", push.status());
        row.put("message", push.message());
        return row;
    }

    private static ApiError unknownSku(String sku) {
        return ApiError.notFound("no SKU '" + sku + "' in the hub; GET /api/v1/products lists them");
    }

    /** Turning Auto Sync on pushes nothing by itself (a later change or Sync Now does); off stops this SKU's pushes. */
    public Map<String, Object> setAutoSync(@Header("sku") String sku, @Body Object body) {
        JsonNode json = json(body);
        if (!json.path("enabled").isBoolean()) {
            throw ApiError.badRequest("enabled", "must be true or false");
        }
        boolean enabled = json.path("enabled").asBoolean();
        try {
            products.setAutoSync(sku, enabled);
        } catch (HubStock.UnknownSku e) {
            throw unknownSku(sku);
        }
        return Map.of("sku", sku, "autoSync", enabled);
    }

    // --- Sync Now

    public Map<String, Object> syncNow(@Body Object body, Exchange exchange) {
        SyncNow.Request request;
        try {
            request = SyncNow.parse(json(body));
        } catch (HubStock.InvalidInput e) {
            throw ApiError.badRequest(e.field(), e.getMessage());
        }
        if (request.skus() != null) {
            List<String> unknown = products.unknown(request.skus(), 20);
            if (!unknown.isEmpty()) {
                throw ApiError.notFound("skus: not in the hub: " + unknown);
            }
        }
        long jobId = syncNow.submit(request);
        long runId = trigger.fire("sync-now", Trigger.MANUAL);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return Map.of("jobId", jobId, "runId", runId, "status", "/api/v1/sync-now/" + jobId);
    }

    public SyncNow.Job syncNowJob(@Header("jobId") String jobId) {
        long id = AdminApi.number("jobId", jobId);
        return syncNow.job(id).orElseThrow(() -> ApiError.notFound("no Sync Now job " + id));
    }

    // --- body helpers: every mistake names its field

    private static JsonNode json(Object body) {
        try {
            if (body == null) {
                throw ApiError.badRequest("body", "a JSON object is required");
            }
            if (body instanceof String || body instanceof byte[]) {
                String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : (String) body;
                JsonNode tree = JSON.readTree(text);
                if (tree == null || tree.isMissingNode()) {
                    throw ApiError.badRequest("body", "a JSON object is required");
                }
                return tree;
            }
            return JSON.valueToTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiError.badRequest("body", "not valid JSON: " + LogText.escape(e.getOriginalMessage())
                    + (at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw ApiError.badRequest("body", "not a JSON object: " + LogText.escape(e.getMessage()));
        }
    }

    private static JsonNode object(JsonNode json) {
        if (!json.isObject()) {
            throw ApiError.badRequest("body", "must be a JSON object (found " + show(json) + ")");
        }
        return json;
    }

    private static String requiredText(JsonNode json, String field) {
        JsonNode node = json.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw ApiError.badRequest(field, node.isMissingNode() || node.isNull() ? "is required" : "must be a non-empty string");
        }
        return node.asText().trim();
    }

    private static int wholeNumber(JsonNode json, String field) {
        JsonNode node = json.path(field);
        if (node.isMissingNode() || node.isNull()) {
            throw ApiError.badRequest(field, "is required");
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.asInt();
        }
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw ApiError.badRequest(field, "'" + node.asText() + "' is not a whole number");
    }
}
