package routes.orders.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;

import static routes.platform.Times.utc;

/**
 * Table {@code relay_order_event}: the order events {@code POST /webhooks/orders} took in, by event key. The only
 * place its SQL lives; every call runs in the caller's transaction.
 */
final class RelayEventStore {

    /** SQLSTATE of a unique-key violation (H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";

    private RelayEventStore() {
    }

    /**
     * Takes the event in unless its key was taken before (here or by another node: the primary key decides); true when
     * this call took it. A losing insert is rolled back to a savepoint, so the transaction stays usable on PostgreSQL.
     */
    static boolean claim(Connection c, String key, long orderId, Instant createdAt, Instant receivedAt) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO relay_order_event (event_key, order_id, event_created_at, received_at)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM relay_order_event WHERE event_key = ?)""")) {
            ps.setString(1, key);
            ps.setLong(2, orderId);
            ps.setObject(3, utc(createdAt));
            ps.setObject(4, utc(receivedAt));
            ps.setString(5, key);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                c.rollback(before);
                return false;
            }
            throw e;
        }
    }

    /** Forgets the events created before {@code before}; returns how many went. */
    static int forgetCreatedBefore(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM relay_order_event WHERE event_created_at < ?")) {
            ps.setObject(1, utc(before));
            return ps.executeUpdate();
        }
    }
}
