package routes.storefront;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every BigCommerceClient call against Prism mocks of BigCommerce's own OpenAPI files (one Prism per file of
 * {@link BigCommerceOperation.Spec}, read from ../shared/specs/bigcommerce). A call fails the test when Prism answers
 * non-2xx or reports a request violation; the class fails when the operations the tests drove are not every value of
 * {@link BigCommerceOperation} (a new client call without a contract test fails the build).
 */
class BigCommerceContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK_SECRET = "contract-hook-secret-0123456789";
    private static final String HOOK_DESTINATION = "https://synchub.example.com/webhooks/bigcommerce";

    private static final List<Process> prisms = new ArrayList<>();
    private static final Map<BigCommerceOperation.Spec, Integer> ports = new EnumMap<>(BigCommerceOperation.Spec.class);
    private static final EnumSet<BigCommerceOperation> driven = EnumSet.noneOf(BigCommerceOperation.class);
    private final List<String> problems = new ArrayList<>();
    private final List<JsonNode> createdHooks = new ArrayList<>();
    private BigCommerceClient client;

    @BeforeAll
    static void startPrism() throws Exception {
        Path specs = Path.of(System.getProperty("synchub.test.shared-dir", "../shared")).resolve("specs/bigcommerce").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(specs), "skipped: " + specs + " is missing (the shared specs dir, system property "
                + "synchub.test.shared-dir); the BigCommerce contract needs it");
        Path prism = Path.of(System.getProperty("synchub.test.prism",
                Path.of(System.getProperty("user.dir"), "target/prism/node_modules/.bin/prism").toString()));
        if (!Files.isExecutable(prism)) {
            String missing = "the prism binary " + prism + " is missing: install it with `npm install --no-save --prefix "
                    + "target/prism @stoplight/prism-cli@5.12.0` (as .ci/run does) or point -Dsynchub.test.prism at one";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + missing);
            }
            assumeTrue(false, "skipped: " + missing);
        }
        Path logs = Path.of(System.getProperty("user.dir"), "target/prism-logs");
        Files.createDirectories(logs);
        for (BigCommerceOperation.Spec spec : BigCommerceOperation.Spec.values()) {
            int port = freePort();
            Path file = specs.resolve(spec.file());
            assumeTrue(Files.isRegularFile(file), "skipped: " + file + " is missing from the shared specs dir");
            ProcessBuilder builder = new ProcessBuilder(prism.toString(), "mock", "-h", "127.0.0.1", "-p", String.valueOf(port), file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(spec.name().toLowerCase() + ".log").toFile());
            prisms.add(builder.start());
            ports.put(spec, port);
        }
        await("Prism listening on " + ports).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> ports.values().stream().allMatch(BigCommerceContractTest::listening));
    }

    @AfterAll
    static void everyOperationWasDriven() {
        if (ports.isEmpty()) {
            return; // skipped: no Prism
        }
        try {
            assertThat(EnumSet.complementOf(driven))
                    .as("BigCommerceOperations no contract test drove against Prism (each needs one here; run the whole class)")
                    .isEmpty();
        } finally {
            stopPrism();
        }
    }

    static void stopPrism() {
        for (Process p : prisms) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : prisms) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        prisms.clear();
    }

    @BeforeEach
    void client() {
        BigCommerceClient.Endpoints endpoints = new BigCommerceClient.Endpoints(base(BigCommerceOperation.Spec.PRODUCTS),
                base(BigCommerceOperation.Spec.VARIANTS), base(BigCommerceOperation.Spec.OPTIONS),
                base(BigCommerceOperation.Spec.INVENTORY), base(BigCommerceOperation.Spec.ORDERS),
                base(BigCommerceOperation.Spec.HOOKS));
        client = new BigCommerceClient("bigcommerce:prism", endpoints, "contract-token",
                BigCommerceClient.pooledHttpClient(Duration.ofSeconds(10)), Duration.ofSeconds(20));
        client.setResponseListener((operation, url, request, status, headers, body) -> {
            driven.add(operation);
            if (operation == BigCommerceOperation.CREATE_HOOK) {
                try {
                    createdHooks.add(JSON.readTree(request));
                } catch (IOException e) {
                    problems.add("POST /hooks body is not JSON: " + e.getMessage());
                }
            }
            if (status / 100 != 2) {
                problems.add(operation + " " + url + " answered " + status + ": " + body);
            }
            for (String header : headers.allValues("sl-violations")) {
                requestViolations(header).forEach(v -> problems.add(operation + " " + url + ": " + v));
            }
        });
    }

    @AfterEach
    void noViolations() {
        assertThat(problems).as("Prism's verdicts on the requests SyncHub sent").isEmpty();
    }

    @Test
    void absoluteInventoryAdjustmentsMatchTheContract() {
        client.setAbsoluteStock(List.of(new Storefront.StockItem(1, "SKU-1", 5), new Storefront.StockItem(2, "SKU-2", 0)), "contract");
    }

    @Test
    void inventoryLevelsOfOneLocationMatchTheContract() {
        Storefront.StoreLevelPage page = client.inventoryLevels(1, 1, 250);
        assertThat(page.levels()).allSatisfy(level -> assertThat(level.locationId()).isEqualTo(1));
        client.inventoryLevels(2, 3, BigCommerceClient.INVENTORY_ITEMS_PER_PAGE);
    }

    @Test
    void inventoryReadBackMatchesTheContract() {
        assertThat(client.stockLevels(List.of("SKU-1", "SKU 2"))).isNotNull();
    }

    @Test
    void productCallsMatchTheContract() {
        Storefront.Product product = new Storefront.Product(null, "SKU-1", "Widget", "physical", new BigDecimal("9.99"), 1);
        client.createProduct(product);
        client.updateProducts(List.of(new Storefront.Product(111L, "SKU-1", "Widget", "physical", new BigDecimal("9.99"), 1)));
        client.findProductIdBySku("SKU-1");
    }

    @Test
    void productImageCallsMatchTheContract() {
        client.productImages(111);
        long id = client.addProductImage(111, new Storefront.ProductImage(null, "https://images.example.com/widget.png", 0, "Widget"));
        client.updateProductImage(111, new Storefront.ProductImage(id == 0 ? 382 : id, "https://images.example.com/widget.png", 1, "Widget, side"));
        client.deleteProductImage(111, 382);
    }

    @Test
    void productWithVariantsAndTheirOptionsMatchesTheContract() {
        Storefront.Product product = new Storefront.Product(null, "SKU-2", "Shirt", "physical", new BigDecimal("19.99"), 0);
        Map<String, String> red = new LinkedHashMap<>();
        red.put("Colour", "Red");
        red.put("Size", "M");
        client.createProductWithVariants(product, List.of(new Storefront.NewVariant("SKU-2-R1", new BigDecimal("19.99"), red)));
    }

    @Test
    void variantCallsMatchTheContract() {
        client.variants(111);
        client.findVariantBySku("SKU-1-RED");
        client.createVariant(new Storefront.Variant(null, 111L, "SKU-1-RED", new BigDecimal("10.50"), 3,
                List.of(new Storefront.OptionValue(174, 220))));
        client.updateVariants(List.of(new Storefront.Variant(383L, 111L, "SKU-1-RED", new BigDecimal("11.00"), 4, List.of())));
    }

    @Test
    void optionCallsMatchTheContract() {
        client.options(111);
        client.createOption(111, "Colour", List.of("Red", "Blue"));
        client.createOptionValue(111, 220, "Green");
    }

    @Test
    void orderCallsMatchTheContract() {
        List<Storefront.Order> page = client.ordersModifiedSince(Instant.parse("2026-11-23T10:00:00Z"), 1, 50);
        assertThat(page).isNotEmpty().allSatisfy(o -> assertThat(o.dateModified()).isNotNull());
        client.orderLines(page.get(0).id());
    }

    @Test
    void hookCallsMatchTheContract() {
        BigCommerceHooks hooks = new BigCommerceHooks(client);
        hooks.list();
        StorefrontHooks.Hook hook = hooks.create("store/order/created", HOOK_DESTINATION, Map.of(HookHeader.NAME, HOOK_SECRET));
        assertThat(hook.id()).isPositive();
        hooks.update(18048287, true, Map.of(HookHeader.NAME, HOOK_SECRET));
    }

    @Test
    void registrationCreatesEachMissingHookWithItsHeader() {
        HikariDataSource hub = TestDatabases.hub(TestDatabases.Kind.H2);
        try {
            HookRegistration.Outcome outcome = new HookRegistration(new BigCommerceHooks(client), hub, Clock.systemUTC(),
                    HOOK_DESTINATION, new HookHeader(HOOK_SECRET)).ensure();

            assertThat(outcome.created()).isEqualTo(HookScope.values().length);
            assertThat(createdHooks).extracting(b -> b.path("scope").asText()).containsExactlyInAnyOrder(
                    "store/order/created", "store/order/updated", "store/order/statusUpdated",
                    "store/sku/inventory/updated", "store/product/inventory/updated");
            assertThat(createdHooks).allSatisfy(body -> {
                assertThat(body.path("destination").asText()).isEqualTo(HOOK_DESTINATION);
                assertThat(body.path("is_active").asBoolean()).isTrue();
                assertThat(body.path("headers").path(HookHeader.NAME).asText()).isEqualTo(HOOK_SECRET);
            });
        } finally {
            hub.close();
        }
    }

    /** The entries of Prism's {@code sl-violations} header that are about the request. */
    private static List<String> requestViolations(String header) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode entries = JSON.readTree(header);
            for (JsonNode entry : entries.isArray() ? entries : JSON.createArrayNode().add(entries)) {
                JsonNode location = entry.path("location");
                if (location.isArray() && !location.isEmpty() && "request".equals(location.get(0).asText())) {
                    out.add(entry.toString());
                }
            }
        } catch (IOException e) {
            out.add("unreadable sl-violations header: " + header);
        }
        return out;
    }

    private static String base(BigCommerceOperation.Spec api) {
        return "http://127.0.0.1:" + ports.get(api);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
