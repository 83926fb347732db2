package routes.app;

import java.nio.file.Path;
import java.util.Collection;

import org.apache.camel.Route;
import org.apache.camel.support.LifecycleStrategySupport;
import routes.platform.ConfigProblem;
import routes.task.TaskCatalog;
import routes.task.TaskContract;

/**
 * Refuses a task route that breaks {@link TaskContract} as it is added, before its consumer starts: at start-up that
 * stops SyncHub with one line naming the file and the rule; on a hot reload the file is refused the same way (logged).
 */
final class TaskContractCheck extends LifecycleStrategySupport {

    private final Path routesDir;

    /** {@code routesDir}: {@code synchub.routes.dir}, or null. */
    TaskContractCheck(Path routesDir) {
        this.routesDir = routesDir;
    }

    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        for (Route route : routes) {
            if (route.getGroup() == null || !TaskCatalog.KINDS.contains(route.getGroup())) {
                continue;
            }
            String location = location(route);
            Path file = overrideFile(location);
            TaskContract.broken(route, file).ifPresent(breach -> {
                throw ConfigProblem.inRouteFile(file != null ? file.toString() : location, breach.rule(), breach.fix());
            });
        }
    }

    /** Where the route was written: its file (a templated route: the file of its templatedRoute), without the line. */
    private static String location(Route route) {
        String location = route.getSourceLocation();
        if (location == null && route.getSourceResource() != null) {
            location = route.getSourceResource().getLocation();
        }
        if (location == null) {
            return "route " + route.getRouteId();
        }
        return location.replaceFirst(":\\d+$", "");
    }

    /** The file in {@code synchub.routes.dir} the route came from, or null. */
    private Path overrideFile(String location) {
        if (routesDir == null || !location.startsWith("file:")) {
            return null;
        }
        Path file = Path.of(location.substring("file:".length())).toAbsolutePath().normalize();
        return routesDir.equals(file.getParent()) ? file : null;
    }
}
