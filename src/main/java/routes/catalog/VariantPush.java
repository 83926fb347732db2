package routes.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import routes.catalog.CatalogItemStore.CatalogItem;
import routes.catalog.CatalogPush.Outgoing;
import routes.catalog.CatalogPush.Round;
import routes.changelog.ChangeLog;
import routes.platform.Tx;
import routes.storefront.BigCommerceClient;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;

/**
 * catalog-push's variants, one product at a time. The product is found by its storefront id, else by SKU, else
 * created with the hub's variants for it. A variant without a storefront id is looked up by SKU once (the id is then
 * kept in the hub); one the storefront does not have is created with its options and option values, which are
 * created on the product when missing and reused when present. Known variants are updated up to 50 per call. A
 * product keeps at most 600 variants: the ones beyond (in SKU order) are parked, never dropped.
 */
final class VariantPush {

    static final int UPDATE_LIMIT = BigCommerceClient.VARIANTS_PER_UPDATE;
    static final int PER_PRODUCT = BigCommerceClient.VARIANTS_PER_PRODUCT;

    private final CatalogPush push;
    private final Storefront storefront;
    private final DataSource hub;
    private final CatalogItemStore items;

    VariantPush(CatalogPush push, Storefront storefront, DataSource hub, CatalogItemStore items) {
        this.push = push;
        this.storefront = storefront;
        this.hub = hub;
        this.items = items;
    }

    /**
     * Creates a product the storefront does not have, with the hub's variants for it (those that name their options;
     * the others are parked when their own rows come). Settles {@code row} when there is one. When the storefront
     * refuses the product with its variants (a variant SKU taken, say), the product is created alone and each
     * variant goes its own way.
     */
    long createWithVariants(Round round, CatalogItem product, ChangeLog.Claimed row) {
        List<CatalogItem> children = Tx.read(hub, c -> items.variantsOf(c, product.sku(), PER_PRODUCT));
        List<CatalogItem> sent = new ArrayList<>();
        List<Storefront.NewVariant> variants = new ArrayList<>();
        for (CatalogItem child : children) {
            try {
                variants.add(new Storefront.NewVariant(child.sku(), child.price(), VariantOptions.of(child.sku(), child.attributes())));
                sent.add(child);
            } catch (VariantOptions.Unusable e) {
                // parked with this reason when the variant's own row is pushed
            }
        }
        Storefront.Product p = new Storefront.Product(null, product.sku(), product.name(), "physical", product.price(), 0);
        Storefront.CreatedProduct created;
        if (variants.isEmpty()) {
            created = new Storefront.CreatedProduct(storefront.createProduct(p), Map.of());
        } else {
            try {
                created = storefront.createProductWithVariants(p, variants);
            } catch (StorefrontException e) {
                if (e.retryable()) {
                    throw e;
                }
                created = new Storefront.CreatedProduct(storefront.createProduct(p), Map.of());
            }
        }
        Storefront.CreatedProduct done = created;
        Tx.inTransaction(hub, c -> {
            items.setProductId(c, product.sku(), done.id());
            for (CatalogItem child : sent) {
                Long variantId = done.variantIds().get(child.sku());
                if (variantId != null) {
                    items.setVariantId(c, child.sku(), done.id(), variantId);
                }
            }
            if (row != null) {
                push.settle(c, round, row);
            }
            return null;
        });
        return done.id();
    }

    /** The variants of one product (all of {@code unit} name the same parent). */
    void send(Round round, List<Outgoing> unit) {
        String parentSku = unit.get(0).item().parentSku();
        CatalogItem parent = Tx.read(hub, c -> items.item(c, parentSku));
        String problem = parent == null || parent.variant() ? "its product " + parentSku + " is not a product in the hub"
                : parent.deleted() ? "its product " + parentSku + " is deleted in the back office" : null;
        if (problem != null) {
            parkAll(round, unit, problem);
            return;
        }
        long productId = productId(round, parent);
        List<Outgoing> known = new ArrayList<>();
        List<Outgoing> unknown = new ArrayList<>();
        Tx.inTransaction(hub, c -> {
            int count = items.variantCount(c, parentSku);
            for (Outgoing o : unit) {
                CatalogItem fresh = items.item(c, o.item().sku());
                Outgoing now = new Outgoing(o.newest(), fresh == null ? o.item() : fresh);
                if (items.variantPosition(c, parentSku, o.item().sku()) >= PER_PRODUCT) {
                    push.park(c, round, o.newest(), null, null, "product " + parentSku + " has " + count
                            + " variants in the hub; BigCommerce allows " + PER_PRODUCT + " per product and "
                            + o.item().sku() + " is beyond the first " + PER_PRODUCT + " (in SKU order): split the product"
                            + " in the back office");
                } else if (now.item().storefrontVariantId() != null) {
                    known.add(now);
                } else {
                    unknown.add(now);
                }
            }
            return null;
        });
        Options options = new Options(productId);
        for (Outgoing o : unknown) {
            Outgoing found = lookUpOrCreate(round, o, productId, options);
            if (found != null) {
                known.add(found);
            }
        }
        for (int from = 0; from < known.size(); from += UPDATE_LIMIT) {
            update(round, known.subList(from, Math.min(known.size(), from + UPDATE_LIMIT)), options, true);
        }
    }

    /** The product's storefront id: kept in the hub, else found by SKU (and kept), else the product is created. */
    private long productId(Round round, CatalogItem parent) {
        if (parent.storefrontProductId() != null) {
            return parent.storefrontProductId();
        }
        Long found = storefront.findProductIdBySku(parent.sku());
        if (found == null) {
            return createWithVariants(round, parent, null);
        }
        Tx.inTransaction(hub, c -> {
            items.setProductId(c, parent.sku(), found);
            return null;
        });
        return found;
    }

