package routes.storefront;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import routes.sandbox.SandboxStorefront;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests per second the BigCommerce client reaches against the sandbox storefront on loopback (absolute stock
 * PUTs of one item through the rate budget). Reported in the test output, never asserted: timing depends on the machine.
 */
class ClientThroughputTest {

    @Test
    void reportsRequestsPerSecondAgainstALocalMock() throws Exception {
        SandboxStorefront store = new SandboxStorefront("127.0.0.1", 0, "tok", Clock.systemUTC(), false, Duration.ofHours(1));
        store.start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            BigCommerceClient client = new BigCommerceClient("bigcommerce:bench", BigCommerceClient.Endpoints.of(store.baseUrl()), "tok",
                    BigCommerceClient.pooledHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5),
                    RetryPolicy.withFullJitter(3, Duration.ofMillis(50), Duration.ofSeconds(1)),
                    new RateBudget(Clock.systemUTC(), Sleeper.REAL, 10), Sleeper.REAL);
            int warmup = 200;
            for (int i = 0; i < warmup; i++) {
                client.setAbsoluteStock(List.of(new Storefront.StockItem(1, "W-" + i, i)), "warm-up");
            }
            for (int threads : new int[] {1, 4}) {
                int perThread = 1_000;
                long start = System.nanoTime();
                List<Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            client.setAbsoluteStock(List.of(new Storefront.StockItem(1, "B-" + thread + "-" + i, i)), "bench");
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("storefront client: %d requests on %d thread(s) in %.2f s = %.0f requests/s%n",
                        threads * perThread, threads, seconds, threads * perThread / seconds);
            }
            // a loaded machine may time a call out and retry it: an absolute level is idempotent, so a retry may
            // arrive twice but never goes missing
            assertThat(store.inventoryCalls()).isBetween(200L + 1_000 + 4_000, 200L + 1_000 + 4_000 + client.retries());
        } finally {
            pool.shutdownNow();
            store.stop();
        }
    }
}
