package routes.app;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.apache.camel.spi.Registry;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.inventory.AutoSyncRules;
import routes.inventory.HubStock;
import routes.platform.Settings;
import routes.task.Watermarks;

/** The change log, hub stock (with its Auto Sync rules), dead letters and the pulls' watermarks. */
record ChangeLogBeans(ChangeLog changeLog, HubStock hubStock, DeadLetters deadLetters, Watermarks watermarks) {

    static ChangeLogBeans bind(HubFoundation hub) {
        Settings settings = hub.settings();
        String node = settings.string("synchub.node-name", ManagementFactory.getRuntimeMXBean().getName());
        ChangeLog changeLog = new ChangeLog(hub.hub(), hub.clock(),
                Duration.ofSeconds(settings.integer("synchub.change-log.lease-seconds", 300, 10, 86_400)), node);
        HubStock hubStock = new HubStock(changeLog, autoSyncRules(settings), hub.clock());
        DeadLetters deadLetters = new DeadLetters(hub.hub(), hub.clock());
        Registry registry = hub.registry();
        registry.bind("changeLog", changeLog);
        registry.bind("hubStock", hubStock);
        registry.bind("deadLetters", deadLetters);
        return new ChangeLogBeans(changeLog, hubStock, deadLetters, new Watermarks());
    }

    private static AutoSyncRules autoSyncRules(Settings settings) {
        Map<AutoSyncRules.CreatedBy, Boolean> rules = new EnumMap<>(AutoSyncRules.CreatedBy.class);
        for (AutoSyncRules.CreatedBy method : AutoSyncRules.CreatedBy.values()) {
            rules.put(method, settings.bool("synchub.auto-sync.rule." + method.key(), AutoSyncRules.DEFAULTS.enabledFor(method)));
        }
        return new AutoSyncRules(rules);
    }
}
