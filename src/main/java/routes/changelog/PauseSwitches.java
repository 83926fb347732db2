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

    /** One entity type's switch with the number of changes waiting in the change log. */
    public record Pause(String entityType, boolean paused, String since, String changedBy, long heldChanges) {
    }

    private final DataSource hub;
    private final Clock clock;

    public PauseSwitches(DataSource hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    public Pause pause(String entityType, String by) {
        set(entityType, true, by);
        return get(entityType);
    }

    public Pause resume(String entityType, String by) {
        set(entityType, false, by);
        return get(entityType);
    }

    private void set(String entityType, boolean paused, String by) {
        Tx.inTransaction(hub, c -> {
            // a repeated pause keeps its original 'since'
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE pause_switch SET paused = ?, changed_at = ?, changed_by = ? WHERE entity_type = ? AND paused <> ?")) {
                ps.setBoolean(1, paused);
                ps.setObject(2, utc(clock.instant()));
                ps.setString(3, by);
                ps.setString(4, entityType);
                ps.setBoolean(5, paused);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO pause_switch (entity_type, paused, changed_at, changed_by)
                    SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM pause_switch WHERE entity_type = ?)""")) {
                ps.setString(1, entityType);
                ps.setBoolean(2, paused);
                ps.setObject(3, utc(clock.instant()));
                ps.setString(4, by);
                ps.setString(5, entityType);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Whether changes of one type are held now (one indexed read, no held-change count). */
    public boolean isPaused(String entityType) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT paused FROM pause_switch WHERE entity_type = ?")) {
                ps.setString(1, entityType);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    public Pause get(String entityType) {
        return list().stream().filter(p -> p.entityType().equals(entityType)).findFirst().orElseThrow();
    }

    /** Every entity type, paused or not, with its held-change count. */
    public List<Pause> list() {
        return Tx.read(hub, c -> {
            Map<String, Long> held = ChangeLog.pendingByType(c);
            Map<String, Pause> switches = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT entity_type, paused, changed_at, changed_by FROM pause_switch");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(1);
                    boolean paused = rs.getBoolean(2);
                    switches.put(type, new Pause(type, paused, paused ? Times.iso(rs, 3) : null, rs.getString(4),
                            held.getOrDefault(type, 0L)));
                }
            }
            List<Pause> out = new ArrayList<>();
            for (String type : EntityTypes.ALL) {
                out.add(switches.getOrDefault(type, new Pause(type, false, null, null, held.getOrDefault(type, 0L))));
            }
            return out;
        });
    }
}
