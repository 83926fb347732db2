package routes.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.model.Model;
import routes.platform.TestDatabases;
import routes.task.RunHistory;
import routes.task.RunLimits;
import routes.task.RunWatchdog;
import routes.task.RunStatus;
import routes.task.TaskContract;
import routes.task.TaskGate;
import routes.task.TaskRunPolicy;
import routes.task.TaskSequence;
import routes.task.TaskTrigger;

import static org.awaitility.Awaitility.await;

/**
 * The few beans a route test needs, bound under the names the route files use: the real task route policy
 * ({@code task}) and trigger ({@code taskTrigger}) on an H2 hub of their own, plus the test's stubs. Given to Camel Main
 * as a configuration (as {@link TaskBeans} is), so they are bound before the route files load; templated routes are
 * named after their id parameter and checked against the task contract as {@link SyncHubStartup} sets it up. The routes
 * are named by pattern: the templates, the error handling, and the route files under test; nothing is scanned.
 */
public final class RouteTestHub implements CamelConfiguration {

    /** No property file: a route test runs on the route files' defaults, not on SyncHub's application.properties. */
    public static final String NO_PROPERTIES = "classpath:routes/no-route-test.properties;optional=true";

    private static final String CONTRACT = "classpath:routes/templates/*.yaml,classpath:routes/config/*.yaml";

    private final Map<String, Object> stubs = new LinkedHashMap<>();
    private final Map<String, Function<TaskTrigger, ?>> onTrigger = new LinkedHashMap<>();
    private final Map<String, BiFunction<DataSource, TaskTrigger, ?>> onHub = new LinkedHashMap<>();
    private boolean sequences;
    private HikariDataSource hub;
    private RunHistory runs;
    private TaskTrigger trigger;
    private Clock clock = Clock.systemUTC();
    private RunWatchdog watchdog;

    /** Binds {@code bean} under {@code name} (a name a route file calls). */
    public RouteTestHub stub(String name, Object bean) {
        stubs.put(name, bean);
        return this;
    }

    /** Binds the bean {@code make} builds on this hub's real trigger (e.g. the order webhook) under {@code name}. */
    public RouteTestHub stubOnTrigger(String name, Function<TaskTrigger, ?> make) {
        onTrigger.put(name, make);
        return this;
    }

    /** Binds the bean {@code make} builds on this hub's database and real trigger under {@code name}, in the order given. */
    public RouteTestHub stubOnHub(String name, BiFunction<DataSource, TaskTrigger, ?> make) {
        onHub.put(name, make);
        return this;
    }

    /** Binds the real {@code taskSequence} (Sync All's and full's steps, {@link TaskSequence#STEPS}) on this hub. */
    public RouteTestHub withTaskSequence() {
        sequences = true;
        return this;
    }

    /** Runs and the watchdog on this clock (e.g. a {@code MutableClock}) instead of the system's. */
    public RouteTestHub withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The watchdog bound with {@link #withTaskSequence()}. */
    public RunWatchdog watchdog() {
        return watchdog;
    }

    /** Camel Main loads only the task contract and {@code routeFiles} (e.g. "images-check.yaml"), with these beans. */
    public void install(MainConfigurationProperties main, String... routeFiles) {
        StringBuilder include = new StringBuilder(CONTRACT);
        for (String file : routeFiles) {
            include.append(",classpath:routes/").append(file);
        }
        main.withRoutesIncludePattern(include.toString());
        main.addConfiguration(this);
    }

    @Override
    public void configure(CamelContext context) {
        context.getCamelContextExtension().getContextPlugin(Model.class)
                .addRouteTemplateDefinitionConverter("*", new TemplatedRouteLabels(null));
        context.addLifecycleStrategy(new TaskContractCheck(null));
        hub = TestDatabases.hub(TestDatabases.Kind.H2);
        runs = new RunHistory(hub, clock);
        trigger = new TaskTrigger(context, runs);
        TaskRunPolicy policy = new TaskRunPolicy(runs, trigger, TaskGate.ALWAYS);
        context.getRegistry().bind(TaskContract.POLICY, policy);
        context.getRegistry().bind("taskTrigger", trigger);
        if (sequences) {
            // the watchdog on this hub's clock and the route files' settings (a test sets max-run through properties)
            watchdog = new RunWatchdog(runs, new RunLimits(key -> context.getPropertiesComponent().resolveProperty(key)),
                    clock, Duration.ofMillis(Long.parseLong(context.getPropertiesComponent()
                            .resolveProperty("synchub.watchdog.period-ms").orElse("30000"))));
            context.getRegistry().bind("runWatchdog", watchdog);
            context.getRegistry().bind("taskSequence", new TaskSequence(trigger, runs, TaskSequence.STEPS, watchdog));
        }
        stubs.forEach(context.getRegistry()::bind);
        onTrigger.forEach((name, make) -> context.getRegistry().bind(name, make.apply(trigger)));
        onHub.forEach((name, make) -> context.getRegistry().bind(name, make.apply(hub, trigger)));
    }

    public RunHistory runs() {
        return runs;
    }

    /** The hub database (migrated H2) the runs and the stubs made by {@link #stubOnHub} use. */
    public DataSource hubDb() {
        return hub;
    }

    public TaskTrigger trigger() {
        return trigger;
    }

    /** The runs of {@code taskId} in the history, oldest first. */
    public List<RunHistory.Run> runsOf(String taskId) {
        List<RunHistory.Run> of = new ArrayList<>(runs.list(taskId, null, 1000));
        Collections.reverse(of);
        return of;
    }

    /**
     * Waits (20 s at most) until {@code taskId} has {@code n} ended runs (ok, failed or skipped) and returns them,
     * oldest first. For a task whose route splits: each split part's end counts as a done exchange of that route
     * for NotifyBuilder, the run history counts runs.
     */
    public List<RunHistory.Run> awaitEndedRuns(String taskId, int n) {
        Callable<List<RunHistory.Run>> endedRuns = () -> runsOf(taskId).stream()
                .filter(r -> !RunStatus.of(r.status()).unfinished()).toList();
        await().atMost(Duration.ofSeconds(20)).until(endedRuns, runs -> runs.size() >= n);
        try {
            return endedRuns.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void close() {
        if (hub != null) {
            hub.close();
        }
    }
}
