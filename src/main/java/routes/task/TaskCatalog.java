package routes.task;

import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * The sync tasks: every route whose group is a {@link TaskKind} ({@code scheduled}, {@code as-needed}, {@code event}).
 * One task = one route file = one id = one tile.
 */
public class TaskCatalog {

    private final CamelContext context;

    public TaskCatalog(CamelContext context) {
        this.context = context;
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

    /** Whether task {@code id}'s route is stopped or suspended (paused by ops). */
    public boolean stopped(String id) {
        ServiceStatus status = context.getRouteController().getRouteStatus(id);
        return status != null && (status.isSuspended() || status.isStopped());
    }

    /** Whether the task's route consumes its own queue (it can be run on demand), not files or HTTP. */
    public boolean fedByItsQueue(Route route) {
        return route.getEndpoint() instanceof SedaEndpoint;
    }
}
