package routes.storefront;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * BigCommerce REST client for the calls SyncHub makes, written against BigCommerce's own OpenAPI files. One pooled
 * JDK HttpClient; every call sends {@code X-Auth-Token} and {@code Accept: application/json}.
 */
public class BigCommerceClient implements Storefront {

    /** Where each API lives; for a real store all derive from the store's base URL. */
    public record Endpoints(String catalogV3, String inventoryV3, String ordersV2) {
        public static Endpoints of(String storeBaseUrl) {
            String base = storeBaseUrl.endsWith("/") ? storeBaseUrl.substring(0, storeBaseUrl.length() - 1) : storeBaseUrl;
            return new Endpoints(base + "/v3", base + "/v3", base + "/v2");
        }
    }

    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final String name;
    private final Endpoints endpoints;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public BigCommerceClient(String name, Endpoints endpoints, String token, HttpClient http, Duration timeout) {
        this.name = name;
        this.endpoints = endpoints;
        this.token = token;
        this.http = http;
        this.timeout = timeout;
    }

    public static HttpClient pooledHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
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
        call("PUT", endpoints.inventoryV3() + "/inventory/adjustments/absolute", body);
    }

    @Override
    public long createProduct(Product product) {
        JsonNode answer = call("POST", endpoints.catalogV3() + "/catalog/products", productJson(product, false));
        return answer.path("data").path("id").asLong();
    }

    @Override
    public void updateProducts(List<Product> products) {
        if (products.size() > 10) {
            throw new IllegalArgumentException("BigCommerce updates at most 10 products per call, got " + products.size());
        }
        ArrayNode body = json.createArrayNode();
        for (Product product : products) {
            body.add(productJson(product, true));
        }
        call("PUT", endpoints.catalogV3() + "/catalog/products", body);
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
        JsonNode answer = call("GET", endpoints.catalogV3() + "/catalog/products?sku=" + enc(sku), null);
        JsonNode data = answer.path("data");
        return data.isArray() && !data.isEmpty() ? data.get(0).path("id").asLong() : null;
    }

    @Override
    public List<Order> ordersModifiedSince(Instant since, int page, int limit) {
        String url = endpoints.ordersV2() + "/orders?min_date_modified=" + enc(since.toString())
                + "&sort=date_modified&page=" + page + "&limit=" + limit;
        JsonNode answer = call("GET", url, null);
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
        JsonNode answer = call("GET", endpoints.ordersV2() + "/orders/" + orderId + "/products", null);
        List<OrderLine> lines = new ArrayList<>();
        if (answer.isArray()) {
            for (JsonNode l : answer) {
                lines.add(new OrderLine(l.path("sku").asText(null), l.path("name").asText(null), l.path("quantity").asInt(),
                        money(l.path("price_inc_tax").asText(null))));
            }
        }
        return lines;
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

    /** Sends one request; a non-2xx answer, a time-out or a broken connection is a StorefrontException. */
    JsonNode call(String method, String url, JsonNode body) {
        String requestText = body == null ? null : body.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("X-Auth-Token", token)
                .header("Accept", "application/json");
        if (requestText != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(requestText, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String what = method + " " + URI.create(url).getPath();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new StorefrontException(what + " timed out after " + timeout.toMillis() + " ms", 0, requestText, null, true, null, e);
        } catch (ConnectException e) {
            throw new StorefrontException(what + " could not connect: " + e.getMessage(), 0, requestText, null, true, null, e);
        } catch (IOException e) {
            throw new StorefrontException(what + " failed: " + e, 0, requestText, null, true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorefrontException(what + " interrupted", 0, requestText, null, true, null, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            boolean retryable = status == 429 || status / 100 == 5;
            throw new StorefrontException(what + " answered " + status + ": " + abbreviate(response.body()), status,
                    requestText, response.body(), retryable, retryAfter(response), null);
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
