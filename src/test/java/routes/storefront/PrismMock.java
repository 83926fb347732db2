package routes.storefront;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One Prism mock of one of BigCommerce's OpenAPI files (../shared/specs/bigcommerce), started as
 * {@link BigCommerceContractTest} starts its four, and the request violations Prism reports in {@code sl-violations}.
 * Skipped (failed with {@code CI=true}) when the specs or the prism binary are missing.
 */
public final class PrismMock implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;

    private PrismMock(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static PrismMock start(String specFile) throws Exception {
        Path specs = Path.of(System.getProperty("synchub.test.shared-dir", "../shared")).resolve("specs/bigcommerce").toAbsolutePath().normalize();
        Path file = specs.resolve(specFile);
        assumeTrue(Files.isRegularFile(file), "skipped: " + file + " is missing (the shared specs dir, system property "
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
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(prism.toString(), "mock", "-h", "127.0.0.1", "-p", String.valueOf(port), file.toString())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(specFile + ".log").toFile())
                .start();
        PrismMock mock = new PrismMock(process, port);
        await("Prism listening on " + port + " for " + specFile).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(mock::listening);
        return mock;
    }

    /** The mock's base URL (the spec's server path is not part of it: paths start at the spec's own). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The entries of a {@code sl-violations} header that are about the request. */
    public static List<String> requestViolations(String header) {
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

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
