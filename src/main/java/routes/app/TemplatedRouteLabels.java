package routes.app;

import java.util.Map;

import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Fills a route template's parameters into the group and description of the route it makes: Camel 4.18 resolves
 * {@code {{name}}} in a template's URIs and expressions but keeps {@code group: "{{kind}}"} and
 * {@code description: "{{description}}"} as written, and the YAML {@code templatedRoute} has no group of its own.
 * The task catalogue reads a task's kind from the group and the dashboard its description. A template with an
 * {@code id} parameter names its route after it, so a task file says its id once (a {@code routeId} still wins).
 */
final class TemplatedRouteLabels implements RouteTemplateDefinition.Converter {

    @Override
    public RouteDefinition apply(RouteTemplateDefinition template, Map<String, Object> parameters) {
        RouteDefinition route = template.asRouteDefinition();
        if (parameters.get("id") != null) {
            route.setId(String.valueOf(parameters.get("id")));
        }
        route.setGroup(fill(route.getGroup(), parameters));
        route.setDescription(fill(route.getDescription(), parameters));
        return route;
    }

    static String fill(String text, Map<String, Object> parameters) {
        if (text == null || !text.contains("{{")) {
            return text;
        }
        String filled = text;
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            filled = filled.replace("{{" + parameter.getKey() + "}}", String.valueOf(parameter.getValue()));
        }
        return filled;
    }
}
