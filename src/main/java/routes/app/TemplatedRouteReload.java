package routes.app;

import java.util.Collection;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's route watcher, which also reloads {@code templatedRoute}s: in Camel 4.18 a reload updates a file's
 * {@code route}s but skips its templated routes ({@code RouteBuilder.updateRoutesToCamelContext} never populates
 * them), so an edited task file would be ignored until the next restart. Its task routes are replaced here.
 */
final class TemplatedRouteReload extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(TemplatedRouteReload.class);

    TemplatedRouteReload(String directory) {
        super(directory, false);
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        super.onRouteReload(resources, removeEverything);
        if (resources == null || removeEverything) {
            return;
        }
        CamelContext context = getCamelContext();
        ModelCamelContext model = (ModelCamelContext) context;
        try {
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(resources)) {
                if (!(builder instanceof RouteBuilder routes)) {
                    continue;
                }
                routes.configureRoutes(context);
                if (routes.getTemplatedRouteCollection().getTemplatedRoutes().isEmpty()) {
                    continue;
                }
                for (TemplatedRouteDefinition templated : routes.getTemplatedRouteCollection().getTemplatedRoutes()) {
                    String id = routeId(templated);
                    RouteDefinition old = id == null ? null : model.getRouteDefinition(id);
                    if (old != null) {
                        model.removeRouteDefinition(old);
                    }
                }
                context.addTemplatedRoutes(routes);
                routes.getTemplatedRouteCollection().getTemplatedRoutes()
                        .forEach(t -> LOG.info("Route {} reloaded from {}", routeId(t), locations(resources)));
            }
        } catch (Exception e) {
            LOG.warn("Reloading {} failed: {}", locations(resources), e.getMessage());
        }
    }

    private static String locations(Collection<Resource> resources) {
        return String.join(", ", resources.stream().map(Resource::getLocation).toList());
    }

    /** Its routeId, else its id parameter (see {@link TemplatedRouteLabels}). */
    static String routeId(TemplatedRouteDefinition templated) {
        if (templated.getRouteId() != null || templated.getParameters() == null) {
            return templated.getRouteId();
        }
        return templated.getParameters().stream().filter(p -> "id".equals(p.getName()))
                .map(p -> p.getValue()).findFirst().orElse(null);
    }
}
