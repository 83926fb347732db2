package routes.changelog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import routes.platform.Times;
import routes.platform.Tx;

import static routes.platform.Times.utc;

/**
 * Pause switches per entity type (a row in {@code pause_switch}). A paused type's updates stay in the change log,
 * which is the durable, restart-safe consolidation store; deletes are never held ({@link ChangeLog#claim}).
 */
public class PauseSwitches {

    /**
     * One entity type's switch with the number of changes waiting in the change log; {@code pushable} false (with
     * {@code noPush} saying why) for a type no push sends yet, which cannot be paused or resumed.
     */
    public record Pause(String entityType, boolean paused, String since, String changedBy, long heldChanges,
                        boolean pushable, String noPush) {

        Pause(EntityType type, boolean paused, String since, String changedBy, long heldChanges) {
            this(type.column(), paused, since, changedBy, heldChanges, type.pushable(), type.noPushReason());
        }
    }

    private final DataSource hub;
    private final Clock clock;

    public PauseSwitches(DataSource hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    public Pause pause(EntityType entityType, String by) {
        set(entityType, true, by);
        return get(entityType);
    }

    public Pause resume(EntityType entityType, String by) {
        set(entityType, false, by);
        return get(entityType);
    }

    private void set(EntityType entityType, boolean paused, String by) {
        Tx.inTransaction(hub, c -> {
            // a repeated pause keeps its original 'since'
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE pause_switch SET paused = ?, changed_at = ?, changed_by = ? WHERE entity_type = ? AND paused <> ?")) {
                ps.setBoolean(1, paused);
                ps.setObject(2, utc(clock.instant()));
                ps.setString(3, by);
                ps.setString(4, entityType.column());
                ps.setBoolean(5, paused);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO pause_switch (entity_type, paused, changed_at, changed_by)
                    SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM pause_switch WHERE entity_type = ?)""")) {
                ps.setString(1, entityType.column());
                ps.setBoolean(2, paused);
                ps.setObject(3, utc(clock.instant()));
                ps.setString(4, by);
                ps.setString(5, entityType.column());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Whether changes of one type are held now (one indexed read, no held-change count). */
    public boolean isPaused(EntityType entityType) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT paused FROM pause_switch WHERE entity_type = ?")) {
                ps.setString(1, entityType.column());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    public Pause get(EntityType entityType) {
        return list().stream().filter(p -> p.entityType().equals(entityType.column())).findFirst().orElseThrow();
    }

    /** Every entity type, paused or not, with its held-change count. */
    public List<Pause> list() {
        return Tx.read(hub, c -> {
            Map<String, Long> held = ChangeLog.pendingByType(c);
            Map<EntityType, Pause> switches = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT entity_type, paused, changed_at, changed_by FROM pause_switch");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // a switch of a type this SyncHub does not know holds nothing: left out
                    EntityType type = EntityType.fromColumn(rs.getString(1)).orElse(null);
                    if (type != null) {
                        boolean paused = rs.getBoolean(2);
                        switches.put(type, new Pause(type, paused, paused ? Times.iso(rs, 3) : null, rs.getString(4),
                                held.getOrDefault(type.column(), 0L)));
                    }
                }
            }
            List<Pause> out = new ArrayList<>();
            for (EntityType type : EntityType.values()) {
                out.add(switches.getOrDefault(type, new Pause(type, false, null, null, held.getOrDefault(type.column(), 0L))));
            }
            return out;
        });
    }
}
