package routes.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sandbox storefront's v3 catalog: products, their variants, variant options and option values, shaped like
 * BigCommerce's. It answers as the real API does where SyncHub can meet it: 404 for an unknown product, option or
 * path, 409 for a SKU, option or value that exists already, 422 for a body the API refuses (missing field, more than
 * 10 products or 50 variants per batch, more than 600 variants per product), and 207 when a batch update saved some
 * items and not others. Products have images, created from a URL (kept as {@code image_url}, which BigCommerce also
 * answers with), listed, updated (sort order, description) and deleted by id. State is in memory; every request runs under one lock (it is a demo peer, not a store).
 */
final class SandboxCatalog {

    /** What the catalog answers: a status and a JSON body. */
    record Answer(int status, JsonNode body) {
    }

    static final int PRODUCTS_PER_UPDATE = 10;
    static final int VARIANTS_PER_UPDATE = 50;
    static final int VARIANTS_PER_PRODUCT = 600;

    private static final Pattern PRODUCT_PATH = Pattern.compile("/v3/catalog/products/(\\d+)(/.*)?");
    private static final Pattern OPTION_VALUES = Pattern.compile("/options/(\\d+)/values");
    private static final Pattern IMAGE = Pattern.compile("/images/(\\d+)");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, ObjectNode> products = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> variants = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> options = new LinkedHashMap<>();
    private final Map<String, String> skus = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> images = new LinkedHashMap<>();
    private final AtomicLong productIds = new AtomicLong(100);
    private final AtomicLong variantIds = new AtomicLong(10_000);
    private final AtomicLong optionIds = new AtomicLong(200);
    private final AtomicLong valueIds = new AtomicLong(5_000);
    private final AtomicLong imageIds = new AtomicLong(1);

    static boolean handles(String path) {
        return path.startsWith("/v3/catalog/");
    }

    synchronized Answer handle(String method, String path, Map<String, String> query, JsonNode body) {
        try {
            return route(method, path, query, body);
        } catch (Refused e) {
            return problem(e.status, e.getMessage());
        }
    }

    // --- what tests and the demo can look at

    synchronized int productCount() {
        return products.size();
    }

    /** The SKUs of a product's variants, or an empty list when there is no product with that SKU. */
    synchronized List<String> variantSkus(String productSku) {
        Long id = productId(productSku);
        return id == null ? List.of() : variantsOf(id).stream().map(v -> v.path("sku").asText()).toList();
    }

    /** A product's options, display name -> its value labels; empty when there is no product with that SKU. */
    synchronized Map<String, List<String>> options(String productSku) {
        Long id = productId(productSku);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (id != null) {
            for (ObjectNode o : optionsOf(id)) {
                List<String> labels = new ArrayList<>();
                o.path("option_values").forEach(v -> labels.add(v.path("label").asText()));
                out.put(o.path("display_name").asText(), List.copyOf(labels));
            }
        }
        return out;
    }

    /** A variant's option values as display name -> label; empty when there is no variant with that SKU. */
    synchronized Map<String, String> variantOptions(String variantSku) {
        Map<String, String> out = new LinkedHashMap<>();
        variants.values().stream().filter(v -> v.path("sku").asText().equalsIgnoreCase(variantSku)).findFirst()
                .ifPresent(v -> v.path("option_values").forEach(o ->
                        out.put(o.path("option_display_name").asText(), o.path("label").asText())));
        return out;
    }

    /** A product's images, URL -> "sort order: description", in sort order; empty when there is no product with that SKU. */
    synchronized Map<String, String> images(String productSku) {
        Long id = productId(productSku);
        Map<String, String> out = new LinkedHashMap<>();
        if (id != null) {
            imagesOf(id).forEach(i -> out.put(i.path("image_url").asText(),
                    i.path("sort_order").asInt() + ": " + i.path("description").asText()));
        }
        return out;
    }

    // --- routing

