package routes.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import routes.SyncHub;

import static org.awaitility.Awaitility.await;

/**
 * SyncHub in its own JVM (as {@code java -jar} runs it), for what the test JVM cannot do to itself: kill -9, a heap
 * limit. Logs go to files in the data dir; {@link #log()} reads them for assertion messages.
 */
public final class ForkedSyncHub implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private ForkedSyncHub(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts SyncHub on {@code dataDir} and waits until /observe/health answers UP. */
    public static ForkedSyncHub start(Path dataDir, List<String> jvmArgs, Map<String, String> settings) throws Exception {
        int port = RunningSyncHub.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dsynchub.data-dir=" + dataDir);
        command.add("-Dsynchub.http.port=" + port);
        command.add("-Dsynchub.sandbox.storefront-port=0");
        command.add("-Dsynchub.sandbox.simulate=false");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(SyncHub.class.getName());
        String run = "run-" + System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectOutput(dataDir.resolve(run + ".out").toFile())
                .redirectError(dataDir.resolve(run + ".err").toFile())
                .start();
        ForkedSyncHub hub = new ForkedSyncHub(process, dataDir, port);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("SyncHub exited with " + process.exitValue() + ": " + hub.log());
                }
                return hub.healthy();
            });
        } catch (RuntimeException | Error e) {
            // never leave a SyncHub running behind a failed start
            process.destroyForcibly();
            throw e;
        }
        return hub;
    }

    private boolean healthy() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/observe/health"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().startsWith("{\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Everything the process has logged so far (all its runs on this data dir). */
    public String log() throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(dataDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("run-")).sorted().toList()) {
                out.append("--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return out.toString();
    }

    /** A clean stop (SIGTERM: Camel's graceful shutdown). */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
