package routes.storefront;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every call the BigCommerce client can make: method, path template (relative to its API's base) and the OpenAPI
 * file that describes it. The client sends nothing else, and the contract test drives each value against a Prism mock
 * of its file, so a new call without a contract test fails the build.
 */
public enum BigCommerceOperation {

    SET_ABSOLUTE_STOCK("PUT", "/inventory/adjustments/absolute", Spec.INVENTORY, RateBudget.Priority.INVENTORY),
    /** The store's inventory items: one location's page ({@code location_id:in}) or the items of some SKUs ({@code sku:in}). */
    LIST_INVENTORY_ITEMS("GET", "/inventory/items", Spec.INVENTORY, RateBudget.Priority.INVENTORY),
    FIND_PRODUCTS_BY_SKU("GET", "/catalog/products", Spec.PRODUCTS, RateBudget.Priority.CATALOG),
    CREATE_PRODUCT("POST", "/catalog/products", Spec.PRODUCTS, RateBudget.Priority.CATALOG),
    UPDATE_PRODUCTS("PUT", "/catalog/products", Spec.PRODUCTS, RateBudget.Priority.CATALOG),
    LIST_PRODUCT_IMAGES("GET", "/catalog/products/{product_id}/images", Spec.PRODUCTS, RateBudget.Priority.IMAGES),
    ADD_PRODUCT_IMAGE("POST", "/catalog/products/{product_id}/images", Spec.PRODUCTS, RateBudget.Priority.IMAGES),
    UPDATE_PRODUCT_IMAGE("PUT", "/catalog/products/{product_id}/images/{image_id}", Spec.PRODUCTS,
            RateBudget.Priority.IMAGES),
    DELETE_PRODUCT_IMAGE("DELETE", "/catalog/products/{product_id}/images/{image_id}", Spec.PRODUCTS,
            RateBudget.Priority.IMAGES),
    LIST_PRODUCT_OPTIONS("GET", "/catalog/products/{product_id}/options", Spec.OPTIONS, RateBudget.Priority.CATALOG),
    CREATE_PRODUCT_OPTION("POST", "/catalog/products/{product_id}/options", Spec.OPTIONS, RateBudget.Priority.CATALOG),
    CREATE_OPTION_VALUE("POST", "/catalog/products/{product_id}/options/{option_id}/values", Spec.OPTIONS,
            RateBudget.Priority.CATALOG),
    LIST_PRODUCT_VARIANTS("GET", "/catalog/products/{product_id}/variants", Spec.VARIANTS, RateBudget.Priority.CATALOG),
    CREATE_VARIANT("POST", "/catalog/products/{product_id}/variants", Spec.VARIANTS, RateBudget.Priority.CATALOG),
    FIND_VARIANTS_BY_SKU("GET", "/catalog/variants", Spec.VARIANTS, RateBudget.Priority.CATALOG),
    UPDATE_VARIANTS("PUT", "/catalog/variants", Spec.VARIANTS, RateBudget.Priority.CATALOG),
    LIST_ORDERS("GET", "/orders", Spec.ORDERS, RateBudget.Priority.ORDERS),
    LIST_ORDER_PRODUCTS("GET", "/orders/{order_id}/products", Spec.ORDERS, RateBudget.Priority.ORDERS),
    LIST_HOOKS("GET", "/hooks", Spec.HOOKS, RateBudget.Priority.ORDERS),
    CREATE_HOOK("POST", "/hooks", Spec.HOOKS, RateBudget.Priority.ORDERS),
    UPDATE_HOOK("PUT", "/hooks/{webhook_id}", Spec.HOOKS, RateBudget.Priority.ORDERS);

    /** BigCommerce's OpenAPI files, one per API the client speaks to; each has its own base URL. */
    public enum Spec {
        PRODUCTS("bc-products_catalog.v3.yml"),
        VARIANTS("bc-product-variants_catalog.v3.yml"),
        OPTIONS("bc-product-variant-options_catalog.v3.yml"),
        INVENTORY("bc-inventory.v3.yml"),
        ORDERS("bc-orders.v2.oas2.yml"),
        HOOKS("bc-webhooks.v3.yml");

        private final String file;

        Spec(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)}");

    private final String method;
    private final String pathTemplate;
    private final Spec spec;
    private final RateBudget.Priority priority;

    BigCommerceOperation(String method, String pathTemplate, Spec spec, RateBudget.Priority priority) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.spec = spec;
        this.priority = priority;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    public Spec spec() {
        return spec;
    }

    RateBudget.Priority priority() {
        return priority;
    }

    /** A call that changes the storefront: its time-out after sending leaves the outcome unknown. */
    boolean writes() {
        return !method.equals("GET");
    }

    /** A POST is not idempotent: retried only when the storefront cannot have acted on it. */
    boolean idempotent() {
        return !method.equals("POST");
    }

    /** The path with its parameters filled in, in template order; a wrong count is a programming error. */
    public String path(Object... parameters) {
        Matcher m = PARAMETER.matcher(pathTemplate);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            if (i >= parameters.length) {
                throw new IllegalArgumentException(this + " needs " + m.group(1) + " (" + pathTemplate + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(
                    URLEncoder.encode(String.valueOf(parameters[i++]), StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        if (i != parameters.length) {
            throw new IllegalArgumentException(this + " takes " + i + " path parameters (" + pathTemplate + "), got "
                    + parameters.length);
        }
        return out.toString();
    }
}
