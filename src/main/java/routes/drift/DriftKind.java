package routes.drift;

import java.util.Arrays;
import java.util.Optional;

/** Why a storefront level differs from the hub's, judged by what SyncHub last pushed for it. */
public enum DriftKind {

    /** The storefront holds something other than SyncHub's last push: changed behind SyncHub's back. */
    STORE_CHANGED("store-changed"),
    /** The storefront holds SyncHub's last push, but the hub has moved on (a push pending, paused or kept back). */
    HUB_AHEAD("hub-ahead"),
    /** SyncHub never pushed this level (Auto Sync off, or it came before SyncHub). */
    NEVER_PUSHED("never-pushed");

    private final String column;

    DriftKind(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static Optional<DriftKind> fromColumn(String column) {
        return Arrays.stream(values()).filter(k -> k.column.equals(column)).findFirst();
    }

    /**
     * The kind of drift of a storefront level, or empty when it agrees with the hub.
     *
     * @param pushed what SyncHub last pushed for it, or null when never
     */
    public static Optional<DriftKind> of(int hub, int store, Integer pushed) {
        if (hub == store) {
            return Optional.empty();
        }
        if (pushed == null) {
            return Optional.of(NEVER_PUSHED);
        }
        return Optional.of(pushed == store ? HUB_AHEAD : STORE_CHANGED);
    }
}
