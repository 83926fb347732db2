package routes.orders.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.platform.MutableClock;
import routes.platform.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay receiver's replay guard on H2 and PostgreSQL: one event is taken once, however many send it at once. */
class RelayReplaysTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private final MutableClock clock = new MutableClock(NOW, ZoneOffset.UTC);
    private HikariDataSource hub;
    private ExecutorService pool;

    static java.util.stream.Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEventSentByEightAtOnceIsTakenOnceAndItsWorkRunsOnce(TestDatabases.Kind kind) throws Exception {
        hub = TestDatabases.hub(kind);
        RelayReplays replays = new RelayReplays(hub, clock, RelayReplays.DEFAULT_WINDOW);
        pool = Executors.newFixedThreadPool(8);
        for (int round = 0; round < 5; round++) {
            WebhookEvent event = new WebhookEvent("store/order/created", 250, NOW.getEpochSecond(), "h-" + round);
            AtomicInteger work = new AtomicInteger();
            CyclicBarrier together = new CyclicBarrier(8);
            List<Future<Optional<Integer>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return replays.once(event, new byte[0], work::incrementAndGet);
                }));
            }
            int taken = 0;
            for (Future<Optional<Integer>> answer : answers) {
                taken += answer.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(taken).as("round " + round).isEqualTo(1);
            assertThat(work).hasValue(1);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void withoutAHashTheExactBodyIsTheEventAndKeysAreForgottenOnceTheWindowRefusesThem(TestDatabases.Kind kind) {
        hub = TestDatabases.hub(kind);
        RelayReplays replays = new RelayReplays(hub, clock, Duration.ofMinutes(5));
        WebhookEvent event = new WebhookEvent("store/order/created", 7, NOW.getEpochSecond(), null);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(replays.once(event, body, () -> 1)).isPresent();
        assertThat(replays.once(event, body, () -> 1)).isEmpty();
        assertThat(replays.once(event, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), () -> 1)).isPresent();
        assertThat(replays.age(event)).isEqualTo(RelayReplays.Age.WITHIN);

        clock.advance(Duration.ofMinutes(6));
        assertThat(replays.age(event)).isEqualTo(RelayReplays.Age.TOO_OLD);
        assertThat(replays.age(new WebhookEvent("store/order/created", 7, NOW.plusSeconds(1000).getEpochSecond(), null)))
                .isEqualTo(RelayReplays.Age.TOO_NEW);
    }
}
