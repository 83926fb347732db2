package routes.changelog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import routes.platform.Tx;

/**
 * Pause switches per entity type (a row in {@code pause_switch}, kept by {@link PauseSwitchStore}). A paused type's updates stay in the change log,
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
            PauseSwitchStore.set(c, entityType.column(), paused, by, clock.instant());
            return null;
        });
    }

    /** Whether changes of one type are held now (one indexed read, no held-change count). */
    public boolean isPaused(EntityType entityType) {
        return Tx.read(hub, c -> PauseSwitchStore.isPaused(c, entityType.column()));
    }

    public Pause get(EntityType entityType) {
        return list().stream().filter(p -> p.entityType().equals(entityType.column())).findFirst().orElseThrow();
    }

    /** Every entity type, paused or not, with its held-change count. */
    public List<Pause> list() {
        return Tx.read(hub, c -> {
            Map<String, Long> held = ChangeLog.pendingByType(c);
            Map<EntityType, Pause> switches = new HashMap<>();
            for (PauseSwitchStore.Switch stored : PauseSwitchStore.all(c)) {
                // a switch of a type this SyncHub does not know holds nothing: left out
                EntityType.fromColumn(stored.entityType()).ifPresent(type -> switches.put(type, new Pause(type,
                        stored.paused(), stored.paused() ? stored.changedAt() : null, stored.changedBy(),
                        held.getOrDefault(type.column(), 0L))));
            }
            List<Pause> out = new ArrayList<>();
            for (EntityType type : EntityType.values()) {
                out.add(switches.getOrDefault(type, new Pause(type, false, null, null, held.getOrDefault(type.column(), 0L))));
            }
            return out;
        });
    }
}
