package routes.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Route;
import routes.task.RunHistory;
import routes.task.RunStatus;
import routes.task.RunWatchdog;
import routes.task.TaskCatalog;
import routes.task.TaskKind;

/**
 * The tasks as ops see them on the dashboard, in the admin API and over JMX: each task of the {@link TaskCatalog}
 * with its schedule in words, its next fire and its state, judged in this order: paused, stuck (its unfinished run is
 * past the task's max-run, {@link RunWatchdog}), running, in black-out, failed, stale ({@link Freshness}), idle.
 */
public class TaskBoard {

    /** A task as ops see it. {@code runnable}: a run can be asked for (not an as-needed stage, not fed by files). */
    public record TaskView(String id, String kind, String description, String schedule, String state,
                           RunHistory.Run lastRun, String nextRun, Long secondsSinceLastSuccess, boolean runnable) {
    }

    private final TaskCatalog catalog;
    private final TaskScheduler scheduler;
    private final Freshness freshness;
    private final RunHistory runs;
    private final RunWatchdog watchdog;
    private final Clock clock;

    public TaskBoard(TaskCatalog catalog, TaskScheduler scheduler, Freshness freshness, RunHistory runs,
                     RunWatchdog watchdog, Clock clock) {
        this.watchdog = watchdog;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.freshness = freshness;
        this.runs = runs;
        this.clock = clock;
    }

    public List<TaskView> list() {
        return catalog.ids().stream().flatMap(id -> find(id).stream()).toList();
    }

    public Optional<TaskView> find(String id) {
        return catalog.route(id).map(this::view);
    }

    private TaskView view(Route route) {
        String id = route.getRouteId();
        TaskKind kind = TaskCatalog.kind(route);
        Optional<RunHistory.Run> last = runs.latest(id, RunStatus.OK, RunStatus.PARTIAL, RunStatus.FAILED, RunStatus.RUNNING, RunStatus.QUEUED);
        Long since = runs.latest(id, RunStatus.OK, RunStatus.PARTIAL)
                .map(r -> Duration.between(Instant.parse(r.endedAt()), clock.instant()).toSeconds()).orElse(null);
        return new TaskView(id, kind.column(), route.getDescription(), scheduler.describe(id), state(id, last),
                last.orElse(null), scheduler.nextRun(id).map(Instant::toString).orElse(null), since,
                kind != TaskKind.AS_NEEDED && catalog.fedByItsQueue(route));
    }

    private String state(String id, Optional<RunHistory.Run> last) {
        if (catalog.stopped(id)) {
            return "paused";
        }
        if (last.isPresent() && watchdog.overdue(last.get()).isPresent()) {
            return "stuck";
        }
        if (last.isPresent() && RunStatus.of(last.get().status()).unfinished()) {
            return "running";
        }
        if (scheduler.inBlackout(id)) {
            return "in black-out";
        }
        if (last.isPresent() && RunStatus.of(last.get().status()) == RunStatus.FAILED) {
            return "failed";
        }
        if (freshness.check(id).isPresent()) {
            return "stale";
        }
        return "idle";
    }
}
