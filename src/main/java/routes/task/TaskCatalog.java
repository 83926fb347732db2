package routes.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/**
 * The sync tasks: every route whose group is a {@link TaskKind} ({@code scheduled}, {@code as-needed}, {@code event}).
 * One task = one route file = one id = one tile.
 */
public class TaskCatalog {

    /** A task as ops see it. */
    /** {@code runnable}: a run can be asked for (not an as-needed stage, and fed by its seda queue, not by files). */
    public record TaskView(String id, String kind, String description, String schedule, String state,
                           RunHistory.Run lastRun, String nextRun, Long secondsSinceLastSuccess, boolean runnable) {
    }

    private final CamelContext context;
    private final RunHistory runs;
    private final Clock clock;
    private volatile ScheduleInfo schedules = ScheduleInfo.NONE;

    /** What the scheduler knows of a task: its schedule in words, its next fire, whether it is in a black-out. */
    public interface ScheduleInfo {
        String describe(String taskId);

        Optional<Instant> nextRun(String taskId);

        boolean inBlackout(String taskId);

        ScheduleInfo NONE = new ScheduleInfo() {
            public String describe(String taskId) {
                return null;
            }

            public Optional<Instant> nextRun(String taskId) {
                return Optional.empty();
            }

            public boolean inBlackout(String taskId) {
                return false;
            }
        };
    }

    public TaskCatalog(CamelContext context, RunHistory runs, Clock clock) {
        this.context = context;
        this.runs = runs;
        this.clock = clock;
    }

    private volatile java.util.function.Predicate<String> staleness = id -> false;

    /** Tells which tasks are past their staleness limit (they show as "stale"). */
    public void setStaleness(java.util.function.Predicate<String> staleness) {
        this.staleness = staleness;
    }

    public void setScheduleInfo(ScheduleInfo schedules) {
        this.schedules = schedules;
    }

    static boolean isTask(Route route) {
        return TaskKind.isKind(route.getGroup());
    }


    /** A task route's kind, read from its group. */
    public static TaskKind kind(Route route) {
        return TaskKind.of(route.getGroup());
    }

    /** The kind of task {@code id}, if it is one. */
    public Optional<TaskKind> kind(String id) {
        return route(id).map(TaskCatalog::kind);
    }

    public List<String> ids() {
        return context.getRoutes().stream()
                .filter(TaskCatalog::isTask)
                .map(Route::getRouteId)
                .sorted()
                .toList();
    }

    public Optional<Route> route(String id) {
        Route route = context.getRoute(id);
        return route != null && isTask(route) ? Optional.of(route) : Optional.empty();
    }

    public List<TaskView> list() {
        return context.getRoutes().stream()
                .filter(TaskCatalog::isTask)
                .sorted(Comparator.comparing(Route::getRouteId))
                .map(this::view)
                .toList();
    }

    public Optional<TaskView> find(String id) {
        return route(id).map(this::view);
    }

    private TaskView view(Route route) {
        String id = route.getRouteId();
        Optional<RunHistory.Run> last = runs.latest(id, RunStatus.OK, RunStatus.FAILED, RunStatus.RUNNING, RunStatus.QUEUED);
        Optional<RunHistory.Run> lastOk = runs.latest(id, RunStatus.OK);
        Long since = lastOk.map(r -> Duration.between(Instant.parse(r.endedAt()), clock.instant()).toSeconds()).orElse(null);
        return new TaskView(id, kind(route).column(), route.getDescription(), schedules.describe(id), state(route, last),
                last.orElse(null), schedules.nextRun(id).map(Instant::toString).orElse(null), since,
                kind(route) != TaskKind.AS_NEEDED && route.getEndpoint() instanceof org.apache.camel.component.seda.SedaEndpoint);
    }

    private String state(Route route, Optional<RunHistory.Run> last) {
        ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
        if (status != null && (status.isSuspended() || status.isStopped())) {
            return "paused";
        }
        if (last.isPresent() && RunStatus.of(last.get().status()).unfinished()) {
            return "running";
        }
        if (schedules.inBlackout(route.getRouteId())) {
            return "in black-out";
        }
        if (last.isPresent() && RunStatus.of(last.get().status()) == RunStatus.FAILED) {
            return "failed";
        }
        if (staleness.test(route.getRouteId())) {
            return "stale";
        }
        return "idle";
    }
}
