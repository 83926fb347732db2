package routes.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.platform.LogText;
import routes.platform.Tx;
import routes.task.RunHistory;
import routes.task.TaskCatalog;
import routes.task.TaskGate;
import routes.task.TaskKind;
import routes.task.TaskRunPolicy;
import routes.task.TaskTrigger;
import routes.task.Trigger;

/**
 * Runs the scheduled tasks on time. The {@code scheduler} route ticks (quartz, every few seconds); at each tick this
 * asks the {@link Planner} per task whether a planned fire is due, runs it, or records it as skipped when the
 * current time is in a black-out window. Schedules live in the hub DB and change at once, without a restart.
 * It is also the tasks' {@link TaskGate}: a run about to start from a schedule is checked against black-outs again
 * at that moment (a follow-up queued before a window opened does not run inside it).
 */
public class TaskScheduler implements TaskGate {

    private static final Logger LOG = LoggerFactory.getLogger(TaskScheduler.class);
    private static final String DEFAULT_SETTING = "default-schedule";

    /** A task's row: its own schedule (null = its configured default) and the last planned fire handled. */
    record Row(String id, TaskKind kind, Schedule own, String drivenBy, Instant lastFire) {
    }

    private final DataSource hub;
    private final Planner planner;
    private final Clock clock;
    private final TaskCatalog catalog;
    private final TaskTrigger trigger;
    private final RunHistory runs;
    private final Schedule configuredGlobal;
    private final Map<String, Schedule> configuredDefaults;
    private final Map<String, String> drivers;

    public TaskScheduler(DataSource hub, Planner planner, Clock clock, TaskCatalog catalog, TaskTrigger trigger,
                         RunHistory runs, Schedule configuredGlobal, Map<String, Schedule> configuredDefaults,
                         Map<String, String> drivers) {
        this.hub = hub;
        this.planner = planner;
        this.clock = clock;
        this.catalog = catalog;
        this.trigger = trigger;
        this.runs = runs;
        this.configuredGlobal = Planner.requireConcrete(configuredGlobal);
        this.configuredDefaults = Map.copyOf(configuredDefaults);
        this.drivers = Map.copyOf(drivers);
    }

    public Planner planner() {
        return planner;
    }

    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Makes sure every task route has its row. Checked on every use, not once: a caller (a health probe, the first
     * tick) may come while routes are still being added, and a route reloaded from synchub.routes.dir may be new.
     */
    private void ensureRegistered() {
        List<String> ids = catalog.ids();
        if (!registered.containsAll(ids)) {
            synchronized (this) {
                register();
                registered.addAll(ids);
            }
        }
    }

    /** Makes sure every task route has its row. */
    public void register() {
        Tx.inTransaction(hub, c -> {
            for (String id : catalog.ids()) {
                TaskKind kind = catalog.kind(id).orElse(TaskKind.SCHEDULED);
                TaskStore.register(c, id, kind.column(), drivers.get(id), clock.instant());
            }
            return null;
        });
    }

    /** One tick: every scheduled task whose planned fire is due runs (or is recorded as skipped). */
    public void tick() {
        Instant now = clock.instant();
        for (String id : catalog.ids()) {
            Row row = row(id).orElse(null);
            if (row == null || row.kind() != TaskKind.SCHEDULED) {
                continue;
            }
            Schedule effective = effective(row);
            Instant lastHandled = row.lastFire() != null ? row.lastFire() : firstBaseline(effective, now);
            Decision decision = planner.decide(effective, lastHandled, now);
            if (decision instanceof Decision.Run run) {
                saveLastFire(id, run.planned());
                long runId = trigger.fire(id, Trigger.SCHEDULE);
                if (row.lastFire() == null) {
                    // an interval task never run counts its fires from the epoch: "1995749 missed" would be noise
                    LOG.info("task {}: first scheduled run ({})", id, runId);
                } else if (run.missedFires() > 0) {
                    LOG.info("task {}: {} missed fire(s) caught up by one run ({})", id, run.missedFires(), runId);
                }
            } else if (decision instanceof Decision.Skip skip) {
                saveLastFire(id, skip.planned());
                runs.skipped(id, Trigger.SCHEDULE, "black-out " + skip.window().describe() + " (planned " + skip.planned() + ")", null);
            }
        }
    }

    /** A task never run: an interval task runs at once (its first sync); daily and cron ones wait for their time. */
    private static Instant firstBaseline(Schedule effective, Instant now) {
        return effective instanceof IntervalSchedule ? Instant.EPOCH : now;
    }

    @Override
    public Verdict admit(String taskId, Exchange fire) {
        Trigger why = TaskRunPolicy.trigger(fire);
        if (why != Trigger.SCHEDULE && why != Trigger.FOLLOW_UP) {
            // manual, event and cycle runs are an operator's or a peer's explicit ask
            return Verdict.RUN;
        }
        Optional<Row> row = row(taskId);
        if (row.isEmpty() || row.get().kind() != TaskKind.SCHEDULED) {
            return Verdict.RUN;
        }
        return planner.blackoutAt(effective(row.get()), clock.instant())
                .map(w -> Verdict.skip("black-out " + w.describe()))
                .orElse(Verdict.RUN);
    }

    // --- schedules, as the admin API, JMX and the dashboard change them

    /** The task's own schedule as stored, or its configured default. */
    public Schedule schedule(String taskId) {
        Row row = requireTask(taskId);
        return row.own() != null ? row.own() : configuredDefaults.getOrDefault(taskId, new DefaultSchedule());
    }

