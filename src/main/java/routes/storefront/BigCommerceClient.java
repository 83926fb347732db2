package routes.storefront;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * BigCommerce REST client for the calls SyncHub makes, written against BigCommerce's own OpenAPI files. One pooled
 * JDK HttpClient; every call is a {@link BigCommerceOperation} and sends {@code X-Auth-Token}, {@code Accept} and
 * {@code Content-Type: application/json} (the v2 orders file requires Content-Type even on a GET without a body).
 */
public class BigCommerceClient implements Storefront {

    /**
     * Where each API lives; for a real store all derive from the store's base URL. Variants and options have their
     * own bases because BigCommerce describes them in their own OpenAPI files (a contract test serves each file on
     * its own port).
     */
    public record Endpoints(String catalogV3, String variantsV3, String optionsV3, String inventoryV3, String ordersV2,
                            String hooksV3) {
        /** Hooks on the catalog's v3 base (one store: every v3 API shares its base). */
        public Endpoints(String catalogV3, String variantsV3, String optionsV3, String inventoryV3, String ordersV2) {
            this(catalogV3, variantsV3, optionsV3, inventoryV3, ordersV2, catalogV3);
        }

        public Endpoints(String catalogV3, String variantsV3, String inventoryV3, String ordersV2) {
            this(catalogV3, variantsV3, catalogV3, inventoryV3, ordersV2);
        }

        public Endpoints(String catalogV3, String inventoryV3, String ordersV2) {
            this(catalogV3, catalogV3, catalogV3, inventoryV3, ordersV2);
        }

        public static Endpoints of(String storeBaseUrl) {
            String base = storeBaseUrl.endsWith("/") ? storeBaseUrl.substring(0, storeBaseUrl.length() - 1) : storeBaseUrl;
            return new Endpoints(base + "/v3", base + "/v3", base + "/v3", base + "/v3", base + "/v2", base + "/v3");
        }

        String base(BigCommerceOperation.Spec spec) {
            return switch (spec) {
                case PRODUCTS -> catalogV3;
                case VARIANTS -> variantsV3;
                case OPTIONS -> optionsV3;
                case INVENTORY -> inventoryV3;
                case ORDERS -> ordersV2;
                case HOOKS -> hooksV3;
            };
        }
    }

    /** Sees every response (and its headers) the client receives; the contract test uses it to read Prism's verdicts. */
    @FunctionalInterface
    public interface ResponseListener {
        void onResponse(BigCommerceOperation operation, String url, String requestBody, int status, HttpHeaders headers,
                        String body);
    }

    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;
    /** BigCommerce's limits: products per batch update, variants per batch update, variants per product. */
    public static final int PRODUCTS_PER_UPDATE = 10;
    public static final int VARIANTS_PER_UPDATE = 50;
    public static final int VARIANTS_PER_PRODUCT = 600;

    private final String name;
    private final Endpoints endpoints;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final RetryPolicy retry;
    private final RateBudget budget;
    private final Sleeper sleeper;
    private final AtomicLong retries = new AtomicLong();
    private final ThreadLocal<int[]> lastCallRetries = ThreadLocal.withInitial(() -> new int[1]);
    private final ThreadLocal<int[]> lastStatus = ThreadLocal.withInitial(() -> new int[1]);
    private volatile ResponseListener listener = (m, u, q, s, h, b) -> { };

    /** A client that does not retry and never waits for a rate budget. */
    public BigCommerceClient(String name, Endpoints endpoints, String token, HttpClient http, Duration timeout) {
        this(name, endpoints, token, http, timeout, RetryPolicy.NONE, RateBudget.unlimited(java.time.Clock.systemUTC()),
                Sleeper.REAL);
    }

    public BigCommerceClient(String name, Endpoints endpoints, String token, HttpClient http, Duration timeout,
                             RetryPolicy retry, RateBudget budget, Sleeper sleeper) {
        this.name = name;
        this.endpoints = endpoints;
        this.token = token;
        this.http = http;
        this.timeout = timeout;
        this.retry = retry;
        this.budget = budget;
        this.sleeper = sleeper;
    }

    public void setResponseListener(ResponseListener listener) {
        this.listener = listener == null ? (m, u, q, s, h, b) -> { } : listener;
    }

    /** Retries made since start, all calls together (for metrics and benchmarks). */
    public long retries() {
        return retries.get();
    }

