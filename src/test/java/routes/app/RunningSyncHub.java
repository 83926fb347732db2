package routes.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import routes.SyncHub;
import routes.platform.TestDatabases;

/**
 * The whole SyncHub application started in the test JVM as {@code java -jar} would start it (Camel Main, the
 * routes from the classpath, real HTTP ports, the sandbox peers), with a temp data dir and free ports.
 */
public final class RunningSyncHub implements AutoCloseable {

    private final Main main;
    private final int port;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private RunningSyncHub(Main main, int port, Path dataDir) {
        this.main = main;
        this.port = port;
        this.dataDir = dataDir;
    }

    public static RunningSyncHub start(Map<String, String> settings) throws Exception {
        return start(settings, TestDatabases.tempDir(), Map.of());
    }

    /** Starts with a clock of the test's (HubBeans keeps a Clock bound before it runs). */
    public static RunningSyncHub start(Map<String, String> settings, java.time.Clock clock) throws Exception {
        return start(settings, TestDatabases.tempDir(), Map.<String, Object>of("clock", clock));
    }

    /** As {@link #start(Map)}, with beans bound before start (e.g. a fixed {@code clock}: HubBeans keeps it). */
    public static RunningSyncHub start(Map<String, String> settings, Map<String, Object> beans) throws Exception {
        return start(settings, TestDatabases.tempDir(), beans);
    }

    /** Starts on an existing data dir (e.g. a stopped SyncHub's, to test a restart on the same hub DB). */
    public static RunningSyncHub start(Map<String, String> settings, Path dataDir) throws Exception {
        return start(settings, dataDir, Map.of());
    }

    public static RunningSyncHub start(Map<String, String> settings, Path dataDir, Map<String, Object> beans) throws Exception {
        int port = freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("synchub.data-dir", dataDir.toString());
        all.put("synchub.http.port", String.valueOf(port));
        all.put("synchub.sandbox.storefront-port", "0");
        all.put("synchub.sandbox.simulate", "false");
        all.put("camel.main.jmx-enabled", "false");
        all.putAll(settings);
        Main main = SyncHub.newMain();
        all.forEach(main::addOverrideProperty);
        beans.forEach(main::bind);
        main.start();
        return new RunningSyncHub(main, port, dataDir);
    }

    /** A bean SyncHub bound, by its registry name. */
    public <T> T bean(String name, Class<T> type) {
        T bean = context().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new AssertionError("no bean " + name + " of type " + type.getSimpleName());
        }
        return bean;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends and asserts only that the call was accepted (2xx). */
    public void send0(String method, String path) {
        try {
            HttpResponse<String> response = send(method, path, null);
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    public JsonNode readJson(String text) throws IOException {
        return json.readTree(text);
    }

    @Override
    public void close() {
        main.stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
