package routes.storefront;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A storefront a route test scripts: its orders (paged as the real one pages them), each order's lines, and what a
 * stock call answers; it records every stock call. The catalogue calls are not part of any route test.
 */
public final class ScriptedStorefront implements Storefront {

    private final List<Order> orders = new CopyOnWriteArrayList<>();
    private final List<List<StockItem>> stockCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger lineCalls = new AtomicInteger();
    private volatile LongFunction<List<OrderLine>> lines = id -> List.of(new OrderLine("SKU-" + id, "Item " + id, 1, java.math.BigDecimal.ONE));
    private volatile Function<List<StockItem>, StorefrontException> stockAnswer = items -> null;

    /** The orders the storefront holds, oldest change first. */
    public ScriptedStorefront orders(List<Order> orders) {
        this.orders.clear();
        this.orders.addAll(orders);
        return this;
    }

    /** What {@link #orderLines} answers (it may throw). */
    public ScriptedStorefront lines(LongFunction<List<OrderLine>> lines) {
        this.lines = lines;
        return this;
    }

    /** The failure a stock call gets (null: the call goes through). */
    public ScriptedStorefront stockAnswer(Function<List<StockItem>, StorefrontException> answer) {
        this.stockAnswer = answer;
        return this;
    }

    /** The stock calls made, each with its items. */
    public List<List<StockItem>> stockCalls() {
        return Collections.unmodifiableList(stockCalls);
    }

    public int lineCalls() {
        return lineCalls.get();
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public void setAbsoluteStock(List<StockItem> items, String reason) {
        stockCalls.add(List.copyOf(items));
        StorefrontException failure = stockAnswer.apply(items);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<Order> ordersModifiedSince(Instant since, int page, int limit) {
        List<Order> modified = new ArrayList<>();
        for (Order order : orders) {
            if (!order.dateModified().isBefore(since)) {
                modified.add(order);
            }
        }
        int from = (page - 1) * limit;
        return from >= modified.size() ? List.of() : List.copyOf(modified.subList(from, Math.min(modified.size(), from + limit)));
    }

    @Override
    public List<OrderLine> orderLines(long orderId) {
        lineCalls.incrementAndGet();
        return lines.apply(orderId);
    }

    @Override
    public long createProduct(Product product) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public CreatedProduct createProductWithVariants(Product product, List<NewVariant> variants) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public List<Rejected> updateProducts(List<Product> products) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public Long findProductIdBySku(String sku) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public List<Variant> variants(long productId) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public long createVariant(Variant variant) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public List<Rejected> updateVariants(List<Variant> variants) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public VariantRef findVariantBySku(String sku) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public List<ProductOption> options(long productId) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public ProductOption createOption(long productId, String displayName, List<String> labels) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public OptionLabel createOptionValue(long productId, long optionId, String label) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public List<ProductImage> productImages(long productId) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public long addProductImage(long productId, ProductImage image) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public void updateProductImage(long productId, ProductImage image) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public void deleteProductImage(long productId, long imageId) {
        throw new UnsupportedOperationException("not scripted");
    }
}
