package routes.inventory;

import routes.task.RunCounters;

/**
 * The loop of route {@code stock-push-batches} (stock-push.xml) over {@link StockPush}'s steps, for bean tests that
 * drive the push without Camel: claim, stop on an empty claim, consolidate, send, settle, until a claim is short.
 */
public final class StockPushLoop {

    private StockPushLoop() {
    }

    public static void run(StockPush push, String taskId, RunCounters run) {
        while (true) {
            StockPush.Batch batch = push.claim(run);
            if (batch.isEmpty()) {
                return;
            }
            push.settle(push.send(push.consolidate(batch, taskId, run)), taskId, run);
            if (!batch.full()) {
                return;
            }
        }
    }
}
