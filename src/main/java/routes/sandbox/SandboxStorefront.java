package routes.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demo storefront shaped like BigCommerce's REST API (v3 catalog and inventory, v2 orders) under
 * {@code /stores/sandbox}. It checks the token and Accept header as the real one does, keeps what it is sent (the
 * catalog: products, variants, options and values in {@link SandboxCatalog}), and with {@code simulate} on creates an
 * order now and then. State is in memory: it is a demo peer, not a store.
 */
public class SandboxStorefront extends ServiceSupport {

    static {
        // without it the JDK server waits ~40 ms per response on loopback (Nagle + delayed ACK)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Logger LOG = LoggerFactory.getLogger(SandboxStorefront.class);
    public static final String BASE_PATH = "/stores/sandbox";
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final String host;
    private final int port;
    private final String token;
    private final Clock clock;
    private final boolean simulate;
    private final Duration orderPeriod;
    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random(7);

    private final SandboxCatalog catalog = new SandboxCatalog();
    // sorted by key, so GET /v3/inventory/items pages in a stable order
    private final java.util.concurrent.ConcurrentSkipListMap<String, Integer> inventory = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final int MAX_HISTORY = 10_000;
    private final Map<String, List<Integer>> received = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> orders = new ConcurrentHashMap<>();
    private final SandboxHooks hooks = new SandboxHooks();
    private final AtomicLong orderIds = new AtomicLong(1000);
    private final AtomicLong inventoryCalls = new AtomicLong();
    private final AtomicLong inventoryItems = new AtomicLong();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> updatesPerLevel = new ConcurrentHashMap<>();

    private HttpServer server;
    private ExecutorService workers;
    private ScheduledExecutorService orderSimulator;

    public SandboxStorefront(String host, int port, String token, Clock clock, boolean simulate, Duration orderPeriod) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.clock = clock;
        this.simulate = simulate;
        this.orderPeriod = orderPeriod;
    }

    public String baseUrl() {
        return "http://" + host + ":" + server.getAddress().getPort() + BASE_PATH;
    }

