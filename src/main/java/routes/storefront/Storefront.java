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
}
