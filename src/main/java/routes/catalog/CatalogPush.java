package routes.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.catalog.CatalogItemStore.CatalogItem;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.platform.Tx;
import routes.storefront.BigCommerceClient;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "catalog-push": {@code products} and {@code prices} changes from the change log to the storefront. Rows for
 * one SKU are coalesced and the hub's current item is sent. A product the hub has no storefront id for is looked up
 * by SKU first and created only when the storefront does not have it, together with the variants the hub holds for
 * it (and the options they name); known products are updated up to 10 per call. Variants go per product
 * ({@link VariantPush}): a variant without a storefront id is looked up by SKU once and created with its options when
 * missing, known ones are updated up to 50 per call. A rejected item is parked with the storefront's message; a
 * retryable failure gives the rows back for the next run.
 */
public class CatalogPush {

    /** BigCommerce's batch update takes at most this many products. */
    static final int UPDATE_LIMIT = BigCommerceClient.PRODUCTS_PER_UPDATE;

    /** One round of a push: its task and counters, and the rows already settled or parked (never given back). */
    static final class Round {
        final String taskId;
        final RunCounters run;
        private final Set<Long> done = new HashSet<>();

        Round(String taskId, RunCounters run) {
            this.taskId = taskId;
            this.run = run;
        }
    }

    /** One coalesced SKU ready to send, with the change-log row that stands for it. */
    record Outgoing(ChangeLog.Claimed newest, CatalogItem item) {
        boolean known() {
            return item.storefrontProductId() != null;
        }

        Storefront.Product product(Long id) {
            return new Storefront.Product(id, item.sku(), item.name(), "physical", item.price(), 0);
        }
    }

    private final ChangeLog changeLog;
    private final DeadLetters deadLetters;
    private final Storefront storefront;
    private final DataSource hub;
    private final int batchSize;
    private final int maxAttempts;
    private final CatalogItemStore items = new CatalogItemStore();
    private final VariantPush variants;

    public CatalogPush(ChangeLog changeLog, DeadLetters deadLetters, Storefront storefront, DataSource hub,
                       int batchSize, int maxAttempts) {
        this.changeLog = changeLog;
        this.deadLetters = deadLetters;
        this.storefront = storefront;
        this.hub = hub;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.variants = new VariantPush(this, storefront, hub, items);
    }

    public void push(@ExchangeProperty(TaskRunPolicy.TASK_ID) String taskId,
                     @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        while (true) {
            List<ChangeLog.Claimed> products = changeLog.claim(EntityType.PRODUCTS, batchSize);
            List<ChangeLog.Claimed> prices = changeLog.claim(EntityType.PRICES, batchSize);
            if (products.isEmpty() && prices.isEmpty()) {
                return;
            }
            List<ChangeLog.Claimed> rows = new ArrayList<>(products);
            rows.addAll(prices);
            run.read(rows.size());
            Round round = new Round(taskId, run);
            List<List<Outgoing>> units = units(coalesce(round, rows));
            for (int i = 0; i < units.size(); i++) {
                try {
                    List<Outgoing> unit = units.get(i);
                    if (unit.get(0).item().variant()) {
                        variants.send(round, unit);
                    } else {
                        send(round, unit);
                    }
                } catch (StorefrontException e) {
                    giveBack(round, units.subList(i, units.size()).stream().flatMap(List::stream).toList(), e);
                    throw e;
                }
            }
            if (products.size() < batchSize && prices.size() < batchSize) {
                return;
            }
        }
    }

    /**
     * Unknown products one by one (each needs a look-up), known ones in batches of at most 10, then the variants
     * one unit per product (after the products, so a product created with its variants here saves their look-ups).
     */
    private static List<List<Outgoing>> units(List<Outgoing> outgoing) {
        List<List<Outgoing>> units = new ArrayList<>();
        List<Outgoing> known = new ArrayList<>();
        Map<String, List<Outgoing>> variantsByProduct = new LinkedHashMap<>();
        for (Outgoing o : outgoing) {
            if (o.item().variant()) {
                variantsByProduct.computeIfAbsent(o.item().parentSku(), k -> new ArrayList<>()).add(o);
            } else if (o.known()) {
                known.add(o);
            } else {
                units.add(List.of(o));
            }
        }
        for (int from = 0; from < known.size(); from += UPDATE_LIMIT) {
            units.add(known.subList(from, Math.min(known.size(), from + UPDATE_LIMIT)));
        }
        units.addAll(variantsByProduct.values());
        return units;
    }