    @Override
    public int retriesOfLastCall() {
        return lastCallRetries.get()[0];
    }

    public static HttpClient pooledHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * As {@link #pooledHttpClient}, for a storefront reached over plain http only (the sandbox on loopback): its TLS
     * context trusts no one, so building it does not load and parse the JDK's trust store (a start-up cost of the
     * default client, which initialises TLS even when it never speaks it). An https URL fails the handshake.
     */
    public static HttpClient plainHttpClient(Duration connectTimeout) {
        try {
            SSLContext none = SSLContext.getInstance("TLS");
            none.init(new KeyManager[0], new TrustManager[0], null);
            return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                    .sslContext(none).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setAbsoluteStock(List<StockItem> items, String reason) {
        ObjectNode body = json.createObjectNode();
        body.put("reason", reason);
        ArrayNode array = body.putArray("items");
        for (StockItem item : items) {
            array.addObject().put("location_id", item.locationId()).put("sku", item.sku()).put("quantity", item.quantity());
        }
        call(BigCommerceOperation.SET_ABSOLUTE_STOCK, List.of(), null, body);
    }

    /** BigCommerce's largest page of {@code GET /v3/inventory/items}. */
    public static final int INVENTORY_ITEMS_PER_PAGE = 1000;

    @Override
    public StoreLevelPage inventoryLevels(long locationId, int page, int limit) {
        if (limit < 1 || limit > INVENTORY_ITEMS_PER_PAGE) {
            throw new IllegalArgumentException("BigCommerce lists 1 to " + INVENTORY_ITEMS_PER_PAGE
                    + " inventory items per page, asked for " + limit);
        }
        String query = "location_id:in=" + locationId + "&page=" + page + "&limit=" + limit;
        JsonNode answer = call(BigCommerceOperation.LIST_INVENTORY_ITEMS, List.of(), query, null);
        List<StoreLevel> levels = new ArrayList<>();
        JsonNode data = answer.path("data");
        for (JsonNode item : data) {
            JsonNode identity = item.path("identity");
            String sku = identity.path("sku").asText(null);
            Long variantId = identity.path("variant_id").canConvertToLong() ? identity.path("variant_id").asLong() : null;
            for (JsonNode at : item.path("locations")) {
                if (sku != null && at.path("location_id").asLong(-1) == locationId) {
                    levels.add(new StoreLevel(sku, variantId, locationId, at.path("total_inventory_onhand").asInt()));
                }
            }
        }
        JsonNode pagination = answer.path("meta").path("pagination");
        boolean last = pagination.path("total_pages").canConvertToInt()
                ? page >= pagination.path("total_pages").asInt()
                : data.size() < limit;
        return new StoreLevelPage(levels, last || data.isEmpty());
    }

    /** Inventory items per page when reading back levels by SKU (BigCommerce allows up to 1000). */
    static final int READ_BACK_PER_PAGE = 250;

    @Override
    public List<StockItem> stockLevels(java.util.Collection<String> skus) {
        List<StockItem> out = new java.util.ArrayList<>();
        if (skus.isEmpty()) {
            return out;
        }
        // by SKU only: the file types location_id:in as one integer, so locations are picked out here
        String filter = "sku:in=" + String.join(",", new java.util.TreeSet<>(skus).stream().map(BigCommerceClient::enc).toList());
        for (int page = 1; ; page++) {
            JsonNode answer = call(BigCommerceOperation.LIST_INVENTORY_ITEMS, List.of(),
                    filter + "&page=" + page + "&limit=" + READ_BACK_PER_PAGE, null);
            JsonNode data = answer.path("data");
            for (JsonNode item : data) {
                String sku = item.path("identity").path("sku").asText();
                for (JsonNode location : item.path("locations")) {
                    out.add(new StockItem(location.path("location_id").asLong(), sku,
                            location.path("total_inventory_onhand").asInt()));
                }
            }
            if (data.size() < READ_BACK_PER_PAGE) {
                return out;
            }
        }
    }

    @Override
    public long createProduct(Product product) {
        JsonNode answer = call(BigCommerceOperation.CREATE_PRODUCT, List.of(), null, productJson(product, false));
        return firstData(answer).path("id").asLong();
    }

    @Override
    public CreatedProduct createProductWithVariants(Product product, List<NewVariant> variants) {
        if (variants.size() > VARIANTS_PER_PRODUCT) {
            throw new IllegalArgumentException("BigCommerce allows at most " + VARIANTS_PER_PRODUCT
                    + " variants per product, got " + variants.size() + " for " + product.sku());
        }
        ObjectNode body = productJson(product, false);
        ArrayNode array = body.putArray("variants");
        for (NewVariant v : variants) {
            // the file types these items as productVariant_Full, which requires id and product_id even in a POST
            // that is to create both; BigCommerce ignores them here, so 0 stands for "none yet"
            ObjectNode node = array.addObject().put("id", 0).put("product_id", 0).put("sku", v.sku());
            if (v.price() != null) {
                node.put("price", v.price().doubleValue());
            }
            ArrayNode options = node.putArray("option_values");
            // by display name and label: BigCommerce creates the product's options and values from them
            v.options().forEach((name, label) -> options.addObject().put("option_display_name", name).put("label", label));
        }
        JsonNode data = firstData(call(BigCommerceOperation.CREATE_PRODUCT, List.of(), null, body));
        Map<String, Long> ids = new LinkedHashMap<>();
        for (JsonNode v : data.path("variants")) {
            if (v.path("sku").isTextual() && v.path("id").canConvertToLong()) {
                ids.put(v.path("sku").asText(), v.path("id").asLong());
            }
        }
        return new CreatedProduct(data.path("id").asLong(), Map.copyOf(ids));
    }

    /** A 207's {@code data} may be one object or an array; the product is the first. */
    private static JsonNode firstData(JsonNode answer) {
        JsonNode data = answer.path("data");
        return data.isArray() ? data.path(0) : data;
    }

    @Override
    public List<Rejected> updateProducts(List<Product> products) {
        return batchUpdate(BigCommerceOperation.UPDATE_PRODUCTS, "products", PRODUCTS_PER_UPDATE, products,
                p -> productJson(p, true), Product::id);
    }

    /**
     * One PUT of a batch the API caps at {@code max} entries (products: 10, variants: 50). A 207 (multi-status)
     * answer lists in {@code data} what was saved: every other item is rejected with the answer's error message.
     */
    private <T> List<Rejected> batchUpdate(BigCommerceOperation operation, String what, int max, List<T> items,
                                           Function<T, ObjectNode> toJson, Function<T, Long> idOf) {
        if (items.size() > max) {
            throw new IllegalArgumentException("BigCommerce updates at most " + max + " " + what + " per call, got " + items.size());
        }
        ArrayNode body = json.createArrayNode();
        items.forEach(item -> body.add(toJson.apply(item)));
        JsonNode answer = call(operation, List.of(), null, body);
        if (lastStatus.get()[0] != 207) {
            return List.of();
        }
        Set<Long> saved = new HashSet<>();
        for (JsonNode d : answer.path("data")) {
            saved.add(d.path("id").asLong());
        }
        List<Rejected> rejected = new ArrayList<>();
        for (T item : items) {
            long id = idOf.apply(item);
            if (!saved.contains(id)) {
                rejected.add(new Rejected(id, multiStatusMessage(operation, answer.path("errors"), id)));
            }
        }
        return rejected;
    }

    /** The storefront's words for one item of a 207: its own entry in {@code errors} when there is one, else the title. */
    private static String multiStatusMessage(BigCommerceOperation operation, JsonNode errors, long id) {
        JsonNode error = errors.isArray() ? errors.path(0) : errors;
        String title = error.path("title").asText("not saved");
        JsonNode detail = error.path("errors").path(String.valueOf(id));
        return operation.method() + " " + operation.pathTemplate() + " answered 207: item " + id + " not saved: "
                + (detail.isMissingNode() ? title : title + ": " + detail.asText(detail.toString()));
    }

    private ObjectNode productJson(Product product, boolean withId) {
        ObjectNode node = json.createObjectNode();
        if (withId) {
            node.put("id", product.id());
        }
        node.put("name", product.name());
        node.put("type", product.type() == null ? "physical" : product.type());
        node.put("sku", product.sku());
        node.put("weight", product.weight() == null ? 0 : product.weight());
        node.put("price", product.price() == null ? 0.0 : product.price().doubleValue());
        return node;
    }

    @Override
    public Long findProductIdBySku(String sku) {
        JsonNode data = call(BigCommerceOperation.FIND_PRODUCTS_BY_SKU, List.of(), "sku=" + enc(sku), null).path("data");
        return data.isArray() && !data.isEmpty() ? data.get(0).path("id").asLong() : null;
    }

    @Override
    public List<Order> ordersModifiedSince(Instant since, int page, int limit) {
        String query = "min_date_modified=" + enc(since.toString()) + "&sort=date_modified&page=" + page + "&limit=" + limit;
        JsonNode answer = call(BigCommerceOperation.LIST_ORDERS, List.of(), query, null);
        List<Order> orders = new ArrayList<>();
        if (answer.isArray()) {
            for (JsonNode o : answer) {
                orders.add(new Order(o.path("id").asLong(), o.path("status").asText(null), o.path("status_id").asInt(),
                        rfc2822(o.path("date_created").asText(null)), rfc2822(o.path("date_modified").asText(null)),
                        money(o.path("total_inc_tax").asText(null)), o.path("currency_code").asText(null),
                        o.path("billing_address").path("email").asText(null)));
            }
        }
        return orders;
    }

    @Override
    public List<OrderLine> orderLines(long orderId) {
        JsonNode answer = call(BigCommerceOperation.LIST_ORDER_PRODUCTS, List.of(orderId), null, null);
        List<OrderLine> lines = new ArrayList<>();
        if (answer.isArray()) {
            for (JsonNode l : answer) {
                lines.add(new OrderLine(l.path("sku").asText(null), l.path("name").asText(null), l.path("quantity").asInt(),
                        money(l.path("price_inc_tax").asText(null))));
            }
        }
        return lines;
    }

    @Override
    public List<Variant> variants(long productId) {
        JsonNode answer = call(BigCommerceOperation.LIST_PRODUCT_VARIANTS, List.of(productId), null, null);
        List<Variant> variants = new ArrayList<>();
        for (JsonNode v : answer.path("data")) {
            List<OptionValue> options = new ArrayList<>();
            for (JsonNode o : v.path("option_values")) {
                options.add(new OptionValue(o.path("id").asLong(), o.path("option_id").asLong()));
            }
            variants.add(new Variant(v.path("id").asLong(), v.path("product_id").asLong(), v.path("sku").asText(null),
                    v.path("price").isNumber() ? v.path("price").decimalValue() : null,
                    v.path("inventory_level").isInt() ? v.path("inventory_level").asInt() : null, List.copyOf(options)));
        }
        return variants;
    }

    @Override
    public VariantRef findVariantBySku(String sku) {
        JsonNode data = call(BigCommerceOperation.FIND_VARIANTS_BY_SKU, List.of(), "sku=" + enc(sku), null).path("data");
        for (JsonNode v : data) {
            // the filter is exact on a real store; an answer naming another SKU is not this variant
            if (sku.equalsIgnoreCase(v.path("sku").asText())) {
                return new VariantRef(v.path("id").asLong(), v.path("product_id").asLong());
            }
        }
        return null;
    }

    @Override
    public List<ProductOption> options(long productId) {
        JsonNode answer = call(BigCommerceOperation.LIST_PRODUCT_OPTIONS, List.of(productId), null, null);
        List<ProductOption> options = new ArrayList<>();
        for (JsonNode o : answer.path("data")) {
            options.add(option(o));
        }
        return options;
    }

    private static ProductOption option(JsonNode o) {
        List<OptionLabel> values = new ArrayList<>();
        for (JsonNode v : o.path("option_values")) {
            values.add(new OptionLabel(v.path("id").asLong(), v.path("label").asText()));
        }
        return new ProductOption(o.path("id").asLong(), o.path("display_name").asText(), List.copyOf(values));
    }

    @Override
    public ProductOption createOption(long productId, String displayName, List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("option " + displayName + " of product " + productId + " needs at least one value");
        }
        ObjectNode body = json.createObjectNode().put("product_id", productId).put("display_name", displayName)
                .put("type", "dropdown");
        ArrayNode values = body.putArray("option_values");
        for (int i = 0; i < labels.size(); i++) {
            values.addObject().put("label", labels.get(i)).put("sort_order", i);
        }
        return option(call(BigCommerceOperation.CREATE_PRODUCT_OPTION, List.of(productId), null, body).path("data"));
    }

    @Override
    public OptionLabel createOptionValue(long productId, long optionId, String label) {
        ObjectNode body = json.createObjectNode().put("label", label).put("sort_order", 0);
        JsonNode data = call(BigCommerceOperation.CREATE_OPTION_VALUE, List.of(productId, optionId), null, body).path("data");
        return new OptionLabel(data.path("id").asLong(), data.path("label").asText(label));
    }

    @Override
    public long createVariant(Variant variant) {
        ObjectNode body = variantJson(variant, false);
        JsonNode answer = call(BigCommerceOperation.CREATE_VARIANT, List.of(variant.productId()), null, body);
        return answer.path("data").path("id").asLong();
    }

    @Override
    public List<Rejected> updateVariants(List<Variant> variants) {
        return batchUpdate(BigCommerceOperation.UPDATE_VARIANTS, "variants", VARIANTS_PER_UPDATE, variants,
                v -> variantJson(v, true), Variant::id);
    }

    private ObjectNode variantJson(Variant variant, boolean forUpdate) {
        ObjectNode node = json.createObjectNode();
        if (forUpdate) {
            node.put("id", variant.id());
        } else {
            // productVariant_Post names product_id as required for a POST, although the path already carries it
            node.put("product_id", variant.productId());
        }
        if (variant.sku() != null) {
            node.put("sku", variant.sku());
        }
        if (variant.price() != null) {
            node.put("price", variant.price().doubleValue());
        }
        if (variant.inventoryLevel() != null) {
            node.put("inventory_level", variant.inventoryLevel());
        }
        if (!forUpdate) {
            ArrayNode options = node.putArray("option_values");
            for (OptionValue o : variant.optionValues() == null ? List.<OptionValue>of() : variant.optionValues()) {
                options.addObject().put("id", o.id()).put("option_id", o.optionId());
            }
        }
        return node;
    }

    /** BigCommerce pages a product's images; this many per page (its maximum). */
    static final int IMAGES_PER_PAGE = 250;

    @Override
    public List<ProductImage> productImages(long productId) {
        List<ProductImage> images = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = call(BigCommerceOperation.LIST_PRODUCT_IMAGES, List.of(productId),
                    "page=" + page + "&limit=" + IMAGES_PER_PAGE, null);
            for (JsonNode i : answer.path("data")) {
                images.add(new ProductImage(i.path("id").asLong(), i.path("image_url").asText(null),
                        i.path("sort_order").asInt(), i.path("description").asText("")));
            }
            JsonNode pagination = answer.path("meta").path("pagination");
            if (answer.path("data").size() < IMAGES_PER_PAGE || pagination.path("current_page").asInt(page)
                    >= pagination.path("total_pages").asInt(page)) {
                return images;
            }
        }
    }

