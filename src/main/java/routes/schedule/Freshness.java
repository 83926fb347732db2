package routes.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.task.RunHistory;
import routes.task.RunStatus;
import routes.task.TaskCatalog;
import routes.task.TaskKind;

/**
 * "Time since last sync", judged: a scheduled task whose last success is older than its staleness limit (3 x its
 * interval, 26 h for daily and cron tasks) is stale even when nothing failed. Logs one warning when a task turns
 * stale and one line when it is fresh again.
 */
public class Freshness {

    private static final Logger LOG = LoggerFactory.getLogger("synchub.freshness");

    /** A stale task and why. */
    public record Stale(String taskId, String reason) {
    }

    private final TaskCatalog catalog;
    private final TaskScheduler scheduler;
    private final RunHistory runs;
    private final Clock clock;
    private final Instant startedAt;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public Freshness(TaskCatalog catalog, TaskScheduler scheduler, RunHistory runs, Clock clock) {
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.runs = runs;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** The staleness limit of a schedule. */
    public static Duration limit(Schedule effective) {
        if (effective instanceof IntervalSchedule interval) {
            return Duration.ofMinutes(3L * interval.minutes());
        }
        if (effective instanceof DailySchedule || effective instanceof CronSchedule) {
            return Duration.ofHours(26);
        }
        return Duration.ofHours(26);
    }

    public Optional<Stale> check(String taskId) {
        if (catalog.kind(taskId).orElse(null) != TaskKind.SCHEDULED) {
            return Optional.empty();
        }
        Duration limit = limit(scheduler.effective(taskId));
        Optional<RunHistory.Run> lastOk = runs.latest(taskId, RunStatus.OK, RunStatus.PARTIAL);
        // a task never run yet is judged from when this process started
        Instant since = lastOk.map(r -> Instant.parse(r.endedAt())).orElse(startedAt);
        Duration age = Duration.between(since, clock.instant());
        if (age.compareTo(limit) <= 0) {
            if (warned.remove(taskId)) {
                LOG.info("task {} is fresh again", taskId);
            }
            return Optional.empty();
        }
        String reason = taskId + ": " + (lastOk.isPresent() ? "last success " + minutes(age) + " ago" : "no success in the " + minutes(age) + " since start")
                + ", limit " + minutes(limit);
        if (warned.add(taskId)) {
            LOG.warn("task {} is stale: {}", taskId, reason);
        }
        return Optional.of(new Stale(taskId, reason));
    }

    public List<Stale> staleTasks() {
        List<Stale> stale = new ArrayList<>();
        for (String id : catalog.ids()) {
            check(id).ifPresent(stale::add);
        }
        return stale;
    }

    private static String minutes(Duration d) {
        return d.toMinutes() < 120 ? d.toMinutes() + " min" : String.format("%.1f h", d.toMinutes() / 60.0);
    }
}
