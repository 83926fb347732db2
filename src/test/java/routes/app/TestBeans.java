package routes.app;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.PauseSwitches;
import routes.inventory.AutoSyncRules;
import routes.inventory.HubStock;
import routes.task.Watermarks;

/**
 * The shared fixture of bean tests: the change log, hub stock, dead letters, watermarks and pause switches on a test
 * database, built by the same code as SyncHub's own wiring ({@link ChangeLogBeans#of}), with a 5-minute lease and node
 * name {@code test}.
 */
public record TestBeans(ChangeLog changeLog, HubStock hubStock, DeadLetters deadLetters, Watermarks watermarks,
                        PauseSwitches pauses) {

    public static TestBeans on(DataSource hub, Clock clock) {
        return on(hub, clock, AutoSyncRules.DEFAULTS);
    }

    public static TestBeans on(DataSource hub, Clock clock, AutoSyncRules rules) {
        ChangeLogBeans beans = ChangeLogBeans.of(hub, clock, Duration.ofMinutes(5), "test", rules);
        return new TestBeans(beans.changeLog(), beans.hubStock(), beans.deadLetters(), beans.watermarks(),
                new PauseSwitches(hub, clock));
    }
}
