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

    /** A short name for history rows, e.g. "bigcommerce:sandbox". */
    String name();

    void setAbsoluteStock(List<StockItem> items, String reason);

    /** Creates a product and returns its storefront id. */
    long createProduct(Product product);

    /** Updates up to 10 products (each with its id) in one call. */
    void updateProducts(List<Product> products);

    /** The storefront id of the product with this SKU, or null. */
    Long findProductIdBySku(String sku);

    /** One page of orders modified at or after {@code since}, oldest change first; empty when past the end. */
    List<Order> ordersModifiedSince(Instant since, int page, int limit);

    /** The lines of one order. */
    List<OrderLine> orderLines(long orderId);

    /** The variants of a product. */
    List<Variant> variants(long productId);

    /** Creates a variant on its product and returns its storefront id. */
    long createVariant(Variant variant);

    /** Updates up to 50 variants (each with its id) in one call. */
    void updateVariants(List<Variant> variants);

    /** Adds an image the storefront fetches from {@code imageUrl}; returns the image id. */
    long addProductImage(long productId, String imageUrl, boolean thumbnail);

    /** How many times the calling thread's last call was retried (0 when it went through first time). */
    default int retriesOfLastCall() {
        return 0;
    }
}
