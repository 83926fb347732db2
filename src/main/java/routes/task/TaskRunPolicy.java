package routes.task;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attached to every task route ({@code routePolicy: task}): asks the gate whether a fire may run, records the run in
 * the history with its counts, and logs one line per run.
 */
public class TaskRunPolicy extends RoutePolicySupport {

    public static final String TASK_ID = "synchub.taskId";
    public static final String COUNTERS = "synchub.run";
    /** Header naming what fired the run: a {@link Trigger}'s column value; none = schedule. */
    public static final String TRIGGER = "SyncHubTrigger";
    public static final String CYCLE_ID = "SyncHubCycleId";

    private static final Logger LOG = LoggerFactory.getLogger("synchub.runs");

    private final RunHistory history;
    private final TaskTrigger trigger;
    private final TaskGate gate;
    private volatile RunObserver observer = RunObserver.NONE;

    /** {@code gate}: the scheduler, which answers a fire during a black-out ({@link TaskGate#ALWAYS} admits all). */
    public TaskRunPolicy(RunHistory history, TaskTrigger trigger, TaskGate gate) {
        this.history = history;
        this.trigger = trigger;
        this.gate = gate;
    }

    /** Who is told of each run's end (the metrics); one, set once while the beans are built. */
    public void setObserver(RunObserver observer) {
        this.observer = observer;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String taskId = route.getRouteId();
        Trigger trigger = trigger(exchange);
        TaskGate.Verdict verdict = gate.admit(taskId, exchange);
        switch (verdict.kind()) {
            case IGNORE -> {
                exchange.setRouteStop(true);
                return;
            }
            case SKIP -> {
                long id = history.skipped(taskId, trigger, verdict.reason(),
                        exchange.getMessage().getHeader(TaskTrigger.RUN_ID, Long.class));
                this.trigger.started(taskId, id);
                LOG.info("task {} run {} skipped: {}", taskId, id, verdict.reason());
                observer.ended(taskId, RunStatus.SKIPPED, new RunCounters(id));
                exchange.setRouteStop(true);
                return;
            }
            case RUN -> {
            }
        }
        Long queued = exchange.getMessage().getHeader(TaskTrigger.RUN_ID, Long.class);
        long runId;
        if (queued != null && history.markRunning(queued)) {
            runId = queued;
            this.trigger.started(taskId, queued);
        } else {
            runId = history.start(taskId, trigger, exchange.getMessage().getHeader(CYCLE_ID, Long.class));
        }
        exchange.setProperty(TASK_ID, taskId);
        RunCounters counters = new RunCounters(runId);
        counters.reportProgressTo(c -> history.progress(c.runId(), c));
        exchange.setProperty(COUNTERS, counters);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        RunCounters counters = exchange.getProperty(COUNTERS, RunCounters.class);
        if (counters == null) {
            return;
        }
        String taskId = route.getRouteId();
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        boolean ok = failure == null && !exchange.isFailed();
        String message = ok ? counters.note() : describe(failure, counters.note());
        RunStatus status = !ok ? RunStatus.FAILED : counters.isPartial() ? RunStatus.PARTIAL : RunStatus.OK;
        history.finish(counters.runId(), status, counters, message);
        observer.ended(taskId, status, counters);
        gate.ended(taskId, exchange, ok);
        long ms = System.currentTimeMillis() - exchange.getClock().getCreated();
        if (ok) {
            LOG.info("task {} run {} {}: read {}, written {}, failed {} in {} ms{}", taskId, counters.runId(), status.column(),
                    counters.read(), counters.written(), counters.failed(), ms,
                    counters.note() == null ? "" : " (" + counters.note() + ")");
        } else {
            LOG.warn("task {} run {} failed after {} ms: {}", taskId, counters.runId(), ms, message);
        }
    }

    /** What fired this run, from its {@link #TRIGGER} header. */
    public static Trigger trigger(Exchange fire) {
        String header = fire.getMessage().getHeader(TRIGGER, String.class);
        return header == null ? Trigger.SCHEDULE : Trigger.of(header);
    }

    /** The failure a splitter or multicast wrapped (CamelExchangeException "... Caused by: ..."): the real cause. */
    static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CamelExchangeException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable failure, String note) {
        Throwable real = cause(failure);
        String reason = real == null ? "failed" : real.getMessage() == null ? real.getClass().getSimpleName() : real.getMessage();
        return note == null ? reason : note + "; " + reason;
    }
}
