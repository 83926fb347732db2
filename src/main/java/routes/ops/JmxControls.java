package routes.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.ManagementAgent;
import org.apache.camel.spi.RouteController;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.api.ApiError;
import routes.api.ChangeApi;
import routes.changelog.EntityType;
import routes.changelog.PauseSwitches;
import routes.schedule.InvalidSchedule;
import routes.schedule.ScheduleJson;
import routes.schedule.TaskBoard;
import routes.schedule.TaskScheduler;
import routes.task.RunHistory;
import routes.task.TaskCatalog;
import routes.task.TaskKind;
import routes.task.TaskTrigger;
import routes.task.Trigger;

/**
 * Registers SyncHub's MBeans with Camel's management agent, beside Camel's own route MBeans: one per task
 * ({@code synchub:type=tasks,name=<id>}) and one per pausable entity type ({@code synchub:type=pauses,name=<type>}).
 * They call the same services as the REST API, so both surfaces always agree.
 */
public class JmxControls extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(JmxControls.class);

    private final CamelContext context;
    private final TaskCatalog catalog;
    private final TaskBoard board;
    private final TaskScheduler scheduler;
    private final TaskTrigger trigger;
    private final ChangeApi changes;
    private final List<ObjectName> registered = new ArrayList<>();

    public JmxControls(CamelContext context, TaskCatalog catalog, TaskBoard board, TaskScheduler scheduler, TaskTrigger trigger, ChangeApi changes) {
        this.context = context;
        this.catalog = catalog;
        this.board = board;
        this.scheduler = scheduler;
        this.trigger = trigger;
        this.changes = changes;
    }

    /** Registers the MBeans; called once the routes exist (after the context started). */
    public synchronized void registerAll() throws Exception {
        // Camel assembles ModelMBeans from @ManagedResource: setSchedule stays an operation (a standard MBean would
        // turn it into the setter of an attribute "Schedule")
        ManagementAgent agent = agent();
        if (agent == null) {
            LOG.info("JMX is off (camel.main.jmx-enabled=false): no SyncHub MBeans");
            return;
        }
        for (String id : catalog.ids()) {
            register(agent, new ObjectName("synchub:type=tasks,name=" + id), new Task(id));
        }
        for (EntityType type : EntityType.values()) {
            register(agent, new ObjectName("synchub:type=pauses,name=" + type.column()), new Pause(type));
        }
        LOG.info("JMX: {} SyncHub MBeans under synchub:type=tasks and synchub:type=pauses", registered.size());
    }

    private void register(ManagementAgent agent, ObjectName name, Object mbean) throws Exception {
        if (!agent.isRegistered(name)) {
            agent.register(mbean, name);
            registered.add(name);
        }
    }

    private ManagementAgent agent() {
        return context.getManagementStrategy() == null ? null : context.getManagementStrategy().getManagementAgent();
    }

    @Override
    protected void doStop() throws Exception {
        ManagementAgent agent = agent();
        if (agent != null) {
            for (ObjectName name : registered) {
                agent.unregister(name);
            }
        }
        registered.clear();
    }

    /** One task. */
    @ManagedResource(description = "A SyncHub task")
    public final class Task implements TaskControlMBean {
        private final String id;

        Task(String id) {
            this.id = id;
        }

        private TaskBoard.TaskView view() {
            return board.find(id).orElseThrow(() -> new IllegalArgumentException("task '" + id + "' no longer exists"));
        }

        @ManagedAttribute(description = "idle, running, paused, in black-out, failed or stale")
        @Override
        public String getState() {
            return view().state();
        }

        @ManagedAttribute(description = "The schedule in words")
        @Override
        public String getSchedule() {
            return view().schedule();
        }

        @ManagedAttribute(description = "The schedule as a JSON body")
        @Override
        public String getScheduleJson() {
            return TaskKind.of(view().kind()) == TaskKind.SCHEDULED ? ScheduleJson.toJson(scheduler.schedule(id)) : null;
        }

        @ManagedAttribute(description = "The last run")
        @Override
        public String getLastRun() {
            RunHistory.Run last = view().lastRun();
            return last == null ? "never" : last.status() + " at " + (last.endedAt() != null ? last.endedAt() : last.startedAt()) + " (run " + last.id() + ")";
        }

        @ManagedAttribute(description = "The next planned run")
        @Override
        public String getNextRun() {
            return view().nextRun();
        }

        @ManagedOperation(description = "Run the task now; returns the run id")
        @Override
        public long runNow() {
            if (TaskKind.of(view().kind()) == TaskKind.AS_NEEDED) {
                throw new IllegalArgumentException(scheduler.describe(id) + ": run the stage that drives it instead");
            }
            if (!view().runnable()) {
                throw new IllegalArgumentException(id + " runs when its input arrives; it cannot be run on demand");
            }
            return trigger.fire(id, Trigger.MANUAL);
        }

        @ManagedOperation(description = "Suspend the task (triggers wait; nothing is lost)")
        @Override
        public void pause() {
            control("suspending", RouteController::suspendRoute);
        }

        @ManagedOperation(description = "Resume the task")
        @Override
        public void resume() {
            control("resuming", RouteController::resumeRoute);
        }

        private void control(String doing, RouteAction action) {
            try {
                action.apply(context.getRouteController(), id);
            } catch (Exception e) {
                throw new IllegalStateException(doing + " " + id + " failed: " + e.getMessage(), e);
            }
        }

        @ManagedOperation(description = "Set the schedule from a JSON body")
        @Override
        public void setSchedule(String json) {
            try {
                scheduler.setSchedule(id, ScheduleJson.parse(json));
            } catch (InvalidSchedule | TaskScheduler.NotSchedulable e) {
                // JMX clients show the message; keep it a plain JDK exception they can deserialise
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    }

    /** One entity type's pause switch. */
    @ManagedResource(description = "A pause switch of one entity type")
    public final class Pause implements PauseControlMBean {
        private final EntityType type;

        Pause(EntityType type) {
            this.type = type;
        }

        private Optional<PauseSwitches.Pause> view() {
            return changes.pauses().stream().filter(p -> p.entityType().equals(type.column())).findFirst();
        }

        @ManagedAttribute(description = "Whether changes of this type are held")
        @Override
        public boolean isPaused() {
            return view().map(PauseSwitches.Pause::paused).orElse(false);
        }

        @ManagedAttribute(description = "Changes held, not yet sent")
        @Override
        public long getHeldChanges() {
            return view().map(PauseSwitches.Pause::heldChanges).orElse(0L);
        }

        @ManagedOperation(description = "Hold changes of this type")
        @Override
        public void pause() {
            try {
                changes.pause(type.column());
            } catch (ApiError e) {
                // e.g. 409 no push for images yet: a plain JDK exception a remote JMX client can deserialise
                throw new IllegalStateException(e.getMessage());
            }
        }

        @ManagedOperation(description = "Send the held changes, consolidated, and stop holding")
        @Override
        public void resume() {
            try {
                changes.resume(type.column());
            } catch (ApiError e) {
                throw new IllegalStateException(e.getMessage());
            }
        }
    }

    /** A route controller's operation on one route. */
    @FunctionalInterface
    private interface RouteAction {
        void apply(RouteController controller, String routeId) throws Exception;
    }
}
