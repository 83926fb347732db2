package routes.app;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.platform.ConfigProblem;
import routes.platform.Settings;
import routes.schedule.InvalidSchedule;
import routes.schedule.Planner;
import routes.schedule.Schedule;
import routes.schedule.ScheduleJson;
import routes.schedule.TaskScheduler;
import routes.task.RunHistory;
import routes.task.RunLimits;
import routes.task.RunWatchdog;
import routes.task.TaskCatalog;
import routes.task.TaskContract;
import routes.task.TaskRunPolicy;
import routes.task.TaskSequence;
import routes.task.TaskTrigger;

/**
 * The task catalogue, its trigger and scheduler (per-task default schedules and {@code driven-by} from
 * {@code synchub.task.<id>.*}), the run watchdog ({@code synchub.task.<id>.max-run}) and Sync All's sequence; built on the run history and task policy of {@link History}.
 */
record TaskBeans(RunHistory runs, TaskRunPolicy policy, TaskCatalog catalog, TaskTrigger trigger, TaskScheduler scheduler,
                 RunWatchdog watchdog) {

    private static final Logger LOG = LoggerFactory.getLogger(TaskBeans.class);

    /** Bound as {@code runHistory}, {@code task} (the task route policy), {@code taskCatalog}, {@code taskTrigger}, ... */
    static TaskBeans bind(HubFoundation hub) {
        RunHistory runs = new RunHistory(hub.hub(), hub.clock());
        // runs a previous process left open are closed before anything new starts
        int abandoned = runs.abandonUnfinished();
        if (abandoned > 0) {
            LOG.warn("{} run(s) were interrupted by the last stop; their work resumes from the last commit", abandoned);
        }
        CamelContext context = hub.context();
        TaskCatalog catalog = new TaskCatalog(context);
        TaskTrigger trigger = new TaskTrigger(context, runs);
        TaskScheduler scheduler = scheduler(hub, catalog, trigger, runs);
        TaskRunPolicy policy = new TaskRunPolicy(runs, trigger, scheduler);
        Registry registry = hub.registry();
        registry.bind("runHistory", runs);
        registry.bind(TaskContract.POLICY, policy);
        registry.bind("taskCatalog", catalog);
        registry.bind("taskTrigger", trigger);
        registry.bind("taskScheduler", scheduler);
        RunWatchdog watchdog = new RunWatchdog(runs, new RunLimits(hub.settings()::optional), hub.clock(),
                Duration.ofMillis(hub.settings().integer("synchub.watchdog.period-ms", 30_000, 10, 3_600_000)));
        registry.bind("runWatchdog", watchdog);
        registry.bind("taskSequence", new TaskSequence(trigger, runs, TaskSequence.STEPS, watchdog));
        return new TaskBeans(runs, policy, catalog, trigger, scheduler, watchdog);
    }

    private static TaskScheduler scheduler(HubFoundation hub, TaskCatalog catalog, TaskTrigger trigger, RunHistory runs) {
        Settings settings = hub.settings();
        Map<String, String> defaults = new TreeMap<>();
        Map<String, String> drivers = new TreeMap<>();
        Properties taskProps = hub.context().getPropertiesComponent().loadProperties(k -> k.startsWith("synchub.task."));
        for (String key : taskProps.stringPropertyNames()) {
            String rest = key.substring("synchub.task.".length());
            int dot = rest.lastIndexOf('.');
            if (dot < 0) {
                continue;
            }
            String id = rest.substring(0, dot);
            String what = rest.substring(dot + 1);
            String value = settings.string(key, "");
            if (what.equals("schedule")) {
                defaults.put(id, value);
            } else if (what.equals("driven-by")) {
                drivers.put(id, value);
            }
        }
        Map<String, Schedule> parsed = new TreeMap<>();
        defaults.forEach((id, json) -> parsed.put(id, schedule("synchub.task." + id + ".schedule", json)));
        Schedule global = schedule("synchub.schedule.default",
                settings.string("synchub.schedule.default", "{\"type\":\"interval\",\"minutes\":15}"));
        return new TaskScheduler(hub.hub(), new Planner(settings.timezone()), hub.clock(), catalog, trigger, runs, global, parsed, drivers);
    }

    private static Schedule schedule(String key, String json) {
        try {
            Schedule schedule = ScheduleJson.parse(json);
            if (key.equals("synchub.schedule.default")) {
                Planner.requireConcrete(schedule);
            }
            return schedule;
        } catch (InvalidSchedule e) {
            throw new ConfigProblem(key, e.getMessage(), key + "={\"type\":\"interval\",\"minutes\":15}");
        }
    }
}
