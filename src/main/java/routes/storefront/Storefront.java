package routes.storefront;

import java.time.Instant;
import java.util.List;

/** What SyncHub asks of a storefront; {@link BigCommerceClient} is the BigCommerce implementation. */
public interface Storefront {

    /** An absolute stock level at a storefront location, identified by SKU. */
    record StockItem(long locationId, String sku, int quantity) {
    }

    /** A product as SyncHub sends it (create or update by id). */
    record Product(Long id, String sku, String name, String type, java.math.BigDecimal price, Integer weight) {
    }

    /** An order as read from the storefront; money is exact, dates are instants. */
    record Order(long id, String status, int statusId, Instant dateCreated, Instant dateModified,
                 java.math.BigDecimal total, String currency, String customerEmail) {
    }

    /** One line of an order (BigCommerce v2 order products). */
    record OrderLine(String sku, String name, int quantity, java.math.BigDecimal price) {
    }

    /** A product variant: {@code optionValues} are needed to create one, {@code id} to update one. */
    record Variant(Long id, Long productId, String sku, java.math.BigDecimal price, Integer inventoryLevel,
                   List<OptionValue> optionValues) {
    }

    /** One option value of a variant (e.g. colour Beige: id 174 of option 220). */
    record OptionValue(long id, long optionId) {
    }

    /** A variant option of a product (e.g. "Colour") with its values. */
    record ProductOption(long id, String displayName, List<OptionLabel> values) {
        /** The value with this label (BigCommerce compares labels case-insensitively), or null. */
        public OptionLabel value(String label) {
            return values.stream().filter(v -> v.label().equalsIgnoreCase(label)).findFirst().orElse(null);
        }
    }

    /** One value of a product option (e.g. "Beige", id 174). */
    record OptionLabel(long id, String label) {
    }

    /** A variant sent with its new product: options by display name -> label, created on the product with it. */
    record NewVariant(String sku, java.math.BigDecimal price, java.util.Map<String, String> options) {
    }

    /** A product just created, with the ids of the variants created with it (by SKU; a missing SKU was not created). */
    record CreatedProduct(long id, java.util.Map<String, Long> variantIds) {
    }

    /** Where a variant lives on the storefront. */
    record VariantRef(long id, long productId) {
    }

    /** One item of a batch the storefront did not take (a 207 multi-status answer), with the storefront's message. */
    record Rejected(long id, String message) {
    }

    /**
     * A level as the storefront holds it at one location: on hand ({@code total_inventory_onhand}, what an absolute
     * adjustment sets), with the variant id when the storefront names one.
     */
    record StoreLevel(String sku, Long variantId, long locationId, int onHand) {
    }

    /** One page of a location's levels; {@code last} when no page follows. */
    record StoreLevelPage(List<StoreLevel> levels, boolean last) {
    }

    /** A short name for history rows, e.g. "bigcommerce:sandbox". */
    String name();

    void setAbsoluteStock(List<StockItem> items, String reason);

    /**
     * The storefront's on-hand level of these SKUs at every location it keeps them (a read-back after a write whose
     * outcome is unknown). A storefront that cannot say answers with a StorefrontException.
     */
    default List<StockItem> stockLevels(java.util.Collection<String> skus) {
        throw new StorefrontException(name() + " cannot read stock levels back", 0, null, null, true, null, null);
    }

    /** Creates a product and returns its storefront id. */
    long createProduct(Product product);

    /** Creates a product together with its variants (and the options they name) in one call. */
    CreatedProduct createProductWithVariants(Product product, List<NewVariant> variants);

    /** Updates up to 10 products (each with its id) in one call; returns those the storefront did not take. */
    List<Rejected> updateProducts(List<Product> products);

    /** The storefront id of the product with this SKU, or null. */
    Long findProductIdBySku(String sku);

    /** One page of orders modified at or after {@code since}, oldest change first; empty when past the end. */
    List<Order> ordersModifiedSince(Instant since, int page, int limit);

    /** The lines of one order. */
    List<OrderLine> orderLines(long orderId);

    /** The variants of a product. */
    List<Variant> variants(long productId);

    /** The storefront variant with this SKU, or null. */
    VariantRef findVariantBySku(String sku);

    /** The variant options of a product, with their values. */
    List<ProductOption> options(long productId);

    /** Creates a variant option on a product with these values (at least one). */
    ProductOption createOption(long productId, String displayName, List<String> labels);

    /** Adds a value to an option of a product. */
    OptionLabel createOptionValue(long productId, long optionId, String label);

    /** Creates a variant on its product and returns its storefront id. */
    long createVariant(Variant variant);

    /** Updates up to 50 variants (each with its id) in one call; returns those the storefront did not take. */
    List<Rejected> updateVariants(List<Variant> variants);

    /**
     * A product image: the URL the storefront fetched it from (how SyncHub matches it to the hub's), its place in the
     * product's gallery and its description; {@code id} is the storefront's (null before it is created).
     */
    record ProductImage(Long id, String url, int sortOrder, String description) {
    }

    /** The images of a product (every page), each with the URL it was created from. */
    List<ProductImage> productImages(long productId);

    /** Adds an image the storefront fetches from its URL, with its sort order and description; returns the image id. */
    long addProductImage(long productId, ProductImage image);

    /** Sets an image's sort order and description (by its id). */
    void updateProductImage(long productId, ProductImage image);

    /** Removes an image from a product. */
    void deleteProductImage(long productId, long imageId);

    /**
     * One page (from 1) of the levels at storefront location {@code locationId}, in the storefront's order, at most
     * {@code limit} items. A storefront that cannot list its inventory says so.
     */
    default StoreLevelPage inventoryLevels(long locationId, int page, int limit) {
        throw new UnsupportedOperationException(name() + " does not list its inventory levels");
    }

    /** How many times the calling thread's last call was retried (0 when it went through first time). */
    default int retriesOfLastCall() {
        return 0;
    }
}
