package routes.storefront;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every BigCommerceClient call against Prism mocks of BigCommerce's own OpenAPI files (one Prism per file, read from
 * ../shared/specs/bigcommerce). A call fails the test when Prism answers non-2xx or reports a request violation.
 */
class BigCommerceContractTest {

    private static final Map<String, String> SPECS = Map.of(
            "catalog", "bc-products_catalog.v3.yml",
            "variants", "bc-product-variants_catalog.v3.yml",
            "inventory", "bc-inventory.v3.yml",
            "orders", "bc-orders.v2.oas2.yml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<Process> prisms = new ArrayList<>();
    private static final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
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
        for (Map.Entry<String, String> spec : SPECS.entrySet()) {
            int port = freePort();
            Path file = specs.resolve(spec.getValue());
            assumeTrue(Files.isRegularFile(file), "skipped: " + file + " is missing from the shared specs dir");
            ProcessBuilder builder = new ProcessBuilder(prism.toString(), "mock", "-h", "127.0.0.1", "-p", String.valueOf(port), file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(spec.getKey() + ".log").toFile());
            prisms.add(builder.start());
            ports.put(spec.getKey(), port);
        }
        await("Prism listening on " + ports).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> ports.values().stream().allMatch(BigCommerceContractTest::listening));
    }

    @AfterAll
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
        BigCommerceClient.Endpoints endpoints = new BigCommerceClient.Endpoints(base("catalog"), base("variants"),
                base("inventory"), base("orders"));
        client = new BigCommerceClient("bigcommerce:prism", endpoints, "contract-token",
                BigCommerceClient.pooledHttpClient(Duration.ofSeconds(10)), Duration.ofSeconds(20));
        client.setResponseListener((method, url, request, status, headers, body) -> {
            if (status / 100 != 2) {
                problems.add(method + " " + url + " answered " + status + ": " + body);
            }
            for (String header : headers.allValues("sl-violations")) {
                requestViolations(header).forEach(v -> problems.add(method + " " + url + ": " + v));
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
    void productCallsMatchTheContract() {
        Storefront.Product product = new Storefront.Product(null, "SKU-1", "Widget", "physical", new BigDecimal("9.99"), 1);
        client.createProduct(product);
        client.updateProducts(List.of(new Storefront.Product(111L, "SKU-1", "Widget", "physical", new BigDecimal("9.99"), 1)));
        client.findProductIdBySku("SKU-1");
        client.addProductImage(111, "https://images.example.com/widget.png", true);
    }

    @Test
    void variantCallsMatchTheContract() {
        client.variants(111);
        client.createVariant(new Storefront.Variant(null, 111L, "SKU-1-RED", new BigDecimal("10.50"), 3,
                List.of(new Storefront.OptionValue(174, 220))));
        client.updateVariants(List.of(new Storefront.Variant(383L, 111L, "SKU-1-RED", new BigDecimal("11.00"), 4, List.of())));
    }

    @Test
    void orderCallsMatchTheContract() {
        List<Storefront.Order> page = client.ordersModifiedSince(Instant.parse("2026-11-23T10:00:00Z"), 1, 50);
        assertThat(page).isNotEmpty().allSatisfy(o -> assertThat(o.dateModified()).isNotNull());
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

    private static String base(String api) {
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
