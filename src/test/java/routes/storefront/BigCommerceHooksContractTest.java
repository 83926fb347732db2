package routes.storefront;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.hooks.HookHeader;
import routes.hooks.HookRegistration;
import routes.platform.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BigCommerceHooks and the hook registration against a Prism mock of {@code bc-webhooks.v3.yml}: every request is
 * one the spec accepts (a non-2xx or a request violation fails the test), and hooks are created with SyncHub's header.
 */
class BigCommerceHooksContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "contract-hook-secret-0123456789";
    private static final String DESTINATION = "https://synchub.example.com/webhooks/bigcommerce";

    private static PrismMock prism;
    private final List<String> problems = new ArrayList<>();
    private final List<JsonNode> created = new ArrayList<>();
    private BigCommerceClient client;
    private BigCommerceHooks hooks;

    @BeforeAll
    static void startPrism() throws Exception {
        prism = PrismMock.start("bc-webhooks.v3.yml");
    }

    @AfterAll
    static void stopPrism() {
        if (prism != null) {
            prism.close();
        }
    }

    @BeforeEach
    void client() {
        client = new BigCommerceClient("bigcommerce:prism", BigCommerceClient.Endpoints.of(prism.baseUrl()), "contract-token",
                BigCommerceClient.pooledHttpClient(Duration.ofSeconds(10)), Duration.ofSeconds(20));
        client.setResponseListener((method, url, request, status, headers, body) -> {
            if (status / 100 != 2) {
                problems.add(method + " " + url + " answered " + status + ": " + body);
            }
            for (String header : headers.allValues("sl-violations")) {
                PrismMock.requestViolations(header).forEach(v -> problems.add(method + " " + url + ": " + v));
            }
            if (method.equals("POST")) {
                try {
                    created.add(JSON.readTree(request));
                } catch (Exception e) {
                    problems.add("POST body is not JSON: " + e.getMessage());
                }
            }
        });
        // the spec's server is .../v3, so Prism serves /hooks at its root
        hooks = new BigCommerceHooks(client, prism.baseUrl());
    }

    @AfterEach
    void noViolations() {
        assertThat(problems).as("Prism's verdicts on the requests SyncHub sent").isEmpty();
    }

    @Test
    void listCreateAndUpdateMatchTheContract() {
        hooks.list();
        StorefrontHooks.Hook hook = hooks.create("store/order/created", DESTINATION, Map.of(HookHeader.NAME, SECRET));
        assertThat(hook.id()).isPositive();
        hooks.update(18048287, true, Map.of(HookHeader.NAME, SECRET));
    }

    @Test
    void registrationCreatesEachMissingHookWithItsHeader() {
        HikariDataSource hub = TestDatabases.hub(TestDatabases.Kind.H2);
        try {
            HookRegistration.Outcome outcome = new HookRegistration(hooks, hub, Clock.systemUTC(), DESTINATION,
                    new HookHeader(SECRET)).ensure();

            assertThat(outcome.created()).isEqualTo(HookScope.values().length);
            assertThat(created).extracting(b -> b.path("scope").asText()).containsExactlyInAnyOrder(
                    "store/order/created", "store/order/updated", "store/order/statusUpdated",
                    "store/sku/inventory/updated", "store/product/inventory/updated");
            assertThat(created).allSatisfy(body -> {
                assertThat(body.path("destination").asText()).isEqualTo(DESTINATION);
                assertThat(body.path("is_active").asBoolean()).isTrue();
                assertThat(body.path("headers").path(HookHeader.NAME).asText()).isEqualTo(SECRET);
            });
        } finally {
            hub.close();
        }
    }
}