    /** Sets a task's schedule; effective at the next tick. An as-needed stage cannot have one. */
    public void setSchedule(String taskId, Schedule schedule) {
        Row row = requireTask(taskId);
        if (row.kind() != TaskKind.SCHEDULED) {
            throw new NotSchedulable(taskId, row.kind(), row.drivenBy());
        }
        planner.requireFires(planner.resolve(schedule, globalDefault()), clock.instant());
        // fires before now belong to the old schedule: no catch-up burst for the new one
        Tx.inTransaction(hub, c -> TaskStore.setSchedule(c, taskId, ScheduleJson.toJson(schedule), clock.instant()));
        LOG.info("task {} schedule is now {}", LogText.escape(taskId), LogText.escape(planner.describe(schedule)));
    }

    public Schedule globalDefault() {
        return Tx.read(hub, c -> SettingStore.read(c, DEFAULT_SETTING)).map(ScheduleJson::parse).orElse(configuredGlobal);
    }

    public void setGlobalDefault(Schedule schedule) {
        Planner.requireConcrete(schedule);
        planner.requireFires(schedule, clock.instant());
        Tx.inTransaction(hub, c -> {
            SettingStore.write(c, DEFAULT_SETTING, ScheduleJson.toJson(schedule), clock.instant());
            return null;
        });
        LOG.info("default schedule is now {}", LogText.escape(planner.describe(schedule)));
    }

    /** The planned fires in a range, black-outs applied, computed by the code the tick uses. */
    public CalendarPage calendar(String taskId, Instant from, Instant to) {
        Row row = requireTask(taskId);
        if (row.kind() != TaskKind.SCHEDULED) {
            throw new NotSchedulable(taskId, row.kind(), row.drivenBy());
        }
        return planner.calendarPage(effective(row), from, to);
    }

    public Schedule effective(String taskId) {
        return effective(requireTask(taskId));
    }

    private Schedule effective(Row row) {
        Schedule own = row.own() != null ? row.own() : configuredDefaults.getOrDefault(row.id(), new DefaultSchedule());
        return planner.resolve(own, globalDefault());
    }

    // --- what the task tiles show

    public String describe(String taskId) {
        Optional<Row> row = row(taskId);
        if (row.isEmpty()) {
            return null;
        }
        return switch (row.get().kind()) {
            case AS_NEEDED -> "as needed, after " + row.get().drivenBy();
            case EVENT -> "on events";
            case SCHEDULED -> {
                Schedule own = schedule(taskId);
                String words = planner.describe(effective(row.get()));
                yield own instanceof DefaultSchedule ? "default (" + words + ")" : words;
            }
        };
    }

    /** The task that starts as-needed stage {@code taskId} ({@code synchub.task.<id>.driven-by}); null for other tasks. */
    public String drivenBy(String taskId) {
        return catalog.kind(taskId).filter(kind -> kind == TaskKind.AS_NEEDED).map(kind -> drivers.get(taskId)).orElse(null);
    }

    public Optional<Instant> nextRun(String taskId) {
        Optional<Row> row = row(taskId);
        if (row.isEmpty() || row.get().kind() != TaskKind.SCHEDULED) {
            return Optional.empty();
        }
        Schedule effective = effective(row.get());
        Instant horizon = clock.instant().plus(Duration.ofDays(8));
        // walk the planned fires (the calendar's own steps) to the first outside a black-out: usually one or two
        Optional<Instant> next = planner.nextPlanned(effective, clock.instant());
        while (next.isPresent() && next.get().isBefore(horizon) && planner.blackoutAt(effective, next.get()).isPresent()) {
            next = planner.nextPlanned(effective, next.get());
        }
        return next.filter(at -> at.isBefore(horizon));
    }

    public boolean inBlackout(String taskId) {
        Optional<Row> row = row(taskId);
        return row.isPresent() && row.get().kind() == TaskKind.SCHEDULED
                && planner.blackoutAt(effective(row.get()), clock.instant()).isPresent();
    }

    // --- storage

    private Row requireTask(String taskId) {
        return row(taskId).orElseThrow(() -> new UnknownTask(taskId));
    }

    Optional<Row> row(String taskId) {
        ensureRegistered();
        return Tx.read(hub, c -> read(c, taskId));
    }

    private static Optional<Row> read(Connection c, String taskId) throws SQLException {
        return TaskStore.read(c, taskId).map(t -> new Row(t.id(), TaskKind.of(t.kind()),
                t.schedule() == null ? null : ScheduleJson.parse(t.schedule()), t.drivenBy(), t.lastFire()));
    }

    private void saveLastFire(String taskId, Instant planned) {
        Tx.inTransaction(hub, c -> TaskStore.setLastFire(c, taskId, planned));
    }

    /** No task with that id. */
    public static final class UnknownTask extends RuntimeException {
        public UnknownTask(String taskId) {
            super("no task '" + taskId + "'; GET /api/v1/tasks lists them");
        }
    }

    /** Scheduling a stage that has no schedule of its own. */
    public static final class NotSchedulable extends RuntimeException {
        public NotSchedulable(String taskId, TaskKind kind, String drivenBy) {
            super(kind == TaskKind.AS_NEEDED
                    ? "'" + taskId + "' runs as needed after '" + drivenBy + "': schedule '" + drivenBy + "' instead"
                    : "'" + taskId + "' runs on events and has no schedule");
        }
    }
}
