package routes.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import routes.catalog.ItemImageStore.HubImage;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.changelog.PushObserver;
import routes.platform.Tx;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "images-push": {@code images} changes from the change log to the storefront's product images. A row names a
 * product (key: its SKU) and one image of it (by URL); all rows of one image are consolidated into one call carrying
 * what the hub holds now. Per product the storefront's images are listed once and matched to the hub's by URL: a
 * missing one is added, one whose sort order or description differs is updated, one the hub no longer has is removed.
 * Deletes are never held (the change log lets them through a pause), and a claim that holds only an image's DELETE
 * rows never adds or updates it: adds and updates wait while images are paused. A product not on the storefront yet
 * leaves its images waiting (given back without an attempt) until catalog-push has created it. The steps (claim,
 * match, send, settle) are the ones route images-push-batches (routes/images-push.xml) loops over.
 */
public class ImagesPush {

    /** One claim from the change log: its rows (id order), and whether it was a full batch (more may wait). */
    public record Batch(List<ChangeLog.Claimed> rows, boolean full) {

        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /** One image of a product: its claimed rows (id order) and what the hub holds for its URL now (null: removed). */
    public record ImageChange(String url, List<ChangeLog.Claimed> rows, HubImage hub) {

        ChangeLog.Claimed newest() {
            return rows.get(rows.size() - 1);
        }

        /** Only DELETE rows were claimed (the type is paused, or the image was removed): never add or update it. */
        boolean deletesOnly() {
            return rows.stream().allMatch(r -> r.operation() == Change.Operation.DELETE);
        }
    }

    /** One product's claimed images, with its storefront id (null: not on the storefront yet). */
    public record ProductImages(String sku, Long productId, List<ImageChange> images) {
    }

    /** What a claim comes to, matched with the hub: per product, its images. */
    public record Plan(List<ProductImages> products, boolean full) {
    }

    /** How one image's rows end. */
    public enum Result {
        /** The storefront holds what the hub holds (a call made, or none needed). */
        SENT,
        /** Its product is not on the storefront yet: given back without an attempt. */
        WAITING,
        /** The storefront refused it (not retryable): parked as a dead letter. */
        PARKED,
        /** A retryable failure: given back with an attempt spent (parked once out of attempts). */
        GIVEN_BACK,
        /** Not tried: an earlier retryable failure ended the delivery; given back without an attempt. */
        UNTRIED
    }

    /** One image's outcome, with the storefront's request, answer and message when it failed. */
    public record Outcome(String sku, ImageChange image, Result result, String call, StorefrontException error) {
    }

    /** What a delivery came to: each image's outcome, the calls made, and the retryable failure that ended it. */
    public record Delivery(List<Outcome> outcomes, int calls, boolean full, StorefrontException retryable) {
    }

    private final ChangeLog changeLog;
    private final DeadLetters deadLetters;
    private final Storefront storefront;
    private final DataSource hub;
    private final Clock clock;
    private final int batchSize;
    private final int maxAttempts;
    private final CatalogItemStore items = new CatalogItemStore();
    private volatile PushObserver observer = PushObserver.NONE;

    public ImagesPush(ChangeLog changeLog, DeadLetters deadLetters, Storefront storefront, DataSource hub, Clock clock,
                      int batchSize, int maxAttempts) {
        this.changeLog = changeLog;
        this.deadLetters = deadLetters;
        this.storefront = storefront;
        this.hub = hub;
        this.clock = clock;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
    }

    public void setObserver(PushObserver observer) {
        this.observer = observer;
    }

    /** Step claim: the rows of up to batch-size images, claimed (leased to this node) in their own transaction. */
    public Batch claim(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        List<ChangeLog.Claimed> rows = changeLog.claim(EntityType.IMAGES, batchSize);
        run.read(rows.size());
        long images = rows.stream().map(r -> ChangeLog.entity(r.entityKey(), r.scope())).distinct().count();
        return new Batch(rows, images >= batchSize);
    }

