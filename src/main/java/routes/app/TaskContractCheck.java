package routes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.LifecycleStrategySupport;
import routes.platform.ConfigProblem;
import routes.task.TaskKind;
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
            if (route.getGroup() == null || !TaskKind.isKind(route.getGroup())) {
                continue;
            }
            String location = location(route);
            Path file = "true".equals(String.valueOf(route.getProperties().get(Route.TEMPLATE_PROPERTY)))
                    ? instanceFile(route) : overrideFile(location);
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

    /**
     * The file in {@code synchub.routes.dir} whose templatedRoute made the route, or null (a built-in one). Camel 4.18
     * gives a templated route the template's location, not its instance's, so the files are read again to find it.
     */
    private Path instanceFile(Route route) {
        if (routesDir == null) {
            return null;
        }
        for (String ext : new String[] {".yaml", ".xml"}) {
            if (Files.exists(routesDir.resolve(route.getRouteId() + ext))) {
                // it replaced the built-in of that name, so this is the file it came from
                return routesDir.resolve(route.getRouteId() + ext);
            }
        }
        CamelContext context = route.getCamelContext();
        try (Stream<Path> files = Files.list(routesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".xml")).sorted().toList()) {
                Resource resource = PluginHelper.getResourceLoader(context).resolveResource("file:" + file);
                for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource))) {
                    if (builder instanceof RouteBuilder routes) {
                        routes.configureRoutes(context);
                        if (routes.getTemplatedRouteCollection().getTemplatedRoutes().stream()
                                .anyMatch(t -> route.getRouteId().equals(TemplatedRouteReload.routeId(t)))) {
                            return file;
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Reading " + routesDir + " again failed: " + e.getMessage(), e);
        }
        return null;
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
