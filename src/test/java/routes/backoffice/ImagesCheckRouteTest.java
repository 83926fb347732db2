package routes.backoffice;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;
import routes.task.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-stage sync as the route files declare it (routes/images-check.yaml on the check template, images-read.yaml on
 * the task template), with the real task policy and trigger and stub counts: the check's content-based router starts
 * images-read only when the count is above zero.
 */
class ImagesCheckRouteTest extends RouteTestSupport {

    /** Stub for imagesCheck?method=pending: answers what the test sets. */
    public static final class Pending {
        volatile long count;

        public long pending() {
            return count;
        }
    }

    /** Stub for imagePull?method=pull: counts its calls. */
    public static final class Pull {
        final AtomicInteger calls = new AtomicInteger();

        public void pull() {
            calls.incrementAndGet();
        }
    }

    private final Pending imagesCheck = new Pending();
    private final Pull imagePull = new Pull();
    private final RouteTestHub hub = new RouteTestHub().stub("imagesCheck", imagesCheck).stub("imagePull", imagePull);

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"images-check.yaml", "images-read.yaml"};
    }

    @Test
    void nothingPendingEndsTheCheckWithoutStartingImagesRead() {
        imagesCheck.count = 0;
        NotifyBuilder checked = new NotifyBuilder(context).fromRoute("images-check").whenDone(1).create();

        hub.trigger().fire("images-check", Trigger.MANUAL);

        assertThat(checked.matches(20, TimeUnit.SECONDS)).as("images-check ran").isTrue();
        assertThat(hub.runsOf("images-check")).singleElement().satisfies(run -> assertThat(run.status()).isEqualTo("ok"));
        // the router fires stage 2 inside the check's own run: by its end a fire would be in the history
        assertThat(hub.runsOf("images-read")).isEmpty();
        assertThat(imagePull.calls).hasValue(0);
    }

    @Test
    void pendingImagesStartImagesReadOnceAsAFollowUp() {
        imagesCheck.count = 3;
        NotifyBuilder read = new NotifyBuilder(context).fromRoute("images-read").whenDone(1).create();

        hub.trigger().fire("images-check", Trigger.MANUAL);

        assertThat(read.matches(20, TimeUnit.SECONDS)).as("images-read ran").isTrue();
        assertThat(hub.runsOf("images-read")).singleElement().satisfies(run -> {
            assertThat(run.trigger()).isEqualTo("follow-up");
            assertThat(run.status()).isEqualTo("ok");
        });
        assertThat(imagePull.calls).hasValue(1);
    }
}
