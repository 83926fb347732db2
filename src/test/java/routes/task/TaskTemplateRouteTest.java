package routes.task;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The task template's contract (routes/templates/task.yaml) on a real task file, routes/images-read.yaml, with the real
 * task policy and trigger: triggers that arrive while a run is in progress become exactly one follow-up run.
 */
class TaskTemplateRouteTest extends RouteTestSupport {

    /** Stub for imagePull?method=pull: the first call holds its run open until the test lets it go. */
    public static final class HeldPull {
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        public void pull() throws InterruptedException {
            if (calls.incrementAndGet() == 1) {
                firstStarted.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).as("the test released the first run").isTrue();
            }
        }
    }

    private final HeldPull imagePull = new HeldPull();
    private final RouteTestHub hub = new RouteTestHub().stub("imagePull", imagePull);

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"images-read.yaml"};
    }

    @Test
    void triggersDuringARunBecomeExactlyOneFollowUpRun() throws InterruptedException {
        NotifyBuilder twoRuns = new NotifyBuilder(context).fromRoute("images-read").whenDone(2).create();

        long first = hub.trigger().fire("images-read", Trigger.MANUAL);
        assertThat(imagePull.firstStarted.await(20, TimeUnit.SECONDS)).as("the first run started").isTrue();
        long second = hub.trigger().fire("images-read", Trigger.MANUAL);
        long third = hub.trigger().fire("images-read", Trigger.SCHEDULE);
        assertThat(third).as("the third trigger is served by the run the second queued").isEqualTo(second);
        assertThat(second).isNotEqualTo(first);
        assertThat(hub.trigger().queuedRun("images-read")).isEqualTo(second);
        imagePull.release.countDown();

        assertThat(twoRuns.matches(20, TimeUnit.SECONDS)).as("the run and its follow-up ended").isTrue();
        assertThat(imagePull.calls).hasValue(2);
        assertThat(hub.runsOf("images-read")).extracting(RunHistory.Run::id, RunHistory.Run::status)
                .containsExactly(tuple(first, "ok"), tuple(second, "ok"));
        assertThat(hub.trigger().queuedRun("images-read")).isNull();
    }
}