    /** A variant without a storefront id: found by SKU (returned, to be updated) or created (settled here). */
    private Outgoing lookUpOrCreate(Round round, Outgoing o, long productId, Options options) {
        CatalogItem v = o.item();
        try {
            Storefront.VariantRef ref = storefront.findVariantBySku(v.sku());
            if (ref != null) {
                if (ref.productId() != productId) {
                    parkOne(round, o, null, "SKU " + v.sku() + " is variant " + ref.id() + " of storefront product "
                            + ref.productId() + ", not of " + v.parentSku() + " (storefront product " + productId
                            + "): move it in the storefront or correct its product in the back office");
                    return null;
                }
                Tx.inTransaction(hub, c -> {
                    items.setVariantId(c, v.sku(), productId, ref.id());
                    return null;
                });
                return new Outgoing(o.newest(), new CatalogItem(v.sku(), v.parentSku(), v.name(), v.price(),
                        v.attributes(), productId, ref.id(), false));
            }
            Map<String, String> wanted;
            try {
                wanted = VariantOptions.of(v.sku(), v.attributes());
            } catch (VariantOptions.Unusable e) {
                parkOne(round, o, null, e.getMessage());
                return null;
            }
            List<Storefront.OptionValue> values = options.valuesFor(wanted);
            long id = storefront.createVariant(new Storefront.Variant(null, productId, v.sku(), v.price(), null, values));
            Tx.inTransaction(hub, c -> {
                items.setVariantId(c, v.sku(), productId, id);
                push.settle(c, round, o.newest());
                return null;
            });
            return null;
        } catch (StorefrontException e) {
            if (e.retryable()) {
                throw e;
            }
            parkOne(round, o, e, e.getMessage());
            return null;
        }
    }

    /**
     * Up to 50 known variants in one call; a 207 settles the saved ones and parks the rest with the API's words. A
     * variant the storefront answers 404 for by its kept id (deleted there since) is looked up by SKU again, once.
     */
    private void update(Round round, List<Outgoing> batch, Options options, boolean mayLookUpAgain) {
        try {
            List<Storefront.Rejected> rejected = storefront.updateVariants(batch.stream()
                    .map(o -> new Storefront.Variant(o.item().storefrontVariantId(), o.item().storefrontProductId(),
                            o.item().sku(), o.item().price(), null, List.of()))
                    .toList());
            Tx.inTransaction(hub, c -> {
                for (Outgoing o : batch) {
                    Storefront.Rejected no = rejected.stream().filter(r -> r.id() == o.item().storefrontVariantId())
                            .findFirst().orElse(null);
                    if (no == null) {
                        push.settle(c, round, o.newest());
                    } else {
                        push.park(c, round, o.newest(), null, null, "variant " + o.item().sku() + ": " + no.message());
                    }
                }
                return null;
            });
        } catch (StorefrontException e) {
            if (e.retryable()) {
                throw e;
            }
            if (batch.size() > 1) {
                batch.forEach(o -> update(round, List.of(o), options, mayLookUpAgain));
                return;
            }
            Outgoing only = batch.get(0);
            if (e.status() == 404 && mayLookUpAgain) {
                CatalogItem v = only.item();
                Tx.inTransaction(hub, c -> {
                    items.clearVariantId(c, v.sku());
                    return null;
                });
                Outgoing forgotten = new Outgoing(only.newest(), new CatalogItem(v.sku(), v.parentSku(), v.name(),
                        v.price(), v.attributes(), v.storefrontProductId(), null, false));
                Outgoing found = lookUpOrCreate(round, forgotten, options.productId, options);
                if (found != null) {
                    update(round, List.of(found), options, false);
                }
                return;
            }
            parkOne(round, only, e, e.getMessage());
        }
    }

    private void parkOne(Round round, Outgoing o, StorefrontException e, String reason) {
        Tx.inTransaction(hub, c -> {
            push.park(c, round, o.newest(), e == null ? null : e.request(), e == null ? null : e.response(), reason);
            return null;
        });
    }

    private void parkAll(Round round, List<Outgoing> unit, String problem) {
        Tx.inTransaction(hub, c -> {
            for (Outgoing o : unit) {
                push.park(c, round, o.newest(), null, null, "variant " + o.item().sku() + ": " + problem);
            }
            return null;
        });
    }

    /** A product's options, read once when first needed; missing options and values are created and remembered. */
    private final class Options {
        private final long productId;
        private List<Storefront.ProductOption> known;

        Options(long productId) {
            this.productId = productId;
        }

        List<Storefront.OptionValue> valuesFor(Map<String, String> wanted) {
            if (known == null) {
                known = new ArrayList<>(storefront.options(productId));
            }
            List<Storefront.OptionValue> values = new ArrayList<>();
            wanted.forEach((name, label) -> {
                int at = indexOf(name);
                if (at < 0) {
                    known.add(storefront.createOption(productId, name, List.of(label)));
                    at = known.size() - 1;
                }
                Storefront.ProductOption option = known.get(at);
                Storefront.OptionLabel value = option.value(label);
                if (value == null) {
                    value = storefront.createOptionValue(productId, option.id(), label);
                    List<Storefront.OptionLabel> labels = new ArrayList<>(option.values());
                    labels.add(value);
                    known.set(at, new Storefront.ProductOption(option.id(), option.displayName(), List.copyOf(labels)));
                }
                values.add(new Storefront.OptionValue(value.id(), option.id()));
            });
            return values;
        }

        private int indexOf(String name) {
            for (int i = 0; i < known.size(); i++) {
                if (known.get(i).displayName().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