    private Answer route(String method, String path, Map<String, String> query, JsonNode body) {
        if (path.equals("/v3/catalog/products")) {
            return switch (method) {
                case "GET" -> ok(page(products.values().stream()
                        .filter(p -> query.get("sku") == null || query.get("sku").equalsIgnoreCase(p.path("sku").asText()))
                        .map(this::withVariants).toList()));
                case "POST" -> ok(data(createProduct(object(body, "product"))));
                case "PUT" -> updateProducts(body);
                default -> notFound(method, path);
            };
        }
        if (path.equals("/v3/catalog/variants")) {
            return switch (method) {
                case "GET" -> ok(page(variants.values().stream()
                        .filter(v -> query.get("sku") == null || query.get("sku").equalsIgnoreCase(v.path("sku").asText()))
                        .map(v -> (ObjectNode) v).toList()));
                case "PUT" -> updateVariants(body);
                default -> notFound(method, path);
            };
        }
        Matcher m = PRODUCT_PATH.matcher(path);
        if (!m.matches()) {
            return notFound(method, path);
        }
        long productId = Long.parseLong(m.group(1));
        String rest = m.group(2) == null ? "" : m.group(2);
        ObjectNode product = products.get(productId);
        if (product == null) {
            return problem(404, "The product " + productId + " was not found");
        }
        if (rest.equals("/variants") && method.equals("GET")) {
            return ok(page(variantsOf(productId)));
        }
        if (rest.equals("/variants") && method.equals("POST")) {
            return ok(data(createVariant(productId, object(body, "variant"))));
        }
        if (rest.equals("/options") && method.equals("GET")) {
            return ok(page(optionsOf(productId)));
        }
        if (rest.equals("/options") && method.equals("POST")) {
            return ok(data(createOption(productId, object(body, "option"))));
        }
        Matcher values = OPTION_VALUES.matcher(rest);
        if (values.matches() && method.equals("POST")) {
            return ok(data(createOptionValue(productId, Long.parseLong(values.group(1)), object(body, "option value"))));
        }
        if (rest.equals("/images") && method.equals("GET")) {
            return ok(page(pageOf(imagesOf(productId), query)));
        }
        if (rest.equals("/images") && method.equals("POST")) {
            return ok(data(createImage(productId, object(body, "image"))));
        }
        Matcher image = IMAGE.matcher(rest);
        if (image.matches()) {
            ObjectNode existing = images.get(Long.parseLong(image.group(1)));
            if (existing == null || existing.path("product_id").asLong() != productId) {
                return problem(404, "product " + productId + " has no image " + image.group(1));
            }
            return switch (method) {
                case "GET" -> ok(data(existing));
                case "PUT" -> ok(data(updateImage(existing, object(body, "image"))));
                case "DELETE" -> {
                    images.remove(existing.path("id").asLong());
                    yield new Answer(204, null);
                }
                default -> notFound(method, path);
            };
        }
        return notFound(method, path);
    }

    // --- products

    private ObjectNode createProduct(JsonNode body) {
        for (String field : List.of("name", "type", "weight", "price")) {
            if (!body.has(field)) {
                throw new Refused(422, "product needs " + field);
            }
        }
        JsonNode newVariants = body.path("variants");
        if (newVariants.size() > VARIANTS_PER_PRODUCT) {
            throw new Refused(422, "a product has at most " + VARIANTS_PER_PRODUCT + " variants, got " + newVariants.size());
        }
        List<String> wanted = new ArrayList<>();
        if (body.path("sku").isTextual()) {
            wanted.add(body.path("sku").asText());
        }
        for (int i = 0; i < newVariants.size(); i++) {
            JsonNode v = newVariants.get(i);
            if (!v.path("sku").isTextual() || v.path("sku").asText().isBlank()) {
                throw new Refused(422, "variants[" + i + "] needs a sku");
            }
            for (JsonNode o : v.path("option_values")) {
                if (!o.path("option_display_name").isTextual() || !o.path("label").isTextual()) {
                    throw new Refused(422, "variants[" + i + "].option_values need option_display_name and label");
                }
            }
            wanted.add(v.path("sku").asText());
        }
        for (int i = 0; i < wanted.size(); i++) {
            String sku = wanted.get(i);
            if (skus.containsKey(key(sku)) || wanted.subList(0, i).stream().anyMatch(s -> key(s).equals(key(sku)))) {
                throw new Refused(409, "The SKU " + sku + " is already in use" + owner(sku));
            }
        }
        ObjectNode product = ((ObjectNode) body).deepCopy();
        product.remove("variants");
        long id = productIds.incrementAndGet();
        product.put("id", id);
        products.put(id, product);
        if (product.path("sku").isTextual()) {
            skus.put(key(product.path("sku").asText()), "product " + id);
        }
        for (JsonNode v : newVariants) {
            List<ObjectNode> values = new ArrayList<>();
            for (JsonNode o : v.path("option_values")) {
                values.add(optionValueByLabel(id, o.path("option_display_name").asText(), o.path("label").asText()));
            }
            addVariant(id, v, values);
        }
        return withVariants(product);
    }

