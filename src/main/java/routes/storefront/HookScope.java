package routes.storefront;

import java.util.Arrays;
import java.util.Optional;

/**
 * The BigCommerce webhook scopes SyncHub registers, each with what it is about: an order (orders-in fetches it by
 * polling) or a storefront-side stock change (recorded, never applied to hub stock).
 */
public enum HookScope {
    ORDER_CREATED("store/order/created", Subject.ORDER),
    ORDER_UPDATED("store/order/updated", Subject.ORDER),
    ORDER_STATUS_UPDATED("store/order/statusUpdated", Subject.ORDER),
    SKU_INVENTORY_UPDATED("store/sku/inventory/updated", Subject.INVENTORY),
    PRODUCT_INVENTORY_UPDATED("store/product/inventory/updated", Subject.INVENTORY);

    /** What a callback of a scope is about. */
    public enum Subject { ORDER, INVENTORY }

    private final String scope;
    private final Subject subject;

    HookScope(String scope, Subject subject) {
        this.scope = scope;
        this.subject = subject;
    }

    /** The scope as BigCommerce spells it, e.g. {@code store/order/created}. */
    public String scope() {
        return scope;
    }

    public Subject subject() {
        return subject;
    }

    /** The scope BigCommerce spells {@code text}, or empty for one SyncHub does not register. */
    public static Optional<HookScope> of(String text) {
        return Arrays.stream(values()).filter(s -> s.scope.equals(text)).findFirst();
    }
}