    /** Step match: the claimed rows per product and image, with the product's storefront id and the hub's images. */
    public Plan match(@Body Batch batch) {
        Map<String, Map<String, List<ChangeLog.Claimed>>> bySku = new LinkedHashMap<>();
        for (ChangeLog.Claimed row : batch.rows()) {
            // by the payload's URL: rows logged before images had a scope per URL (scope '') still go one per image
            String url = Change.imageUrl(row.payload());
            bySku.computeIfAbsent(row.entityKey(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(url == null ? "\u0000" + row.scope() : url, k -> new ArrayList<>()).add(row);
        }
        return Tx.read(hub, c -> {
            List<ProductImages> products = new ArrayList<>();
            for (Map.Entry<String, Map<String, List<ChangeLog.Claimed>>> sku : bySku.entrySet()) {
                Map<String, HubImage> held = ItemImageStore.images(c, sku.getKey());
                List<ImageChange> images = new ArrayList<>();
                for (List<ChangeLog.Claimed> rows : sku.getValue().values()) {
                    rows.sort(Comparator.comparingLong(ChangeLog.Claimed::id));
                    String url = rows.stream().map(r -> Change.imageUrl(r.payload())).filter(Objects::nonNull)
                            .findFirst().orElse(null);
                    images.add(new ImageChange(url, List.copyOf(rows), url == null ? null : held.get(url)));
                }
                products.add(new ProductImages(sku.getKey(), items.productId(c, sku.getKey()), List.copyOf(images)));
            }
            return new Plan(List.copyOf(products), batch.full());
        });
    }

    /**
     * Step send: per product, its storefront images listed once and each claimed image brought in line with the hub
     * (add, update, remove, or nothing). Writes nothing to the hub: the outcomes are what settle writes. A retryable
     * failure ends the delivery; what was not tried yet is given back untouched.
     */
    public Delivery send(@Body Plan plan) {
        List<Outcome> outcomes = new ArrayList<>();
        int calls = 0;
        StorefrontException retryable = null;
        for (ProductImages product : plan.products()) {
            if (retryable != null || product.productId() == null) {
                Result result = retryable != null ? Result.UNTRIED : Result.WAITING;
                product.images().forEach(i -> outcomes.add(new Outcome(product.sku(), i, result, null, null)));
                continue;
            }
            Map<String, Storefront.ProductImage> onStore = new LinkedHashMap<>();
            try {
                calls++;
                for (Storefront.ProductImage image : storefront.productImages(product.productId())) {
                    if (image.url() != null) {
                        onStore.putIfAbsent(image.url(), image);
                    }
                }
            } catch (StorefrontException e) {
                Result result = e.retryable() ? Result.GIVEN_BACK : Result.PARKED;
                product.images().forEach(i -> outcomes.add(new Outcome(product.sku(), i, result, "list", e)));
                retryable = e.retryable() ? e : null;
                continue;
            }
            for (ImageChange image : product.images()) {
                if (retryable != null) {
                    outcomes.add(new Outcome(product.sku(), image, Result.UNTRIED, null, null));
                    continue;
                }
                if (image.url() == null) {
                    outcomes.add(new Outcome(product.sku(), image, Result.PARKED, null, new StorefrontException(
                            "change row " + image.newest().id() + " names no image URL (payload " + image.newest().payload()
                                    + "); images-read writes {\"url\": ...}", 0, null, null, false, null, null)));
                    continue;
                }
                String call = null;
                try {
                    call = bringInLine(product.productId(), image, onStore.get(image.url()));
                    if (call != null) {
                        calls++;
                    }
                    outcomes.add(new Outcome(product.sku(), image, Result.SENT, call, null));
                } catch (StorefrontException e) {
                    calls++;
                    if (e.retryable()) {
                        retryable = e;
                    }
                    outcomes.add(new Outcome(product.sku(), image, e.retryable() ? Result.GIVEN_BACK : Result.PARKED, call, e));
                }
            }
        }
        return new Delivery(List.copyOf(outcomes), calls, plan.full(), retryable);
    }

    /** The one call that makes the storefront hold what the hub holds for this image, made; null when none was needed. */
    private String bringInLine(long productId, ImageChange image, Storefront.ProductImage onStore) {
        HubImage wanted = image.hub();
        if (wanted == null || image.url() == null) {
            if (onStore == null) {
                return null;
            }
            try {
                storefront.deleteProductImage(productId, onStore.id());
            } catch (StorefrontException e) {
                if (e.status() != 404) {
                    throw e;
                }
                // gone already (a retried delete, or removed in the store's admin): what the hub wants
            }
            return "delete";
        }
        if (image.deletesOnly()) {
            // the image is back in the hub, but its UPSERT is held (paused): the add or update waits for it
            return null;
        }
        if (onStore == null) {
            storefront.addProductImage(productId, new Storefront.ProductImage(null, wanted.url(), wanted.sortOrder(),
                    wanted.description()));
            return "add";
        }
        if (onStore.sortOrder() != wanted.sortOrder() || !wanted.description().equals(
                onStore.description() == null ? "" : onStore.description())) {
            storefront.updateProductImage(productId, new Storefront.ProductImage(onStore.id(), wanted.url(),
                    wanted.sortOrder(), wanted.description()));
            return "update";
        }
        return null;
    }

    /**
     * Step settle: every outcome in one transaction: sent images done (older rows folded in), refused ones parked
     * with the storefront's message, a retryable failure's rows given back with an attempt spent (parked once out of
     * attempts), waiting and untried ones given back without one. A retryable failure then fails the run, so a later
     * run retries it: a failed push is retried or parked, never dropped. The result: whether the loop claims again
     * (a full batch that moved at least one image).
     */
    public boolean settle(@Body Delivery delivery, @ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                          @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        List<java.time.Instant> pushed = new ArrayList<>();
        boolean moved = Tx.inTransaction(hub, c -> {
            boolean any = false;
            for (Outcome o : delivery.outcomes()) {
                ImageChange image = o.image();
                List<ChangeLog.Claimed> older = image.rows().subList(0, image.rows().size() - 1);
                switch (o.result()) {
                    case SENT -> {
                        changeLog.finish(c, List.of(image.newest().id()), older.stream().map(ChangeLog.Claimed::id).toList());
                        if (image.hub() != null) {
                            ItemImageStore.synced(c, o.sku(), image.url(), clock.instant());
                        }
                        run.written(1);
                        image.rows().forEach(r -> pushed.add(r.createdAt()));
                        any = true;
                    }
                    case PARKED -> {
                        changeLog.finish(c, List.of(), older.stream().map(ChangeLog.Claimed::id).toList());
                        park(c, taskId, o, o.error().request(), o.error().response(), o.error().getMessage(), run);
                        any = true;
                    }
                    case GIVEN_BACK -> giveBack(c, taskId, o, run);
                    case WAITING -> changeLog.release(c, image.rows(), "waiting: product " + o.sku()
                            + " is not on the storefront yet (catalog-push creates it; images-push runs after it)");
                    case UNTRIED -> changeLog.release(c, image.rows(),
                            "not tried: the run ended on an earlier storefront failure");
                }
            }
            return any;
        });
        if (!pushed.isEmpty()) {
            observer.pushed(EntityType.IMAGES, pushed);
        }
        if (delivery.retryable() != null) {
            throw delivery.retryable();
        }
        return delivery.full() && moved;
    }

    private void giveBack(Connection c, String taskId, Outcome o, RunCounters run) throws SQLException {
        StorefrontException e = o.error();
        List<ChangeLog.Claimed> rows = o.image().rows();
        changeLog.finish(c, List.of(), rows.subList(0, rows.size() - 1).stream().map(ChangeLog.Claimed::id).toList());
        List<Long> dead = changeLog.fail(c, List.of(o.image().newest()), e.getMessage(), maxAttempts);
        if (dead.contains(o.image().newest().id())) {
            deadLetters.park(c, taskId, o.image().newest(), e.request(), e.response(),
                    "gave up after " + maxAttempts + " attempts: " + e.getMessage());
            run.failed(o.sku(), "image " + o.image().url(), e.getMessage());
        }
    }

    private void park(Connection c, String taskId, Outcome o, String request, String response, String reason,
                      RunCounters run) throws SQLException {
        deadLetters.parkChange(c, changeLog, taskId, o.image().newest(), request, response,
                "image " + o.image().url() + " of " + o.sku() + ": " + reason);
        run.failed(o.sku(), "image " + o.image().url(), reason);
    }
}