    @Override
    public long addProductImage(long productId, ProductImage image) {
        ObjectNode body = imageJson(productId, image).put("image_url", image.url());
        JsonNode answer = call(BigCommerceOperation.ADD_PRODUCT_IMAGE, List.of(productId), null, body);
        return answer.path("data").path("id").asLong();
    }

    @Override
    public void updateProductImage(long productId, ProductImage image) {
        call(BigCommerceOperation.UPDATE_PRODUCT_IMAGE, List.of(productId, image.id()), null, imageJson(productId, image));
    }

    @Override
    public void deleteProductImage(long productId, long imageId) {
        call(BigCommerceOperation.DELETE_PRODUCT_IMAGE, List.of(productId, imageId), null, null);
    }

    private ObjectNode imageJson(long productId, ProductImage image) {
        return json.createObjectNode().put("product_id", productId).put("sort_order", image.sortOrder())
                .put("description", image.description() == null ? "" : image.description());
    }

    /** RFC-2822 dates as BigCommerce v2 writes them ("Tue, 20 Nov 2012 00:00:00 +0000"). */
    public static Instant rfc2822(String text) {
        return text == null || text.isBlank() ? null : ZonedDateTime.parse(text.trim(), RFC_2822).toInstant();
    }

    /** Money is a decimal string in v2: parsed exactly, never through a double. */
    public static BigDecimal money(String text) {
        return text == null || text.isBlank() ? null : new BigDecimal(text.trim());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Sends a request, asking the rate budget first and retrying what is worth retrying: 429 after the wait the
     * storefront names, 5xx / time-outs / broken connections with backoff. A POST (not idempotent) is retried only
     * when the storefront cannot have acted on it: 429, or no connection made. A write that timed out after it was sent
     * is not retried here (its outcome is unknown: the caller reads back). What still fails is a StorefrontException.
     */
    JsonNode call(BigCommerceOperation operation, List<?> pathParameters, String query, JsonNode body) {
        String url = endpoints.base(operation.spec()) + operation.path(pathParameters.toArray())
                + (query == null ? "" : "?" + query);
        String method = operation.method();
        int[] retried = lastCallRetries.get();
        retried[0] = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                budget.acquire(operation.priority());
                return callOnce(operation, url, body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorefrontException(method + " " + URI.create(url).getPath() + " interrupted", 0,
                        body == null ? null : body.toString(), null, true, null, e);
            } catch (StorefrontException e) {
                // an unknown outcome is never re-sent blind: the caller reads the storefront back first
                if (!e.retryable() || e.outcomeUnknown() || attempt >= retry.maxAttempts() || !mayRetry(operation, e)) {
                    throw e;
                }
                retried[0]++;
                retries.incrementAndGet();
                if (e.status() != 429) {
                    try {
                        sleeper.sleep(retry.backoff(attempt));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
                // a 429 has closed the rate budget for the time the storefront named: the next acquire waits it out
            }
        }
    }

    private static boolean mayRetry(BigCommerceOperation operation, StorefrontException e) {
        return operation.idempotent() || e.status() == 429 || e.getCause() instanceof ConnectException;
    }

    /** Sends one request; a non-2xx answer, a time-out or a broken connection is a StorefrontException. */
    JsonNode callOnce(BigCommerceOperation operation, String url, JsonNode body) {
        String method = operation.method();
        String requestText = body == null ? null : body.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("X-Auth-Token", token)
                .header("Accept", "application/json")
                // on every call, GETs too: BigCommerce's files declare Content-Type a required header throughout
                .header("Content-Type", "application/json");
        request.method(method, requestText == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(requestText, StandardCharsets.UTF_8));
        String what = method + " " + URI.create(url).getPath();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.net.http.HttpConnectTimeoutException e) {
            throw new StorefrontException(what + " could not connect within the connect time-out: " + e.getMessage(), 0,
                    requestText, null, true, null, e);
        } catch (HttpTimeoutException e) {
            boolean unknown = operation.writes();
            throw new StorefrontException(what + " timed out after " + timeout.toMillis() + " ms"
                    + (unknown ? " after it was sent (outcome unknown)" : ""), 0, requestText, null, true, null, e, unknown);
        } catch (ConnectException e) {
            throw new StorefrontException(what + " could not connect: " + e.getMessage(), 0, requestText, null, true, null, e);
        } catch (IOException e) {
            throw new StorefrontException(what + " failed: " + e, 0, requestText, null, true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorefrontException(what + " interrupted", 0, requestText, null, true, null, e);
        }
        int status = response.statusCode();
        lastStatus.get()[0] = status;
        listener.onResponse(operation, url, requestText, status, response.headers(), response.body());
        Duration retryAfter = status == 429 ? retry.rateLimitWait(retryAfter(response), 1) : retryAfter(response);
        budget.observe(status, requestsLeft(response), retryAfter);
        if (status / 100 != 2) {
            boolean retryable = status == 429 || status / 100 == 5;
            throw new StorefrontException(what + " answered " + status + ": " + abbreviate(response.body()), status,
                    requestText, response.body(), retryable, retryAfter, null);
        }
        if (status == 204 || response.body() == null || response.body().isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new StorefrontException(what + " answered " + status + " with a body that is not JSON", status,
                    requestText, response.body(), false, null, e);
        }
    }

    static Integer requestsLeft(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("X-Rate-Limit-Requests-Left").map(v -> Integer.valueOf(v.trim())).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Duration retryAfter(HttpResponse<?> response) {
        String resetMs = response.headers().firstValue("X-Rate-Limit-Time-Reset-Ms").orElse(null);
        try {
            if (resetMs != null) {
                return Duration.ofMillis(Long.parseLong(resetMs.trim()));
            }
            String seconds = response.headers().firstValue("Retry-After").orElse(null);
            if (seconds != null) {
                return Duration.ofSeconds(Long.parseLong(seconds.trim()));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