    @Override
    protected void doStart() throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 64);
        workers = Executors.newFixedThreadPool(4, r -> SandboxBackOffice.daemon(r, "sandbox-storefront"));
        server.setExecutor(workers);
        server.createContext(BASE_PATH, this::handle);
        server.start();
        if (simulate) {
            orderSimulator = Executors.newSingleThreadScheduledExecutor(r -> SandboxBackOffice.daemon(r, "sandbox-orders"));
            orderSimulator.scheduleWithFixedDelay(this::simulateOrderSafely, orderPeriod.toMillis(), orderPeriod.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Sandbox storefront listening on {}", baseUrl());
    }

    @Override
    protected void doStop() {
        if (orderSimulator != null) {
            orderSimulator.shutdownNow();
        }
        if (server != null) {
            server.stop(0);
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    // --- what tests and the demo can look at

    public Integer quantity(String sku, long locationId) {
        return inventory.get(sku + "@" + locationId);
    }

    /**
     * Test hook: sets a level as a shopper, a store admin or another app would, behind SyncHub's back (it counts as
     * no adjustment received).
     */
    public void changeLevel(String sku, long locationId, int quantity) {
        inventory.put(sku + "@" + locationId, quantity);
    }

    public long inventoryCalls() {
        return inventoryCalls.get();
    }

    public long inventoryItemsReceived() {
        return inventoryItems.get();
    }

    /** How many absolute or relative adjustments this SKU and location has received. */
    public int updatesOf(String sku, long locationId) {
        var n = updatesPerLevel.get(sku + "@" + locationId);
        return n == null ? 0 : n.get();
    }

    /** The levels this SKU and location was set to, in arrival order (the first 10,000). */
    public List<Integer> receivedLevels(String sku, long locationId) {
        List<Integer> seen = received.get(sku + "@" + locationId);
        if (seen == null) {
            return List.of();
        }
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** How many distinct SKU-and-location levels have received at least one adjustment. */
    public int levelsUpdated() {
        return updatesPerLevel.size();
    }

    /** The most adjustments any one SKU-and-location level has received. */
    public int maxUpdatesOfOneLevel() {
        return updatesPerLevel.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).max().orElse(0);
    }

    /** Its webhook subscriptions ({@code /v3/hooks}). */
    public SandboxHooks hooks() {
        return hooks;
    }

    public int productCount() {
        return catalog.productCount();
    }

    /** The SKUs of the variants of the product with this SKU (none when there is no such product). */
    public List<String> variantSkus(String productSku) {
        return catalog.variantSkus(productSku);
    }

    /** The options of the product with this SKU: display name -> value labels. */
    public Map<String, List<String>> options(String productSku) {
        return catalog.options(productSku);
    }

    /** The option values of the variant with this SKU: display name -> label. */
    public Map<String, String> variantOptions(String variantSku) {
        return catalog.variantOptions(variantSku);
    }

    /** The images of the product with this SKU as URL -> "sort order: description", in sort order (none: no product). */
    public Map<String, String> images(String productSku) {
        return catalog.images(productSku);
    }

    /** Creates an order as a shopper would; returns its id. */
    public long createOrder(String sku, int quantity, BigDecimal total) {
        long id = orderIds.incrementAndGet();
        String now = RFC_2822.format(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        ObjectNode order = json.createObjectNode();
        order.put("id", id);
        order.put("status", "Awaiting Fulfillment");
        order.put("status_id", 11);
        order.put("date_created", now);
        order.put("date_modified", now);
        order.put("total_inc_tax", total.toPlainString());
        order.put("currency_code", "USD");
        order.putObject("billing_address").put("email", "shopper" + id + "@example.invalid");
        ArrayNode lines = order.putArray("products");
        lines.addObject().put("sku", sku).put("quantity", quantity).put("name", sku).put("price_inc_tax", total.toPlainString());
        orders.put(id, order);
        return id;
    }

    private void simulateOrderSafely() {
        try {
            String sku = String.format("SBX-%03d-R1", 1 + random.nextInt(100));
            createOrder(sku, 1 + random.nextInt(3), BigDecimal.valueOf(20 + random.nextInt(200)).add(new BigDecimal("0.99")));
        } catch (RuntimeException e) {
            LOG.warn("Sandbox order simulation failed: {}", e.getMessage());
        }
    }

    // --- HTTP

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            try {
                String path = http.getRequestURI().getPath().substring(BASE_PATH.length());
                String method = http.getRequestMethod();
                if (!authorised(http)) {
                    reply(http, 401, problem(401, "X-Auth-Token missing or wrong"));
                    return;
                }
                if (!http.getRequestHeaders().containsKey("Accept")) {
                    reply(http, 400, problem(400, "Accept header is required"));
                    return;
                }
                Map<String, String> query = query(http.getRequestURI().getRawQuery());
                JsonNode body = readBody(http);
                if (!body.isNull() && !String.valueOf(http.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
                    reply(http, 415, problem(415, "Content-Type must be application/json for a JSON body"));
                    return;
                }
                if (SandboxCatalog.handles(path)) {
                    SandboxCatalog.Answer answer = catalog.handle(method, path, query, body);
                    reply(http, answer.status(), answer.body());
                    return;
                }
                route(http, method, path, query, body);
            } catch (BadRequest e) {
                reply(http, 422, problem(422, e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("Sandbox storefront failed on {}: {}", http.getRequestURI(), e.toString());
                reply(http, 500, problem(500, "sandbox error"));
            }
        }
    }

    private void route(HttpExchange http, String method, String path, Map<String, String> query, JsonNode body) throws IOException {
        JsonNode hook = path.startsWith("/v3/hooks") ? hooks.answer(method, path, body, clock.instant().getEpochSecond()) : null;
        if (hook != null) {
            reply(http, 200, hook);
            return;
        }
        if (path.equals("/v3/inventory/adjustments/absolute") && method.equals("PUT")) {
            adjust(body, false);
            reply(http, 200, json.createObjectNode().put("transaction_id", java.util.UUID.randomUUID().toString()));
        } else if (path.equals("/v3/inventory/adjustments/relative") && method.equals("POST")) {
            adjust(body, true);
            reply(http, 200, json.createObjectNode().put("transaction_id", java.util.UUID.randomUUID().toString()));
        } else if (path.equals("/v3/inventory/items") && method.equals("GET")) {
            inventoryItems(http, query);
        } else if (path.equals("/v2/orders") && method.equals("GET")) {
            listOrders(http, query);
        } else if (path.matches("/v2/orders/\\d+/products") && method.equals("GET")) {
            orderProducts(http, Long.parseLong(path.split("/")[3]));
        } else {
            reply(http, 404, problem(404, "no sandbox resource " + method + " " + path));
        }
    }

    private boolean authorised(HttpExchange http) {
        String given = http.getRequestHeaders().getFirst("X-Auth-Token");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private void adjust(JsonNode body, boolean relative) {
        JsonNode items = body.path("items");
        if (!items.isArray() || items.isEmpty() || items.size() > 2000) {
            throw new BadRequest("items must be an array of 1 to 2000 adjustments");
        }
        Map<String, Integer> next = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            int identifiers = (item.has("sku") ? 1 : 0) + (item.has("variant_id") ? 1 : 0) + (item.has("product_id") ? 1 : 0);
            if (identifiers != 1 || !item.path("location_id").canConvertToLong() || !item.path("quantity").isInt()) {
                throw new BadRequest("items[" + i + "] needs location_id, quantity and exactly one of sku, variant_id, product_id");
            }
            String key = item.path("sku").asText(item.path("variant_id").asText(item.path("product_id").asText())) + "@" + item.path("location_id").asLong();
            int quantity = item.path("quantity").asInt();
            if (!relative && quantity < 0) {
                throw new BadRequest("items[" + i + "].quantity must not be negative");
            }
            next.put(key, quantity);
        }
        next.forEach((key, quantity) -> {
            updatesPerLevel.computeIfAbsent(key, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            int level = relative ? inventory.merge(key, quantity, Integer::sum) : quantity;
            inventory.put(key, level);
            List<Integer> seen = received.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
            if (seen.size() < MAX_HISTORY) {
                seen.add(level);
            }
        });
        inventoryCalls.incrementAndGet();
        inventoryItems.addAndGet(next.size());
    }

    /**
     * {@code GET /v3/inventory/items} as BigCommerce pages it: one item per SKU with its level at the asked
     * location(s) ({@code location_id:in}) or of the asked SKUs ({@code sku:in}), {@code page} from 1, {@code limit} up to 1000, {@code meta.pagination}.
     */
    private void inventoryItems(HttpExchange http, Map<String, String> query) throws IOException {
        java.util.Set<Long> locations = new java.util.HashSet<>();
        if (query.containsKey("location_id:in")) {
            for (String id : query.get("location_id:in").split(",")) {
                try {
                    locations.add(Long.parseLong(id.trim()));
                } catch (NumberFormatException e) {
                    throw new BadRequest("location_id:in must be comma-separated location ids, got " + query.get("location_id:in"));
                }
            }
        }
        java.util.Set<String> skus = query.containsKey("sku:in")
                ? java.util.Set.of(query.get("sku:in").split(",")) : java.util.Set.of();
        int page = positive(query, "page", 1);
        int limit = positive(query, "limit", 50);
        if (limit > 1000) {
            throw new BadRequest("limit must be at most 1000");
        }
        long skip = (long) (page - 1) * limit;
        long total = 0;
        ArrayNode data = json.createArrayNode();
        for (Map.Entry<String, Integer> level : inventory.entrySet()) {
            int at = level.getKey().lastIndexOf('@');
            long location = Long.parseLong(level.getKey().substring(at + 1));
            if (!locations.isEmpty() && !locations.contains(location)
                    || !skus.isEmpty() && !skus.contains(level.getKey().substring(0, at))) {
                continue;
            }
            if (total++ < skip || data.size() >= limit) {
                continue;
            }
            String sku = level.getKey().substring(0, at);
            ObjectNode item = data.addObject();
            item.putObject("identity").put("sku", sku);
            item.putArray("locations").addObject().put("location_id", location).put("location_code", "LOC-" + location)
                    .put("available_to_sell", level.getValue()).put("total_inventory_onhand", level.getValue())
                    .put("location_enabled", true);
        }
        ObjectNode out = json.createObjectNode();
        out.set("data", data);
        long pages = (total + limit - 1) / limit;
        out.putObject("meta").putObject("pagination").put("total", total).put("count", data.size())
                .put("per_page", limit).put("current_page", page).put("total_pages", pages);
        reply(http, 200, out);
    }

    private static int positive(Map<String, String> query, String name, int fallback) {
        if (!query.containsKey(name)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(query.get(name));
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(name + " must be a whole number from 1, got " + query.get(name));
    }

    private void listOrders(HttpExchange http, Map<String, String> query) throws IOException {
        Instant since = query.containsKey("min_date_modified") ? parseDate(query.get("min_date_modified")) : Instant.EPOCH;
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int limit = Math.min(250, Integer.parseInt(query.getOrDefault("limit", "50")));
        List<ObjectNode> matching = orders.values().stream()
                .filter(o -> !parseDate(o.path("date_modified").asText()).isBefore(since))
                .sorted(Comparator.comparing((ObjectNode o) -> parseDate(o.path("date_modified").asText()))
                        .thenComparing(o -> o.path("id").asLong()))
                .toList();
        int from = (page - 1) * limit;
        if (from >= matching.size()) {
            http.sendResponseHeaders(204, -1);
            return;
        }
        ArrayNode out = json.createArrayNode();
        matching.subList(from, Math.min(matching.size(), from + limit)).forEach(out::add);
        reply(http, 200, out);
    }

    private void orderProducts(HttpExchange http, long orderId) throws IOException {
        ObjectNode order = orders.get(orderId);
        if (order == null) {
            reply(http, 404, problem(404, "no order " + orderId));
            return;
        }
        reply(http, 200, order.path("products"));
    }

    private static Instant parseDate(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException e) {
            try {
                return Instant.parse(text);
            } catch (RuntimeException e2) {
                return java.time.ZonedDateTime.parse(text, RFC_2822).toInstant();
            }
        }
    }

    private ObjectNode problem(int status, String title) {
        return json.createObjectNode().put("status", status).put("title", title).put("type", "about:blank");
    }

    private JsonNode readBody(HttpExchange http) throws IOException {
        try (InputStream in = http.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return json.nullNode();
            }
            try {
                return json.readTree(bytes);
            } catch (IOException e) {
                throw new BadRequest("body is not JSON: " + e.getMessage());
            }
        }
    }

    private void reply(HttpExchange http, int status, JsonNode body) throws IOException {
        if (status == 204) {
            http.sendResponseHeaders(204, -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(body);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    /** A request the real API would refuse with 422. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
