package routes.task;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.camel.Route;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * What every task route keeps, spelled once in Java: it consumes {@code seda:<id>} with one consumer and a queue of one
 * (what {@link TaskTrigger} sends to: never twice at once, triggers during a run become one follow-up run), carries
 * the task run policy (run history), and a file in {@code synchub.routes.dir} holding it is named after its id. The
 * built-in task routes get it from {@code routes/templates/task.yaml}; {@link #broken} names what a route lost.
 */
public final class TaskContract {

    /** The registry name of the {@link TaskRunPolicy} ({@code routePolicy: task}). */
    public static final String POLICY = "task";
    /** The template the built-in task routes instantiate. */
    public static final String TEMPLATE = "task";
    private static final int QUEUE_SIZE = 1;

    private TaskContract() {
    }

    /** The queue a task route consumes and {@link TaskTrigger} sends to. */
    public static String queue(String taskId) {
        return "seda:" + taskId + "?size=" + QUEUE_SIZE;
    }

    /** A rule a task route breaks: what is wrong, and what to write instead. */
    public record Breach(String rule, String fix) {
    }

    /**
     * The first rule {@code route} (a task, see {@link TaskCatalog}) breaks, or empty. {@code file} is the route file
     * it came from when that file is in {@code synchub.routes.dir} (its name must be the id), else null.
     */
    public static Optional<Breach> broken(Route route, Path file) {
        String id = route.getRouteId();
        String usesTemplate = "or instantiate routeTemplate " + TEMPLATE + " (templatedRoute, routeTemplateRef: " + TEMPLATE + ")";
        if (file != null) {
            String name = file.getFileName().toString();
            String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            if (!stem.equals(id)) {
                return Optional.of(new Breach("task route id '" + id + "' is not its file name",
                        "rename the file to " + id + name.substring(stem.length()) + ", or set the route id to " + stem));
            }
        }
        if (route.getRoutePolicyList().stream().noneMatch(TaskRunPolicy.class::isInstance)) {
            return Optional.of(new Breach("task " + id + " has no task route policy (runs would not be recorded or kept apart)",
                    "add routePolicy: " + POLICY + ", " + usesTemplate));
        }
        if (route.getEndpoint() instanceof SedaEndpoint seda) {
            if (!id.equals(seda.getName()) || seda.getSize() != QUEUE_SIZE || seda.getConcurrentConsumers() != 1) {
                return Optional.of(new Breach("task " + id + " consumes " + seda.getEndpointBaseUri() + " with a queue of "
                        + seda.getSize() + " and " + seda.getConcurrentConsumers() + " consumer(s), not its queue "
                        + queue(id) + " with one consumer (triggers would be lost or run twice at once)",
                        "consume " + queue(id) + "&concurrentConsumers=1, " + usesTemplate));
            }
        } else if (!"event".equals(route.getGroup())) {
            // only an event task may be fed by something else (partner files); the others are started through their queue
            return Optional.of(new Breach("task " + id + " (" + route.getGroup() + ") does not consume its queue " + queue(id)
                    + ", so schedules and Run now cannot start it", "consume " + queue(id) + "&concurrentConsumers=1, "
                    + usesTemplate));
        }
        return Optional.empty();
    }
}
