package routes.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one task run did, filled in by the beans the run calls and written to the run history when it ends.
 * Lives in the exchange property {@link TaskRunPolicy#COUNTERS}.
 */
public final class RunCounters {

    /** One item the run could not take, with the field at fault. */
    public record ItemError(String itemKey, String field, String message) {
    }

    private static final int MAX_ERRORS_KEPT = 1_000;

    private final long runId;
    private final AtomicInteger read = new AtomicInteger();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile Integer total;
    private volatile String note;
    private volatile boolean partial;
    private final List<ItemError> errors = Collections.synchronizedList(new ArrayList<>());

    public RunCounters(long runId) {
        this.runId = runId;
    }

    /** Where progress goes while the run is going (the run history, for the dashboard's progress bar). */
    public interface ProgressSink {
        void progress(RunCounters counters);
    }

    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;
    private volatile ProgressSink sink;
    private volatile long lastReport = System.nanoTime() - PROGRESS_EVERY_NANOS; // the first movement reports at once

    /** Reports progress to {@code sink} at most once a second while the counts move. */
    public void reportProgressTo(ProgressSink sink) {
        this.sink = sink;
    }

    private void moved() {
        ProgressSink s = sink;
        long now = System.nanoTime();
        if (s != null && now - lastReport >= PROGRESS_EVERY_NANOS) {
            lastReport = now;
            s.progress(this);
        }
    }

    public long runId() {
        return runId;
    }

    public void read(int n) {
        read.addAndGet(n);
        moved();
    }

    public void written(int n) {
        written.addAndGet(n);
        moved();
    }

    public void failed(String itemKey, String field, String message) {
        failed.incrementAndGet();
        if (errors.size() < MAX_ERRORS_KEPT) {
            errors.add(new ItemError(itemKey, field, message));
        }
    }

    /** The run rejected input it must not end as plain ok for (it ends {@link RunStatus#PARTIAL}). */
    public void partial() {
        partial = true;
    }

    public boolean isPartial() {
        return partial;
    }

    public void total(int n) {
        total = n;
    }

    /** A line for the run record beside the counts (e.g. a warning). */
    public void note(String text) {
        note = note == null ? text : note + "; " + text;
    }

    public int read() {
        return read.get();
    }

    public int written() {
        return written.get();
    }

    public int failed() {
        return failed.get();
    }

    public Integer total() {
        return total;
    }

    public String note() {
        return note;
    }

    public List<ItemError> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }
}
