package routes.app;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

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
        ChangeLogBeans beans = of(hub.hub(), hub.clock(),
                Duration.ofSeconds(settings.integer("synchub.change-log.lease-seconds", 300, 10, 86_400)),
                settings.string("synchub.node-name", ManagementFactory.getRuntimeMXBean().getName()), autoSyncRules(settings));
        Registry registry = hub.registry();
        registry.bind("changeLog", beans.changeLog());
        registry.bind("hubStock", beans.hubStock());
        registry.bind("deadLetters", beans.deadLetters());
        return beans;
    }

    /** The beans on {@code hub}, not bound: what {@link #bind} binds, and what bean tests build on a test database. */
    static ChangeLogBeans of(DataSource hub, Clock clock, Duration lease, String node, AutoSyncRules rules) {
        ChangeLog changeLog = new ChangeLog(hub, clock, lease, node);
        return new ChangeLogBeans(changeLog, new HubStock(changeLog, rules, clock), new DeadLetters(hub, clock), new Watermarks());
    }

    private static AutoSyncRules autoSyncRules(Settings settings) {
        Map<AutoSyncRules.CreatedBy, Boolean> rules = new EnumMap<>(AutoSyncRules.CreatedBy.class);
        for (AutoSyncRules.CreatedBy method : AutoSyncRules.CreatedBy.values()) {
            rules.put(method, settings.bool("synchub.auto-sync.rule." + method.key(), AutoSyncRules.DEFAULTS.enabledFor(method)));
        }
        return new AutoSyncRules(rules);
    }
}
