package routes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import routes.platform.ConfigProblem;

/**
 * Fills a route template's parameters into the group and description of the route it makes: Camel 4.18 resolves
 * {@code {{name}}} in a template's URIs and expressions but keeps {@code group: "{{kind}}"} and
 * {@code description: "{{description}}"} as written, and the YAML {@code templatedRoute} has no group of its own.
 * The task catalogue reads a task's kind from the group and the dashboard its description. A template with an
 * {@code id} parameter names its route after it, so a task file says its id once (a {@code routeId} still wins).
 * An instance naming a parameter its template does not declare is refused (Camel would ignore it), and so is one
 * without a parameter declared {@code required: false} only so that this check, not Camel's, names it.
 */
final class TemplatedRouteLabels implements RouteTemplateDefinition.Converter {

    /** Parameters a template renamed: template -> old name -> what to write instead (given the old value). */
    private static final Map<String, Map<String, String>> RENAMED = Map.of(
            "check", Map.of("bean", "parameter bean is now count, an endpoint URI: write - {name: count, value: \"bean:%s\"}"));

    private final Path routesDir;

    /** {@code routesDir}: {@code synchub.routes.dir}, or null; a refused instance from there is named by its file. */
    TemplatedRouteLabels(Path routesDir) {
        this.routesDir = routesDir;
    }

    @Override
    public RouteDefinition apply(RouteTemplateDefinition template, Map<String, Object> parameters) {
        checkParameters(template, parameters);
        RouteDefinition route = template.asRouteDefinition();
        if (parameters.get("id") != null) {
            route.setId(String.valueOf(parameters.get("id")));
        }
        route.setGroup(fill(route.getGroup(), parameters));
        route.setDescription(fill(route.getDescription(), parameters));
        return route;
    }

    private void checkParameters(RouteTemplateDefinition template, Map<String, Object> parameters) {
        List<RouteTemplateParameterDefinition> declared = template.getTemplateParameters();
        if (declared == null || declared.isEmpty()) {
            return;
        }
        List<String> names = declared.stream().map(RouteTemplateParameterDefinition::getName).toList();
        for (Map.Entry<String, Object> given : parameters.entrySet()) {
            if (!names.contains(given.getKey())) {
                String renamed = RENAMED.getOrDefault(template.getId(), Map.of()).get(given.getKey());
                throw ConfigProblem.inRouteFile(where(parameters), "route template " + template.getId()
                        + " has no parameter '" + given.getKey() + "' (its parameters: " + String.join(", ", names) + ")",
                        renamed != null ? renamed.formatted(given.getValue())
                                : "remove it, or name one of the template's parameters");
            }
        }
        for (RouteTemplateParameterDefinition parameter : declared) {
            if (parameter.getDefaultValue() == null && !parameters.containsKey(parameter.getName())) {
                throw ConfigProblem.inRouteFile(where(parameters), "route template " + template.getId()
                        + " needs parameter '" + parameter.getName() + "' (" + parameter.getDescription() + ")",
                        "add - {name: " + parameter.getName() + ", value: ...}");
            }
        }
    }

    /** The instance's file in synchub.routes.dir (named after its id), else "templatedRoute <id>". */
    private String where(Map<String, Object> parameters) {
        String id = String.valueOf(parameters.get("id"));
        if (routesDir != null) {
            for (String ext : new String[] {".yaml", ".xml"}) {
                if (Files.exists(routesDir.resolve(id + ext))) {
                    return routesDir.resolve(id + ext).toString();
                }
            }
        }
        return "templatedRoute " + id;
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
