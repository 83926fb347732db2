package routes.hooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import routes.storefront.HookScope;
import routes.storefront.StorefrontHooks;

import static routes.platform.Times.utc;

/**
 * Table {@code storefront_hook}: one row per scope SyncHub keeps registered (seeded by the migration). The only place
 * its SQL lives; calls run in the caller's transaction.
 */
final class StorefrontHookStore {

    private StorefrontHookStore() {
    }

    /**
     * Locks every scope's row until the caller's transaction ends: a second node's registration waits here, then
     * lists the hooks this one created. Returns how many rows were locked.
     */
    static int lockAll(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT scope FROM storefront_hook FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            return rows;
        }
    }

    /** What the check found for {@code scope}: its hook as the storefront has it now. */
    static void save(Connection c, HookScope scope, StorefrontHooks.Hook hook, Instant checkedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE storefront_hook SET hook_id = ?, destination = ?, active = ?, checked_at = ? WHERE scope = ?")) {
            ps.setLong(1, hook.id());
            ps.setString(2, hook.destination());
            ps.setBoolean(3, hook.active());
            ps.setObject(4, utc(checkedAt));
            ps.setString(5, scope.scope());
            ps.executeUpdate();
        }
    }
}
