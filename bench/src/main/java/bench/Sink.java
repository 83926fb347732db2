package bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A BigCommerce-shaped storefront on loopback that only counts: PUT /v3/inventory/adjustments/absolute calls and
 * their items (parsed, as a real store would). Every other call gets an empty answer. The JDK server needs
 * {@code -Dsun.net.httpserver.nodelay=true} (set in {@link #start}), or each response waits ~40 ms for Nagle.
 */
final class Sink implements AutoCloseable {

    /** One inventory item as it arrived. */
    interface Arrivals {
        void arrived(String sku, int quantity, long nanos);
    }

    static final String INVENTORY = "/v3/inventory/adjustments/absolute";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong lastArrival = new AtomicLong();
    private volatile Arrivals listener;

    private Sink(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    static Sink start() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-sink");
            t.setDaemon(true);
            return t;
        });
        Sink sink = new Sink(server, pool);
        server.createContext("/", sink::handle);
        server.setExecutor(pool);
        server.start();
        return sink;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String inventoryUrl() {
        return baseUrl() + INVENTORY;
    }

    void listen(Arrivals arrivals) {
        this.listener = arrivals;
    }

    void reset() {
        calls.set(0);
        items.set(0);
        lastArrival.set(0);
    }

    long calls() {
        return calls.get();
    }

    long items() {
        return items.get();
    }

    /** System.nanoTime() of the last inventory call counted, 0 if none. */
    long lastArrival() {
        return lastArrival.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            String answer;
            if ("PUT".equals(exchange.getRequestMethod()) && path.endsWith(INVENTORY)) {
                JsonNode array = JSON.readTree(body).path("items");
                long now = System.nanoTime();
                Arrivals l = listener;
                if (l != null) {
                    for (JsonNode item : array) {
                        l.arrived(item.path("sku").asText(), item.path("quantity").asInt(), now);
                    }
                }
                items.addAndGet(array.size());
                calls.incrementAndGet();
                lastArrival.set(now);
                answer = "{\"data\":{\"transaction_id\":\"bench\"},\"meta\":{}}";
            } else if (path.startsWith("/v2/")) {
                answer = "[]";
            } else {
                answer = "{\"data\":[],\"meta\":{}}";
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
