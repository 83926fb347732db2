package routes.storefront;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A storefront a test steers: inventory pushes succeed, wait on a latch the test releases, or fail with 503.
 * Other calls (the health probe) answer an empty product list.
 */
public final class ControllableStorefront implements AutoCloseable {

    /** What inventory pushes do. */
    public enum Mode { OK, HOLD, FAIL_503 }

    private final HttpServer server;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
    private final AtomicInteger held = new AtomicInteger();

    public ControllableStorefront() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stores/test";
    }

    public void hold() {
        gate.set(new CountDownLatch(1));
        mode.set(Mode.HOLD);
    }

    public void release() {
        mode.set(Mode.OK);
        gate.get().countDown();
    }

    public void fail() {
        mode.set(Mode.FAIL_503);
    }

    /** Pushes waiting on the latch right now. */
    public int held() {
        return held.get();
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            http.getRequestBody().readAllBytes();
            if (!http.getRequestURI().getPath().contains("/inventory/")) {
                reply(http, 200, "{\"data\":[],\"meta\":{}}");
                return;
            }
            Mode now = mode.get();
            if (now == Mode.FAIL_503) {
                reply(http, 503, "{\"status\":503,\"title\":\"storefront down for maintenance\"}");
                return;
            }
            if (now == Mode.HOLD) {
                held.incrementAndGet();
                try {
                    gate.get().await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.decrementAndGet();
                }
            }
            reply(http, 200, "{\"transaction_id\":\"t\"}");
        }
    }

    private static void reply(HttpExchange http, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
