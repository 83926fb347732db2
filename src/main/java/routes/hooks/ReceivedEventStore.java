package routes.hooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

import routes.storefront.HookScope;

import static routes.platform.Times.utc;

/**
 * Table {@code webhook_event}: every callback taken in, by BigCommerce's payload hash. The only place its SQL lives;
 * every call runs in the caller's transaction.
 */
final class ReceivedEventStore {

    /** SQLSTATE of a unique-key violation (H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";

    private ReceivedEventStore() {
    }

    /**
     * Takes the event in unless its hash was taken before (here or by another node, which the primary key decides);
     * true when this call took it. After a false on PostgreSQL the transaction is spoiled: do nothing more in it.
     */
    static boolean claim(Connection c, StorefrontCallback event, HookScope scope, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO webhook_event (hash, scope, subject, resource_id, event_created_at, received_at)
                SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM webhook_event WHERE hash = ?)""")) {
            ps.setString(1, event.hash());
            ps.setString(2, scope.scope());
            ps.setString(3, subject(scope.subject()));
            ps.setLong(4, event.resourceId());
            ps.setObject(5, utc(event.createdAt()));
            ps.setObject(6, utc(receivedAt));
            ps.setString(7, event.hash());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** When the newest event about {@code subject} happened (its created_at), or empty when none came in yet. */
    static Optional<Instant> lastEventAt(Connection c, HookScope.Subject subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(event_created_at) FROM webhook_event WHERE subject = ?")) {
            ps.setString(1, subject(subject));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(at).map(OffsetDateTime::toInstant);
            }
        }
    }

    /**
     * Forgets the hashes of events received before {@code before}, except each subject's newest event (hook-health
     * polls from it after a gap). Returns how many went.
     */
    static int forgetBefore(Connection c, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM webhook_event WHERE received_at < ? AND event_created_at <
                    (SELECT MAX(newest.event_created_at) FROM webhook_event newest WHERE newest.subject = webhook_event.subject)""")) {
            ps.setObject(1, utc(before));
            return ps.executeUpdate();
        }
    }

    /** How many events with this hash were taken in (0 or 1). */
    static int count(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM webhook_event WHERE hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String subject(HookScope.Subject subject) {
        return subject.name().toLowerCase(Locale.ROOT);
    }
}
