package routes.catalog;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.ExchangeProperty;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.platform.Tx;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "catalog-push": {@code products} and {@code prices} changes from the change log to the storefront. Rows for
 * one SKU are coalesced and the hub's current item is sent. A SKU the hub has no storefront id for is looked up by
 * SKU first and created only when the storefront does not have it; known ones are updated up to 10 per call (the
 * API's limit). A rejected item is parked; a retryable failure gives the rows back for the next run.
 */
public class CatalogPush {

    /** BigCommerce's batch update takes at most this many products. */
    static final int UPDATE_LIMIT = 10;

    /** One coalesced SKU ready to send, with the change-log row that stands for it. */
    record Outgoing(ChangeLog.Claimed newest, Storefront.Product product) {
        boolean known() {
            return product.id() != null;
        }
    }

    private final ChangeLog changeLog;
    private final DeadLetters deadLetters;
    private final Storefront storefront;
    private final DataSource hub;
    private final int batchSize;
    private final int maxAttempts;

    public CatalogPush(ChangeLog changeLog, DeadLetters deadLetters, Storefront storefront, DataSource hub,
                       int batchSize, int maxAttempts) {
        this.changeLog = changeLog;
        this.deadLetters = deadLetters;
        this.storefront = storefront;
        this.hub = hub;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
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
            List<List<Outgoing>> units = units(coalesce(taskId, rows, run));
            for (int i = 0; i < units.size(); i++) {
                try {
                    send(taskId, units.get(i), run);
                } catch (StorefrontException e) {
                    giveBack(taskId, units.subList(i, units.size()).stream().flatMap(List::stream).toList(), e, run);
                    throw e;
                }
            }
            if (products.size() < batchSize && prices.size() < batchSize) {
                return;
            }
        }
    }

    /** Unknown SKUs one by one (each needs a look-up), known ones in batches of at most 10. */
    private static List<List<Outgoing>> units(List<Outgoing> outgoing) {
        List<List<Outgoing>> units = new ArrayList<>();
        List<Outgoing> known = new ArrayList<>();
        for (Outgoing o : outgoing) {
            if (o.known()) {
                known.add(o);
            } else {
                units.add(List.of(o));
            }
        }
        for (int from = 0; from < known.size(); from += UPDATE_LIMIT) {
            units.add(known.subList(from, Math.min(known.size(), from + UPDATE_LIMIT)));
        }
        return units;
    }

    private List<Outgoing> coalesce(String taskId, List<ChangeLog.Claimed> rows, RunCounters run) {
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
                HubItem item = item(c, newest.entityKey());
                String problem = item == null ? "the hub has no item " + newest.entityKey()
                        : item.parentSku() != null ? "variant of " + item.parentSku()
                                + ": the storefront client has no variants API yet, so variants are not pushed"
                        : item.deleted() ? "deleted in the back office: removing products from the storefront is not built yet"
                        : null;
                if (problem != null) {
                    park(c, taskId, newest, null, null, problem, run);
                    continue;
                }
                out.add(new Outgoing(newest, new Storefront.Product(item.storefrontId(), newest.entityKey(), item.name(),
                        "physical", item.price(), 0)));
            }
            return out;
        });
    }

    private void send(String taskId, List<Outgoing> unit, RunCounters run) {
        try {
            if (unit.size() == 1 && !unit.get(0).known()) {
                Outgoing only = unit.get(0);
                Long id = storefront.findProductIdBySku(only.product().sku());
                if (id == null) {
                    id = storefront.createProduct(only.product());
                } else {
                    Storefront.Product p = only.product();
                    storefront.updateProducts(List.of(new Storefront.Product(id, p.sku(), p.name(), p.type(), p.price(), p.weight())));
                }
                long productId = id;
                Tx.inTransaction(hub, c -> {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE item SET storefront_product_id = ? WHERE sku = ?")) {
                        ps.setLong(1, productId);
                        ps.setString(2, only.product().sku());
                        ps.executeUpdate();
                    }
                    changeLog.finish(c, List.of(only.newest().id()), List.of());
                    return null;
                });
            } else {
                storefront.updateProducts(unit.stream().map(Outgoing::product).toList());
                Tx.inTransaction(hub, c -> {
                    changeLog.finish(c, unit.stream().map(o -> o.newest().id()).toList(), List.of());
                    return null;
                });
            }
            run.written(unit.size());
        } catch (StorefrontException e) {
            if (e.retryable()) {
                throw e;
            }
            if (unit.size() > 1) {
                for (Outgoing o : unit) {
                    send(taskId, List.of(o), run);
                }
                return;
            }
            Tx.inTransaction(hub, c -> {
                park(c, taskId, unit.get(0).newest(), e.request(), e.response(), e.getMessage(), run);
                return null;
            });
        }
    }

    /** A retryable failure: the rows go back to wait for the next run; those out of attempts are parked. */
    private void giveBack(String taskId, List<Outgoing> rest, StorefrontException e, RunCounters run) {
        Tx.inTransaction(hub, c -> {
            List<ChangeLog.Claimed> rows = rest.stream().map(Outgoing::newest).toList();
            for (Long dead : changeLog.fail(c, rows, e.getMessage(), maxAttempts)) {
                ChangeLog.Claimed row = rows.stream().filter(r -> r.id() == dead).findFirst().orElseThrow();
                deadLetters.park(c, taskId, row, e.request(), e.response(), "gave up after " + maxAttempts + " attempts: " + e.getMessage());
                run.failed(row.entityKey(), row.entityType().column(), e.getMessage());
            }
            return null;
        });
    }

    private void park(Connection c, String taskId, ChangeLog.Claimed row, String request, String response, String reason,
                      RunCounters run) throws SQLException {
        deadLetters.parkChange(c, changeLog, taskId, row, request, response, reason);
        run.failed(row.entityKey(), row.entityType().column(), reason);
    }

    record HubItem(String parentSku, String name, BigDecimal price, Long storefrontId, boolean deleted) {
    }

    private static HubItem item(Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT parent_sku, name, price, storefront_product_id, deleted FROM item WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new HubItem(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getObject(4, Long.class), rs.getBoolean(5)) : null;
            }
        }
    }
}
