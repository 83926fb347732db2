package routes.hooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import routes.platform.MutableClock;
import routes.platform.TestDatabases;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.storefront.BigCommerceHooks;
import routes.storefront.HookScope;

import static org.assertj.core.api.Assertions.assertThat;

/** The registration against the sandbox storefront over HTTP, on one hub DB shared by two "nodes". */
class HookRegistrationTest {

    private static final String DESTINATION = "https://synchub.example.com/webhooks/bigcommerce";
    private static final String TOKEN = "sandbox-token-of-the-registration-test";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final SandboxStorefront sandbox = new SandboxStorefront("127.0.0.1", 0, TOKEN, clock, false, Duration.ofHours(1));
    private final HikariDataSource hub = TestDatabases.hub(TestDatabases.Kind.H2);

    @AfterEach
    void stop() {
        sandbox.stop();
        hub.close();
    }

    private HookRegistration node(String secret) {
        BigCommerceClient client = new BigCommerceClient("bigcommerce:sandbox", BigCommerceClient.Endpoints.of(sandbox.baseUrl()),
                TOKEN, BigCommerceClient.plainHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(10));
        return new HookRegistration(new BigCommerceHooks(client), hub, clock, DESTINATION, new HookHeader(secret));
    }

    @Test
    void twoNodesStartingAtOnceCreateEachHookOnce() throws Exception {
        sandbox.start();
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<HookRegistration.Outcome>> nodes = List.of("node-a", "node-b").stream()
                .map(n -> CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return node("shared-hook-secret-0123456789").ensure();
                })).toList();

        List<HookRegistration.Outcome> outcomes = nodes.stream().map(CompletableFuture::join).toList();

        assertThat(sandbox.hooks().created()).isEqualTo(HookScope.values().length);
        assertThat(outcomes).extracting(HookRegistration.Outcome::created)
                .containsExactlyInAnyOrder(HookScope.values().length, 0);
    }

    @Test
    void aRestartCreatesNothingAndANewSecretIsPutOnTheExistingHooks() {
        sandbox.start();
        node("first-hook-secret-0123456789").ensure();

        HookRegistration.Outcome restart = node("first-hook-secret-0123456789").ensure();
        HookRegistration.Outcome rotated = node("second-hook-secret-0123456789").ensure();

        assertThat(restart.changed()).isZero();
        assertThat(restart.unchanged()).isEqualTo(HookScope.values().length);
        assertThat(rotated.headerUpdated()).isEqualTo(HookScope.values().length);
        assertThat(sandbox.hooks().created()).isEqualTo(HookScope.values().length);
        assertThat(sandbox.hooks().list()).allSatisfy(h ->
                assertThat(h.path("headers").path(HookHeader.NAME).asText()).isEqualTo("second-hook-secret-0123456789"));
    }

    @Test
    void withoutAWebhookUrlNothingIsRegistered() {
        sandbox.start();
        BigCommerceClient client = new BigCommerceClient("bigcommerce:sandbox", BigCommerceClient.Endpoints.of(sandbox.baseUrl()),
                TOKEN, BigCommerceClient.plainHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(10));
        HookRegistration.Outcome outcome = new HookRegistration(new BigCommerceHooks(client), hub, clock,
                null, null).ensure();

        assertThat(outcome.configured()).isFalse();
        assertThat(outcome.toString()).contains("synchub.storefront.webhook-url is not set");
        assertThat(sandbox.hooks().created()).isZero();
    }
}
