package routes.task;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * Starts task runs. Every task route consumes {@code seda:<id>} with one consumer and a queue of one, so a task never
 * runs twice at once and any number of triggers during a run collapse into exactly one follow-up run. Schedule,
 * manual, event and cycle triggers all come through here; each gets the id of the run that will serve it.
 */
public class TaskTrigger {

    /** Header carrying the id of the queued run a message starts. */
    public static final String RUN_ID = "SyncHubRunId";

    private final CamelContext context;
    private final RunHistory runs;
    private final ProducerTemplate producer;
    private final Map<String, Long> queuedRuns = new ConcurrentHashMap<>();

    public TaskTrigger(CamelContext context, RunHistory runs) {
        this.context = context;
        this.runs = runs;
        this.producer = context.createProducerTemplate();
    }

    /** The endpoint a task route consumes ({@link TaskContract#queue}). */
    public static String inputUri(String taskId) {
        return TaskContract.queue(taskId);
    }

    /**
     * Asks for a run; returns the id of the run that will serve this trigger (an already queued one, if any). Route
     * files call it as {@code fire(stock-push, follow-up)}: Camel turns the text into the {@link Trigger}.
     */
    public long fire(String taskId, Trigger trigger) {
        return fireInCycle(taskId, trigger, null);
    }

    /** As {@link #fire(String, Trigger)}, for a step of a Sync All cycle. */
    public synchronized long fireInCycle(String taskId, Trigger trigger, Long cycleId) {
        SedaEndpoint endpoint = endpoint(taskId);
        Long queued = queuedRuns.get(taskId);
        if (queued != null && !endpoint.getQueue().isEmpty()) {
            return queued;
        }
        long runId = runs.queue(taskId, trigger, cycleId);
        Map<String, Object> headers = new HashMap<>();
        headers.put(TaskRunPolicy.TRIGGER, trigger.column());
        headers.put(RUN_ID, runId);
        if (cycleId != null) {
            headers.put(TaskRunPolicy.CYCLE_ID, cycleId);
        }
        queuedRuns.put(taskId, runId);
        producer.sendBodyAndHeaders(endpoint, null, headers);
        return runId;
    }

    /**
     * Runs the task now on the caller's thread's behalf and waits for it (Sync All's steps): the request queues behind
     * a run in progress, never beside it. Returns the finished exchange.
     */
    public Exchange runAndWait(String taskId, Trigger trigger, Long cycleId) {
        return runQueued(taskId, trigger, cycleId).done().join();
    }

    /** A run asked for on a caller's behalf: its id, and the exchange once the run has ended. */
    public record Queued(long runId, CompletableFuture<Exchange> done) {
    }

    /**
     * As {@link #runAndWait}, without waiting: the caller waits on {@link Queued#done} as long as it chooses (Sync All
     * waits through the run watchdog, which ends the wait once the step is stuck).
     */
    public Queued runQueued(String taskId, Trigger trigger, Long cycleId) {
        long runId;
        synchronized (this) {
            runId = runs.queue(taskId, trigger, cycleId);
        }
        Map<String, Object> headers = new HashMap<>();
        headers.put(TaskRunPolicy.TRIGGER, trigger.column());
        headers.put(RUN_ID, runId);
        headers.put(TaskRunPolicy.CYCLE_ID, cycleId);
        return new Queued(runId, producer.asyncSend(
                inputUri(taskId) + "&blockWhenFull=true&waitForTaskToComplete=Always&timeout=0",
                exchange -> exchange.getMessage().setHeaders(headers)));
    }

    /** The run started: it no longer stands for triggers that arrive from now on. */
    void started(String taskId, long runId) {
        queuedRuns.remove(taskId, runId);
    }

    /** The id of the follow-up run waiting for the current one to end, or null. */
    public Long queuedRun(String taskId) {
        SedaEndpoint endpoint = endpoint(taskId);
        return endpoint.getQueue().isEmpty() ? null : queuedRuns.get(taskId);
    }

    private SedaEndpoint endpoint(String taskId) {
        return context.getEndpoint(inputUri(taskId), SedaEndpoint.class);
    }
}
