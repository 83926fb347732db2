package routes.backoffice;

import org.apache.camel.ExchangeProperty;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * The first stage of a two-stage sync ("images-check", "items-check"): counts the back-office rows the second stage
 * would take, i.e. those past the second stage's watermark. The route's content-based router starts the second stage
 * only when the count is above zero. A value: which query counts, for which reading stage.
 */
public record StageCheck(IncrementalPull incremental, String countQuery, String readingStage) {

    /** The number of rows waiting for the reading stage (becomes the body). */
    public long pending(@ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        long pending = incremental.pending(readingStage, countQuery);
        run.total((int) Math.min(Integer.MAX_VALUE, pending));
        run.note(pending + " waiting for " + readingStage);
        return pending;
    }
}