    private Answer updateProducts(JsonNode body) {
        if (!body.isArray() || body.isEmpty() || body.size() > PRODUCTS_PER_UPDATE) {
            throw new Refused(422, "batch update takes an array of 1 to " + PRODUCTS_PER_UPDATE + " products");
        }
        return batch(body, item -> {
            ObjectNode existing = products.get(item.path("id").asLong(-1));
            if (existing == null) {
                throw new Refused(404, "product " + item.path("id").asText() + " does not exist");
            }
            String sku = item.path("sku").asText(null);
            if (sku != null && !key(sku).equals(key(existing.path("sku").asText(""))) && skus.containsKey(key(sku))) {
                throw new Refused(409, "The SKU " + sku + " is already in use" + owner(sku));
            }
            if (sku != null) {
                skus.remove(key(existing.path("sku").asText("")));
                skus.put(key(sku), "product " + existing.path("id").asLong());
            }
            existing.setAll((ObjectNode) item);
            return existing;
        });
    }

    // --- images

    private ObjectNode createImage(long productId, JsonNode body) {
        String url = body.path("image_url").asText("");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new Refused(422, "image needs image_url, a fully qualified URL");
        }
        if (url.length() > 255) {
            throw new Refused(422, "image_url is longer than 255 characters");
        }
        ObjectNode created = json.createObjectNode().put("id", imageIds.getAndIncrement()).put("product_id", productId)
                .put("image_url", url).put("is_thumbnail", body.path("is_thumbnail").asBoolean(false))
                .put("sort_order", body.path("sort_order").asInt(0)).put("description", body.path("description").asText(""));
        images.put(created.path("id").asLong(), created);
        return created;
    }

    private ObjectNode updateImage(ObjectNode existing, JsonNode body) {
        if (body.has("sort_order")) {
            if (!body.path("sort_order").isInt()) {
                throw new Refused(422, "sort_order must be an integer");
            }
            existing.put("sort_order", body.path("sort_order").asInt());
        }
        if (body.has("description")) {
            existing.put("description", body.path("description").asText());
        }
        if (body.has("is_thumbnail")) {
            existing.put("is_thumbnail", body.path("is_thumbnail").asBoolean());
        }
        return existing;
    }

    private List<ObjectNode> imagesOf(long productId) {
        return images.values().stream().filter(i -> i.path("product_id").asLong() == productId)
                .sorted(java.util.Comparator.comparingInt((ObjectNode i) -> i.path("sort_order").asInt())
                        .thenComparingLong(i -> i.path("id").asLong()))
                .toList();
    }

    /** One page ({@code page}, {@code limit}: BigCommerce's defaults 1 and 50) of a list. */
    private static List<ObjectNode> pageOf(List<ObjectNode> all, Map<String, String> query) {
        int limit = Math.max(1, Math.min(250, parse(query.get("limit"), 50)));
        int page = Math.max(1, parse(query.get("page"), 1));
        int from = Math.min(all.size(), (page - 1) * limit);
        return all.subList(from, Math.min(all.size(), from + limit));
    }

    private static int parse(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    // --- options

    private ObjectNode createOption(long productId, JsonNode body) {
        String name = body.path("display_name").asText("");
        JsonNode values = body.path("option_values");
        if (name.isBlank() || !body.path("type").isTextual() || !values.isArray() || values.isEmpty()) {
            throw new Refused(422, "an option needs display_name, type and at least one of option_values");
        }
        if (option(productId, name) != null) {
            throw new Refused(409, "product " + productId + " already has an option " + name);
        }
        ObjectNode option = json.createObjectNode().put("id", optionIds.incrementAndGet()).put("product_id", productId)
                .put("display_name", name).put("type", body.path("type").asText());
        option.putArray("option_values");
        options.put(option.path("id").asLong(), option);
        for (JsonNode v : values) {
            addValue(option, label(v));
        }
        return option;
    }

    private ObjectNode createOptionValue(long productId, long optionId, JsonNode body) {
        ObjectNode option = options.get(optionId);
        if (option == null || option.path("product_id").asLong() != productId) {
            throw new Refused(404, "product " + productId + " has no option " + optionId);
        }
        String label = label(body);
        if (value(option, label) != null) {
            throw new Refused(409, "option " + optionId + " already has a value " + label);
        }
        return addValue(option, label);
    }

    private String label(JsonNode value) {
        String label = value.path("label").asText("");
        if (label.isBlank()) {
            throw new Refused(422, "an option value needs a label");
        }
        return label;
    }

    private ObjectNode addValue(ObjectNode option, String label) {
        ArrayNode values = (ArrayNode) option.path("option_values");
        ObjectNode value = values.addObject().put("id", valueIds.incrementAndGet()).put("label", label)
                .put("sort_order", values.size() - 1);
        return value;
    }

    /** The value with this label of the product's option with this name, both created when missing. */
    private ObjectNode optionValueByLabel(long productId, String name, String label) {
        ObjectNode option = option(productId, name);
        if (option == null) {
            option = json.createObjectNode().put("id", optionIds.incrementAndGet()).put("product_id", productId)
                    .put("display_name", name).put("type", "dropdown");
            option.putArray("option_values");
            options.put(option.path("id").asLong(), option);
        }
        ObjectNode value = value(option, label);
        return variantValue(option, value == null ? addValue(option, label) : value);
    }

    private ObjectNode option(long productId, String name) {
        return optionsOf(productId).stream().filter(o -> o.path("display_name").asText().equalsIgnoreCase(name))
                .findFirst().orElse(null);
    }

    private static ObjectNode value(ObjectNode option, String label) {
        for (JsonNode v : option.path("option_values")) {
            if (v.path("label").asText().equalsIgnoreCase(label)) {
                return (ObjectNode) v;
            }
        }
        return null;
    }

    private ObjectNode variantValue(ObjectNode option, ObjectNode value) {
        return json.createObjectNode().put("id", value.path("id").asLong()).put("label", value.path("label").asText())
                .put("option_id", option.path("id").asLong()).put("option_display_name", option.path("display_name").asText());
    }

    // --- variants

    private ObjectNode createVariant(long productId, JsonNode body) {
        String sku = body.path("sku").asText("");
        if (sku.isBlank() || !body.path("option_values").isArray()) {
            throw new Refused(422, "a variant needs sku and option_values");
        }
        if (skus.containsKey(key(sku))) {
            throw new Refused(409, "The SKU " + sku + " is already in use" + owner(sku));
        }
        if (variantsOf(productId).size() >= VARIANTS_PER_PRODUCT) {
            throw new Refused(422, "product " + productId + " has " + VARIANTS_PER_PRODUCT + " variants, the most it may have");
        }
        List<ObjectNode> values = new ArrayList<>();
        for (JsonNode o : body.path("option_values")) {
            ObjectNode option = options.get(o.path("option_id").asLong(-1));
            ObjectNode value = null;
            if (option != null && option.path("product_id").asLong() == productId) {
                for (JsonNode v : option.path("option_values")) {
                    if (v.path("id").asLong() == o.path("id").asLong(-1)) {
                        value = (ObjectNode) v;
                    }
                }
            }
            if (value == null) {
                throw new Refused(422, "option value " + o.path("id").asText() + " of option " + o.path("option_id").asText()
                        + " does not exist on product " + productId);
            }
            values.add(variantValue(option, value));
        }
        return addVariant(productId, body, values);
    }

    private ObjectNode addVariant(long productId, JsonNode body, List<ObjectNode> values) {
        ObjectNode variant = json.createObjectNode().put("id", variantIds.incrementAndGet()).put("product_id", productId)
                .put("sku", body.path("sku").asText());
        if (body.path("price").isNumber()) {
            variant.put("price", body.path("price").decimalValue());
        }
        variant.putArray("option_values").addAll(values);
        variants.put(variant.path("id").asLong(), variant);
        skus.put(key(variant.path("sku").asText()), "variant " + variant.path("id").asLong() + " of product " + productId);
        return variant;
    }

    private Answer updateVariants(JsonNode body) {
        if (!body.isArray() || body.isEmpty() || body.size() > VARIANTS_PER_UPDATE) {
            throw new Refused(422, "batch update takes an array of 1 to " + VARIANTS_PER_UPDATE + " variants");
        }
        return batch(body, item -> {
            ObjectNode existing = variants.get(item.path("id").asLong(-1));
            if (existing == null) {
                throw new Refused(404, "variant " + item.path("id").asText() + " does not exist");
            }
            if (item.has("price") && (!item.path("price").isNumber() || item.path("price").asDouble() < 0)) {
                throw new Refused(422, "variant " + existing.path("id").asLong() + ": price must be a number of at least 0");
            }
            String sku = item.path("sku").asText(null);
            if (sku != null && !key(sku).equals(key(existing.path("sku").asText()))) {
                throw new Refused(409, "variant " + existing.path("id").asLong() + ": changing a SKU is not supported here");
            }
            if (item.has("price")) {
                existing.put("price", item.path("price").decimalValue());
            }
            return existing;
        });
    }

    /**
     * A batch update item by item: all saved is 200, some 207 (saved ones in data, the others in errors), none the
     * items' own status when they share one (404: none exists), else 422.
     */
    private Answer batch(JsonNode items, java.util.function.Function<JsonNode, ObjectNode> update) {
        ArrayNode saved = json.createArrayNode();
        ObjectNode details = json.createObjectNode();
        java.util.Set<Integer> statuses = new java.util.HashSet<>();
        for (JsonNode item : items) {
            try {
                saved.add(update.apply(item));
            } catch (Refused e) {
                details.put(item.path("id").asText("?"), e.getMessage());
                statuses.add(e.status);
            }
        }
        if (details.isEmpty()) {
            return ok(json.createObjectNode().set("data", saved));
        }
        int status = statuses.size() == 1 ? statuses.iterator().next() : 422;
        ObjectNode errors = json.createObjectNode().put("status", saved.isEmpty() ? status : 422)
                .put("title", saved.isEmpty() ? "No item of the batch was saved" : "Some items of the batch were not saved")
                .put("type", "about:blank");
        errors.set("errors", details);
        if (saved.isEmpty()) {
            return new Answer(status, errors);
        }
        ObjectNode out = json.createObjectNode();
        out.set("data", saved);
        out.set("errors", errors);
        return new Answer(207, out);
    }

    // --- helpers

    private Long productId(String sku) {
        return products.values().stream().filter(p -> p.path("sku").asText().equalsIgnoreCase(sku))
                .map(p -> p.path("id").asLong()).findFirst().orElse(null);
    }

    private List<ObjectNode> variantsOf(long productId) {
        return variants.values().stream().filter(v -> v.path("product_id").asLong() == productId).toList();
    }

    private List<ObjectNode> optionsOf(long productId) {
        return options.values().stream().filter(o -> o.path("product_id").asLong() == productId).toList();
    }

    private ObjectNode withVariants(ObjectNode product) {
        ObjectNode out = product.deepCopy();
        out.putArray("variants").addAll(variantsOf(product.path("id").asLong()));
        return out;
    }

    private String owner(String sku) {
        String owner = skus.get(key(sku));
        return owner == null ? "" : " (by " + owner + ")";
    }

    private static String key(String sku) {
        return sku.toLowerCase(Locale.ROOT);
    }

    private static JsonNode object(JsonNode body, String what) {
        if (body == null || !body.isObject()) {
            throw new Refused(422, "the body must be a JSON object: the " + what);
        }
        return body;
    }

    private Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    private ObjectNode data(JsonNode item) {
        ObjectNode out = json.createObjectNode();
        out.set("data", item);
        out.putObject("meta");
        return out;
    }

    private ObjectNode page(List<ObjectNode> items) {
        ObjectNode out = json.createObjectNode();
        ArrayNode data = out.putArray("data");
        items.forEach(data::add);
        out.putObject("meta").putObject("pagination").put("total", items.size()).put("count", items.size())
                .put("per_page", Math.max(50, items.size())).put("current_page", 1).put("total_pages", 1);
        return out;
    }

    private Answer notFound(String method, String path) {
        return problem(404, "no sandbox resource " + method + " " + path);
    }

    private Answer problem(int status, String title) {
        return new Answer(status, json.createObjectNode().put("status", status).put("title", title).put("type", "about:blank"));
    }

    /** A request the real API would refuse, with its status (404, 409, 422). */
    private static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