    private List<Outgoing> coalesce(Round round, List<ChangeLog.Claimed> rows) {
        Map<String, List<ChangeLog.Claimed>> bySku = new LinkedHashMap<>();
        for (ChangeLog.Claimed row : rows) {
            bySku.computeIfAbsent(row.entityKey(), k -> new ArrayList<>()).add(row);
        }
        return Tx.inTransaction(hub, c -> {
            List<Outgoing> out = new ArrayList<>();
            for (List<ChangeLog.Claimed> group : bySku.values()) {
                group.sort((a, b) -> Long.compare(a.id(), b.id()));
                ChangeLog.Claimed newest = group.get(group.size() - 1);
                changeLog.finish(c, List.of(), group.subList(0, group.size() - 1).stream().map(ChangeLog.Claimed::id).toList());
                CatalogItem item = items.item(c, newest.entityKey());
                String problem = item == null ? "the hub has no item " + newest.entityKey()
                        : item.deleted() ? "deleted in the back office: removing "
                                + (item.variant() ? "variants" : "products") + " from the storefront is not built yet"
                        : null;
                if (problem != null) {
                    park(c, round, newest, null, null, problem);
                    continue;
                }
                out.add(new Outgoing(newest, item));
            }
            return out;
        });
    }

    private void send(Round round, List<Outgoing> unit) {
        try {
            if (unit.size() == 1 && !unit.get(0).known()) {
                Outgoing only = unit.get(0);
                Long id = storefront.findProductIdBySku(only.item().sku());
                if (id != null) {
                    List<Storefront.Rejected> rejected = storefront.updateProducts(List.of(only.product(id)));
                    long productId = id;
                    Tx.inTransaction(hub, c -> {
                        items.setProductId(c, only.item().sku(), productId);
                        return null;
                    });
                    settleOrPark(round, unit, rejected);
                    return;
                }
                variants.createWithVariants(round, only.item(), only.newest());
                return;
            }
            List<Storefront.Rejected> rejected = storefront.updateProducts(
                    unit.stream().map(o -> o.product(o.item().storefrontProductId())).toList());
            settleOrPark(round, unit, rejected);
        } catch (StorefrontException e) {
            if (e.retryable()) {
                throw e;
            }
            if (unit.size() > 1) {
                for (Outgoing o : unit) {
                    send(round, List.of(o));
                }
                return;
            }
            Tx.inTransaction(hub, c -> {
                park(c, round, unit.get(0).newest(), e.request(), e.response(), e.getMessage());
                return null;
            });
        }
    }

    /** A batch's answer item by item: what the storefront took is settled, what it rejected (207) is parked. */
    private void settleOrPark(Round round, List<Outgoing> unit, List<Storefront.Rejected> rejected) {
        Tx.inTransaction(hub, c -> {
            for (Outgoing o : unit) {
                Storefront.Rejected no = rejected.stream()
                        .filter(r -> o.item().storefrontProductId() == null || r.id() == o.item().storefrontProductId())
                        .findFirst().orElse(null);
                if (no == null) {
                    settle(c, round, o.newest());
                } else {
                    park(c, round, o.newest(), null, null, no.message());
                }
            }
            return null;
        });
    }

    /** A row delivered: SENT, counted as written. */
    void settle(Connection c, Round round, ChangeLog.Claimed row) throws SQLException {
        changeLog.finish(c, List.of(row.id()), List.of());
        round.done.add(row.id());
        round.run.written(1);
    }

    /** A retryable failure: the rows go back to wait for the next run; those out of attempts are parked. */
    private void giveBack(Round round, List<Outgoing> rest, StorefrontException e) {
        Tx.inTransaction(hub, c -> {
            List<ChangeLog.Claimed> rows = rest.stream().map(Outgoing::newest).filter(r -> !round.done.contains(r.id())).toList();
            for (Long dead : changeLog.fail(c, rows, e.getMessage(), maxAttempts)) {
                ChangeLog.Claimed row = rows.stream().filter(r -> r.id() == dead).findFirst().orElseThrow();
                deadLetters.park(c, round.taskId, row, e.request(), e.response(), "gave up after " + maxAttempts + " attempts: " + e.getMessage());
                round.run.failed(row.entityKey(), row.entityType().column(), e.getMessage());
            }
            return null;
        });
    }

    /** A row that cannot be delivered: parked as a dead letter with the reason, counted as failed. */
    void park(Connection c, Round round, ChangeLog.Claimed row, String request, String response, String reason)
            throws SQLException {
        deadLetters.parkChange(c, changeLog, round.taskId, row, request, response, reason);
        round.done.add(row.id());
        round.run.failed(row.entityKey(), row.entityType().column(), reason);
    }
}
