package bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.Exchange;
import routes.inventory.AutoSyncRules;
import routes.inventory.HubStock;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.api.ChangeApi;
import routes.app.RunningSyncHub;
import routes.task.TaskTrigger;
import routes.task.Trigger;

/**
 * SyncHub's benchmark: each scenario three ways in one run (raw JDBC + HttpClient, a naive Camel route, the real
 * SyncHub started as RunningSyncHub starts it) against a loopback storefront sink; writes BENCHMARKS.md and
 * bench-results.csv. Sizes are {@code key=value} arguments (see {@link Config}).
 */
public final class Bench {

    /** Scenario sizes; the defaults are the full benchmark. */
    public record Config(int s1Skus, int s1Small, int naiveSample, int s2Rows, int s3Changes, int s3Skus, int s4Rate,
                         int s4Seconds, int s4Skus, int s5SettleSeconds, int batch, Path out, Path jar, Path work,
                         Set<String> only, String s4Hub) {

        public static Config defaults() {
            return new Config(1_000_000, 10_000, 20_000, 1_000_000, 100_000, 1_000, 2_000, 60, 1_000, 20, 500,
                    Path.of("bench"), Path.of("target/synchub.jar"), Path.of(System.getProperty("java.io.tmpdir")), SCENARIOS, "h2");
        }

        static Config parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
                }
                m.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            Config d = defaults();
            Config c = new Config(i(m, "s1.skus", d.s1Skus), i(m, "s1.small", d.s1Small), i(m, "naive.sample", d.naiveSample),
                    i(m, "s2.rows", d.s2Rows), i(m, "s3.changes", d.s3Changes), i(m, "s3.skus", d.s3Skus),
                    i(m, "s4.rate", d.s4Rate), i(m, "s4.seconds", d.s4Seconds), i(m, "s4.skus", d.s4Skus),
                    i(m, "s5.settle-seconds", d.s5SettleSeconds), i(m, "batch", d.batch),
                    Path.of(m.getOrDefault("out", d.out.toString())), Path.of(m.getOrDefault("jar", d.jar.toString())),
                    Path.of(m.getOrDefault("work", d.work.toString())), only(m.get("only")), hub(m.getOrDefault("s4.hub", d.s4Hub)));
            m.keySet().removeAll(List.of("s1.skus", "s1.small", "naive.sample", "s2.rows", "s3.changes", "s3.skus", "s4.rate",
                    "s4.seconds", "s4.skus", "s5.settle-seconds", "batch", "out", "jar", "work", "only", "s4.hub"));
            if (!m.isEmpty()) {
                throw new IllegalArgumentException("unknown bench setting(s) " + m.keySet());
            }
            return c;
        }

        /** {@code only=s1,s5}: just those scenarios (for profiling one; the report then judges only what ran). */
        private static Set<String> only(String list) {
            if (list == null) {
                return SCENARIOS;
            }
            Set<String> only = new LinkedHashSet<>();
            for (String name : list.toLowerCase(Locale.ROOT).split(",")) {
                if (!SCENARIOS.contains(name.trim())) {
                    throw new IllegalArgumentException("only: unknown scenario '" + name.trim() + "'; use " + SCENARIOS);
                }
                only.add(name.trim());
            }
            return only;
        }

        /** {@code s4.hub=postgres}: S4's SyncHub on PostgreSQL (a fresh schema at the tests' URL) instead of its H2 file. */
        private static String hub(String hub) {
            if (!hub.equals("h2") && !hub.equals("postgres")) {
                throw new IllegalArgumentException("s4.hub: '" + hub + "' is not h2 or postgres");
            }
            return hub;
        }

        private static int i(Map<String, String> m, String key, int def) {
            return m.containsKey(key) ? Integer.parseInt(m.get(key).replace("_", "")) : def;
        }
    }

    static final Set<String> SCENARIOS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of("s1", "s2", "s3", "s4", "s5")));
    static final String NEVER = "0 0 0 1 1 ? 2099";
    private static final String LEVELS = "SELECT sku, location, quantity FROM stock_level ORDER BY sku, location";
    private static final String BO_ROWS = "SELECT sku, location, quantity FROM bo_stock ORDER BY updated_at, sku, location";

    private final Config config;
    private final Sink sink;
    private final Naive naive;
    private final List<Result> results = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private Bench(Config config, Sink sink, Naive naive) {
        this.config = config;
        this.sink = sink;
        this.naive = naive;
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.parse(args);
        List<Result> results = run(config);
        System.out.println(Report.table(results));
        System.out.println("written: " + config.out().resolve("BENCHMARKS.md") + ", " + config.out().resolve("bench-results.csv"));
        System.exit(0);
    }

    /** Runs every scenario, writes the report into {@code config.out()}, returns the results. */
    public static List<Result> run(Config config) throws Exception {
        Path work = Files.createTempDirectory(config.work(), "synchub-bench-");
        Config c = new Config(config.s1Skus(), config.s1Small(), config.naiveSample(), config.s2Rows(), config.s3Changes(),
                config.s3Skus(), config.s4Rate(), config.s4Seconds(), config.s4Skus(), config.s5SettleSeconds(),
                config.batch(), config.out(), config.jar(), work, config.only(), config.s4Hub());
        long started = System.nanoTime();
        try (Sink sink = Sink.start(); Naive naive = new Naive(sink.baseUrl())) {
            Bench bench = new Bench(c, sink, naive);
            if (c.only().contains("s5")) {
                bench.startToReady();
            }
            if (c.only().contains("s1")) {
                bench.inventoryPush(c.s1Small());
                bench.inventoryPush(c.s1Skus());
            }
            if (c.only().contains("s2")) {
                bench.backOfficePull();
            }
            if (c.only().contains("s3")) {
                bench.pauseConsolidation();
            }
            if (c.only().contains("s4")) {
                bench.autoSyncLatency();
            }
            long totalMs = (System.nanoTime() - started) / 1_000_000;
            Files.createDirectories(c.out());
            Files.writeString(c.out().resolve("BENCHMARKS.md"), Report.markdown(c, bench.results, totalMs));
            Files.writeString(c.out().resolve("bench-results.csv"), Report.csv(bench.results));
            return List.copyOf(bench.results);
        } finally {
            deleteTree(work);
        }
    }

    private void add(Result r) {
        results.add(r);
        System.out.println(Report.line(r));
    }

    // ------------------------------------------------------------------ S1: full inventory push (Sync Now, all)

    private void inventoryPush(int skus) throws Exception {
        String name = "S1 push " + Report.count(skus);
        Path dir = Files.createDirectories(config.work().resolve("s1-" + skus));
        try (RunningSyncHub app = startHubWithBackOffice(dir, Map.of())) {
            DataSource hub = app.bean("hubDb", DataSource.class);
            fillHub(hub, skus);

            sink.reset();
            Raw raw = new Raw();
            long items;
            long t0;
            try (Meter m = Meter.start()) {
                t0 = System.nanoTime();
                items = raw.push(hub, LEVELS, sink.inventoryUrl(), config.batch());
                add(Result.of(name, "raw", skus, ms(t0), sink.calls(), sink.items(), m,
                        "one JDBC query streamed, PUT per " + config.batch()));
            }
            check(items == skus && sink.items() == skus, name + " raw sent " + sink.items());

            int sample = Math.min(skus, config.naiveSample());
            sink.reset();
            try (Meter m = Meter.start()) {
                t0 = System.nanoTime();
                naive.push(hub, LEVELS, sample);
                add(Result.sampled(name, skus, sample, ms(t0), sink.calls(), sink.items(), m,
                        sample < skus ? "ran " + Report.count(sample) + " rows, time and calls scaled x" + (skus / sample) : "one call per row"));
            }
            check(sink.items() == sample && sink.calls() == sample, name + " naive sent " + sink.calls());

            sink.reset();
            try (Meter m = Meter.start()) {
                t0 = System.nanoTime();
                HttpResponse<String> answer = app.send("POST", "/api/v1/sync-now", "{\"all\":true}");
                check(answer.statusCode() == 202, "sync-now answered " + answer.statusCode() + " " + answer.body());
                long job = app.readJson(answer.body()).path("jobId").asLong();
                await(Duration.ofMinutes(15), () -> sink.items() >= skus);
                long ms = (sink.lastArrival() - t0) / 1_000_000;
                add(Result.of(name, "synchub", skus, ms, sink.calls(), sink.items(), m,
                        "POST /api/v1/sync-now {all}; batch-size " + config.batch()));
                await(Duration.ofMinutes(1), () -> "done".equals(app.getJson("/api/v1/sync-now/" + job).path("state").asText()));
            }
            awaitPushesSettled(app, hub);
            check(sink.items() == skus, name + " synchub sent " + sink.items() + " items for " + skus + " SKUs");
        } finally {
            deleteTree(dir);
        }
    }

    // ------------------------------------------------------------------ S2: incremental pull back office -> hub

    private void backOfficePull() throws Exception {
        int rows = config.s2Rows();
        String name = "S2 pull " + Report.count(rows);
        Path dir = Files.createDirectories(config.work().resolve("s2"));
        try (HikariDataSource bo = h2(dir.resolve("backoffice"));
             HikariDataSource rawDb = h2(dir.resolve("raw"));
             HikariDataSource naiveDb = h2(dir.resolve("naive"))) {
            fillBackOffice(bo, rows);
            for (DataSource target : List.of(rawDb, naiveDb)) {
                exec(target, "CREATE TABLE stock_level (sku VARCHAR(100) NOT NULL, location VARCHAR(50) NOT NULL,"
                        + " quantity INTEGER NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (sku, location))");
            }
            long t0;
            try (Meter m = Meter.start()) {
                t0 = System.nanoTime();
                long copied = Raw.copy(bo, BO_ROWS, rawDb, 1000);
                add(Result.of(name, "raw", rows, ms(t0), 0, copied, m, "one JDBC query streamed, batched INSERT, commit per 1,000"));
                check(copied == rows, name + " raw copied " + copied);
            }
            int sample = Math.min(rows, config.naiveSample());
            try (Meter m = Meter.start()) {
                t0 = System.nanoTime();
                naive.copy(bo, BO_ROWS, sample, naiveDb);
                add(Result.sampled(name, rows, sample, ms(t0), 0, count(naiveDb, "stock_level"), m,
                        sample < rows ? "ran " + Report.count(sample) + " rows, one auto-committed INSERT each, time scaled x" + (rows / sample)
                                : "one auto-committed INSERT per row"));
            }
            try (RunningSyncHub app = startSyncHub(dir, Map.of("synchub.backoffice.url", jdbcUrl(dir.resolve("backoffice"))))) {
                // the push that follows a pull is held: S2 measures the pull (S1 measures pushing)
                check(app.send("PUT", "/api/v1/pauses/inventory", null).statusCode() / 100 == 2, "pause inventory");
                DataSource hub = app.bean("hubDb", DataSource.class);
                try (Meter m = Meter.start()) {
                    t0 = System.nanoTime();
                    Exchange run = app.bean("taskTrigger", TaskTrigger.class).runAndWait("stock", Trigger.MANUAL, null);
                    long ms = ms(t0);
                    if (run.getException() != null) {
                        throw run.getException();
                    }
                    add(Result.of(name, "synchub", rows, ms, 0, count(hub, "stock_level"), m,
                            "task stock (sandbox-queries.properties), page-size 1,000, writes change log + Auto Sync"));
                }
                check(count(hub, "stock_level") == rows, name + " synchub has " + count(hub, "stock_level") + " levels");
                check(count(hub, "change_log") == rows, name + " synchub logged " + count(hub, "change_log") + " changes");
            }
        } finally {
            deleteTree(dir);
        }
    }

    // ------------------------------------------------------------------ S3: pause consolidation

    private void pauseConsolidation() throws Exception {
        int changes = config.s3Changes();
        int skus = config.s3Skus();
        String name = "S3 pause " + Report.count(changes) + "/" + Report.count(skus);
        Path dir = Files.createDirectories(config.work().resolve("s3"));
        try (RunningSyncHub app = startHubWithBackOffice(dir, Map.of())) {
            DataSource hub = app.bean("hubDb", DataSource.class);
            HubStock hubStock = app.bean("hubStock", HubStock.class);
            check(app.send("PUT", "/api/v1/pauses/inventory", null).statusCode() / 100 == 2, "pause inventory");
            List<Map<String, Object>> sequence = new ArrayList<>();
            for (int round = 0; round * skus < changes; round++) {
                int q = round + 1;
                int n = Math.min(skus, changes - round * skus);
                List<HubStock.Level> levels = new ArrayList<>(n);
                for (int s = 0; s < n; s++) {
                    levels.add(new HubStock.Level(sku("C", s), "MAIN", q));
                    if (sequence.size() < config.naiveSample()) {
                        sequence.add(Naive.row(sku("C", s), "MAIN", q));
                    }
                }
                Tx.inTransaction(hub, c -> hubStock.setLevels(c, levels, AutoSyncRules.CreatedBy.MANUAL));
            }
            long held = app.getJson("/api/v1/pauses").findValues("heldChanges").stream().mapToLong(v -> v.asLong()).sum();
            check(held == changes, name + ": " + held + " changes held, expected " + changes);

            sink.reset();
            Raw raw = new Raw();
            long t0;
            try (Meter m = Meter.start()) {
                t0 = System.nanoTime();
                raw.push(hub, LEVELS, sink.inventoryUrl(), config.batch());
                add(Result.of(name, "raw", changes, ms(t0), sink.calls(), sink.items(), m,
                        "the " + Report.count(skus) + " final levels read and PUT per " + config.batch()));
            }
            int sample = sequence.size();
            sink.reset();
            try (Meter m = Meter.start()) {
                t0 = System.nanoTime();
                naive.send(sequence);
                add(Result.sampled(name, changes, sample, ms(t0), sink.calls(), sink.items(), m,
                        "every change its own call" + (sample < changes ? "; ran " + Report.count(sample) + ", scaled x" + (changes / sample) : "")));
            }

            sink.reset();
            try (Meter m = Meter.start()) {
                t0 = System.nanoTime();
                check(app.send("DELETE", "/api/v1/pauses/inventory", null).statusCode() / 100 == 2, "resume inventory");
                await(Duration.ofMinutes(5), () -> sink.items() >= skus && count(hub, "change_log WHERE state IN ('PENDING', 'SENDING')") == 0);
                long ms = (sink.lastArrival() - t0) / 1_000_000;
                awaitPushesSettled(app, hub);
                add(Result.of(name, "synchub", changes, ms, sink.calls(), sink.items(), m,
                        "DELETE /api/v1/pauses/inventory; expected " + Report.count(skus) + " items in "
                                + ((skus + config.batch() - 1) / config.batch()) + " calls"));
            }
        } finally {
            deleteTree(dir);
        }
    }

    // ------------------------------------------------------------------ S4: Auto Sync latency

    private void autoSyncLatency() throws Exception {
        int rate = config.s4Rate();
        int skus = config.s4Skus();
        int total = rate * config.s4Seconds();
        boolean postgres = config.s4Hub().equals("postgres");
        String name = "S4 auto-sync " + Report.count(rate) + "/s x " + config.s4Seconds() + " s" + (postgres ? " (hub on PostgreSQL)" : "");
        Path dir = Files.createDirectories(config.work().resolve("s4"));
        Map<String, String> hubSettings = postgres
                ? Map.of("synchub.db.url", TestDatabases.postgresUrlWithFreshSchema(), "synchub.db.user", TestDatabases.PG_USER)
                : Map.of();
        try (RunningSyncHub app = startHubWithBackOffice(dir, hubSettings)) {
            DataSource hub = app.bean("hubDb", DataSource.class);
            HubStock hubStock = app.bean("hubStock", HubStock.class);
            List<HubStock.Level> seed = new ArrayList<>();
            for (int s = 0; s < skus; s++) {
                seed.add(new HubStock.Level(sku("L", s), "MAIN", 0));
            }
            Tx.inTransaction(hub, c -> hubStock.setLevels(c, seed, AutoSyncRules.CreatedBy.MANUAL));
            sink.reset();
            app.bean("taskTrigger", TaskTrigger.class).fire("stock-push", Trigger.MANUAL);
            await(Duration.ofMinutes(1), () -> sink.items() >= skus);

            Map<String, ConcurrentLinkedQueue<long[]>> arrivals = new ConcurrentHashMap<>();
            sink.listen((sku, quantity, nanos) ->
                    arrivals.computeIfAbsent(sku, k -> new ConcurrentLinkedQueue<>()).add(new long[] {quantity, nanos}));
            sink.reset();
            ChangeApi api = app.bean("changeApi", ChangeApi.class);
            long[] committed = new long[total];
            long loopMs;
            // several drivers (as many shops, webhooks and pickers would be), each SKU always on the same one so its
            // quantities are made in order; one driver alone cannot offer 2,000 commits a second on 2 cores
            int drivers = skus % 4 == 0 ? 4 : 1;
            try (Meter m = Meter.start()) {
                long t0 = System.nanoTime();
                double interval = 1e9 / rate;
                List<Thread> threads = new ArrayList<>();
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
                for (int d = 0; d < drivers; d++) {
                    int first = d;
                    Thread driver = new Thread(() -> {
                        try {
                            for (int i = first; i < total; i += drivers) {
                                long wait = t0 + (long) (i * interval) - System.nanoTime();
                                if (wait > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                                api.adjust("{\"sku\":\"" + sku("L", i % skus) + "\",\"location\":\"MAIN\",\"mode\":\"absolute\",\"quantity\":"
                                        + (i / skus + 1) + "}");
                                committed[i] = System.nanoTime();
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }, "bench-s4-driver-" + d);
                    threads.add(driver);
                    driver.start();
                }
                for (Thread driver : threads) {
                    driver.join();
                }
                check(failures.isEmpty(), name + " driver failed: " + failures.peek());
                loopMs = ms(t0);
                int last = (total - 1) / skus + 1;
                await(Duration.ofMinutes(5), () -> {
                    for (int s = 0; s < Math.min(skus, total); s++) {
                        int want = (total - 1 - s) / skus + 1;
                        ConcurrentLinkedQueue<long[]> got = arrivals.get(sku("L", s));
                        if (got == null || got.stream().mapToLong(a -> a[0]).max().orElse(0) < want) {
                            return false;
                        }
                    }
                    return true;
                });
                double[] latencies = latencies(arrivals, committed, skus);
                Result r = Result.of(name, "synchub", total, loopMs, sink.calls(), sink.items(), m,
                        String.format("ChangeApi.adjust in-process (the bean behind POST /api/v1/stock/adjustments), %d drivers; offered %.0f/s, %d SKUs, last q %d%s",
                                drivers, total * 1000.0 / Math.max(1, loopMs), skus, last,
                                postgres ? "" : "; H2 hub file " + hubFileMiB(dir) + " MiB after the run"));
                add(r.withLatency(pct(latencies, 50), pct(latencies, 99), latencies[latencies.length - 1]));
            } finally {
                sink.listen(null);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Commit-to-arrival of each change: the first arrival of its SKU carrying its quantity or a newer one. */
    static double[] latencies(Map<String, ConcurrentLinkedQueue<long[]>> arrivals, long[] committed, int skus) {
        double[] out = new double[committed.length];
        Map<Integer, long[][]> bySku = new LinkedHashMap<>();
        for (int i = 0; i < committed.length; i++) {
            int s = i % skus;
            long[][] seen = bySku.computeIfAbsent(s, k -> {
                List<long[]> list = new ArrayList<>(arrivals.getOrDefault(sku("L", k), new ConcurrentLinkedQueue<>()));
                list.sort(Comparator.comparingLong(a -> a[1]));
                long max = 0;
                long[][] prefix = new long[list.size()][];
                for (int j = 0; j < list.size(); j++) {
                    max = Math.max(max, list.get(j)[0]);
                    prefix[j] = new long[] {max, list.get(j)[1]};
                }
                return prefix;
            });
            long q = i / skus + 1;
            int lo = 0;
            int hi = seen.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (seen[mid][0] >= q) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out[i] = lo < seen.length ? Math.max(0, seen[lo][1] - committed[i]) / 1e6 : Double.POSITIVE_INFINITY;
        }
        Arrays.sort(out);
        return out;
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    // ------------------------------------------------------------------ S5: start to ready, idle RSS

    private void startToReady() throws Exception {
        Path dir = Files.createDirectories(config.work().resolve("s5"));
        try {
            // raw: the least this stack does to answer UP (JVM, Camel Main, platform-http, health), from the same jar
            Path floorClasses = dir.resolve("floor-classes");
            Path floorClass = Files.createDirectories(floorClasses.resolve("bench")).resolve("CamelFloor.class");
            try (InputStream in = CamelFloor.class.getResourceAsStream("CamelFloor.class")) {
                Files.copy(in, floorClass);
            }
            int floorPort = freePort();
            List<String> floor = new ArrayList<>(List.of(javaBin(), "-cp", (Files.isRegularFile(config.jar())
                    ? config.jar().toString() : System.getProperty("java.class.path")) + File.pathSeparator + floorClasses,
                    CamelFloor.class.getName(), String.valueOf(floorPort)));
            startAndIdle(dir.resolve("floor.log"), floor, floorPort, "raw",
                    "bench.CamelFloor: Camel Main, platform-http, health, one route, nothing of SyncHub; same jar, default JVM flags");

            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Dsynchub.data-dir=" + dir.resolve("data"),
                    "-Dsynchub.http.port=" + port, "-Dsynchub.sandbox.storefront-port=0"));
            String how;
            if (Files.isRegularFile(config.jar())) {
                cmd.addAll(List.of("-jar", config.jar().toString()));
                how = "java -jar " + config.jar();
            } else {
                // inside `mvn verify` the tests run before the jar exists: the same main class from the class path
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "routes.SyncHub"));
                how = "java -cp <classpath> routes.SyncHub (no jar built yet)";
            }
            startAndIdle(dir.resolve("synchub.log"), cmd, port, "synchub", how + " (sandbox on, default JVM flags)");
        } finally {
            deleteTree(dir);
        }
    }

    /** Starts a JVM, times it until its /observe/health says UP, lets it idle, reads its RSS, stops it. */
    private void startAndIdle(Path log, List<String> cmd, int port, String mode, String how) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String health = "http://127.0.0.1:" + port + "/observe/health";
            String[] last = {"no answer"};
            awaitOr(Duration.ofSeconds(60), () -> {
                check(p.isAlive(), mode + " JVM exited: " + Files.readString(log));
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    last[0] = r.statusCode() + " " + r.body();
                    return r.statusCode() == 200 && r.body().replace(" ", "").startsWith("{\"status\":\"UP\"");
                } catch (IOException e) {
                    return false;
                }
            }, 10, () -> mode + " not ready; last health answer " + last[0] + "; log:\n" + Files.readString(log));
            long readyMs = ms(t0);
            Thread.sleep(config.s5SettleSeconds() * 1000L);
            long rss = Meter.rssBytes(p.pid()) >> 20;
            add(new Result("S5 start to ready", mode, 1, readyMs, 0, 0, -1, -1, rss, 0, false, 1,
                    Double.NaN, Double.NaN, Double.NaN, how + "; RSS after " + config.s5SettleSeconds() + " s idle"));
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ------------------------------------------------------------------ helpers

    /** SyncHub with an H2 back office of its own in {@code dir} (and any other settings given). */
    private RunningSyncHub startHubWithBackOffice(Path dir, Map<String, String> extra) throws Exception {
        try (HikariDataSource bo = h2(dir.resolve("backoffice"))) {
            createBackOffice(bo);
        }
        Map<String, String> settings = new LinkedHashMap<>(extra);
        settings.put("synchub.backoffice.url", jdbcUrl(dir.resolve("backoffice")));
        return startSyncHub(dir, settings);
    }

    /** SyncHub as RunningSyncHub starts it, the sink as its storefront, no sandbox, and no scheduled runs. */
    private RunningSyncHub startSyncHub(Path dir, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("synchub.storefront.base-url", sink.baseUrl());
        settings.put("synchub.storefront.token", "bench");
        settings.put("synchub.sandbox.enabled", "false");
        settings.put("synchub.backoffice.user", "sa");
        settings.put("synchub.stock.batch-size", String.valueOf(config.batch()));
        // nothing runs on a schedule: each scenario starts exactly the work it measures
        settings.put("synchub.scheduler.tick-cron", NEVER);
        settings.putAll(extra);
        return RunningSyncHub.start(settings, Files.createDirectories(dir.resolve("data")), Map.of());
    }

    /** Size of the H2 hub file SyncHub writes under {@code dir} (every commit is a new chunk; old ones are kept 45 s). */
    private static long hubFileMiB(Path dir) throws IOException {
        Path file = dir.resolve("data").resolve("hub").resolve("synchub.mv.db");
        return Files.isRegularFile(file) ? Files.size(file) >> 20 : -1;
    }

    static String jdbcUrl(Path db) {
        return "jdbc:h2:file:" + db.toAbsolutePath();
    }

    static HikariDataSource h2(Path db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(jdbcUrl(db));
        ds.setUsername("sa");
        ds.setPassword("");
        ds.setMaximumPoolSize(2);
        return ds;
    }

    static void createBackOffice(DataSource bo) throws SQLException {
        // the sandbox back office's bo_stock (db/sandbox and db/sandbox-h2), which sandbox-queries.properties reads
        exec(bo, "CREATE TABLE IF NOT EXISTS bo_stock (sku VARCHAR(100) NOT NULL, location VARCHAR(50) NOT NULL,"
                + " quantity INTEGER NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (sku, location))");
        exec(bo, "CREATE INDEX IF NOT EXISTS bo_stock_changed ON bo_stock (updated_at, sku, location)");
        exec(bo, "ALTER TABLE bo_stock ADD COLUMN IF NOT EXISTS row_key VARCHAR(151) GENERATED ALWAYS AS (sku || '@' || location)");
        exec(bo, "CREATE INDEX IF NOT EXISTS bo_stock_watermark ON bo_stock (updated_at, row_key)");
    }

    private static void fillBackOffice(DataSource bo, int rows) throws SQLException {
        createBackOffice(bo);
        OffsetDateTime base = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        fill(bo, "INSERT INTO bo_stock (sku, location, quantity, updated_at) VALUES (?, 'MAIN', ?, ?)", rows, "P",
                i -> base.plusNanos(i / 4 * 1000L)); // 4 rows share each timestamp: the watermark's key breaks the ties
    }

    /**
     * A hub as SyncHub's own pull leaves it: a level per SKU and the SKU's Auto Sync flag, on (the default rule for
     * inventory a back-office sync creates). Without the flags every Sync Now would look like the first one ever
     * run on levels written behind SyncHub's back, and would insert 1,000,000 flags on top of its real work.
     */
    private static void fillHub(DataSource hub, int skus) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        fill(hub, "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES (?, 'MAIN', ?, ?)", skus, "S", i -> now);
        exec(hub, "INSERT INTO auto_sync (sku, enabled, updated_at) SELECT sku, TRUE, updated_at FROM stock_level");
    }

    private static void fill(DataSource ds, String sql, int rows, String prefix,
                             java.util.function.IntFunction<OffsetDateTime> at) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                ps.setString(1, sku(prefix, i));
                ps.setInt(2, i % 500);
                ps.setObject(3, at.apply(i));
                ps.addBatch();
                if (i % 10_000 == 9_999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
            c.setAutoCommit(true);
        }
    }

    static String sku(String prefix, int i) {
        return String.format("%s%07d", prefix, i);
    }

    private static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static long count(DataSource ds, String tableAndWhere) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + tableAndWhere)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A condition that may throw: polled, exceptions propagate. */
    interface Check {
        boolean ok() throws Exception;
    }

    /**
     * Waits until nothing more can reach the sink: no sync-now or stock-push exchange in flight or queued and no change
     * row open, so a count checked afterwards would also catch a late duplicate.
     */
    private static void awaitPushesSettled(RunningSyncHub app, DataSource hub) throws Exception {
        org.apache.camel.spi.InflightRepository inflight = app.context().getInflightRepository();
        await(Duration.ofMinutes(1), () -> inflight.size("sync-now") == 0 && queueEmpty(app, "sync-now")
                && inflight.size("stock-push") == 0 && queueEmpty(app, "stock-push")
                && count(hub, "change_log WHERE state IN ('PENDING', 'SENDING')") == 0);
    }

    private static boolean queueEmpty(RunningSyncHub app, String task) {
        return app.context().getEndpoint(TaskTrigger.inputUri(task), org.apache.camel.component.seda.SedaEndpoint.class)
                .getQueue().isEmpty();
    }

    private static void await(Duration max, Check condition) throws Exception {
        await(max, condition, 20);
    }

    private static void await(Duration max, Check condition, long pollMs) throws Exception {
        awaitOr(max, condition, pollMs, () -> "");
    }

    interface Why {
        String get() throws Exception;
    }

    private static void awaitOr(Duration max, Check condition, long pollMs, Why why) throws Exception {
        long until = System.nanoTime() + max.toNanos();
        while (!condition.ok()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("gave up after " + max + " " + why.get());
            }
            Thread.sleep(pollMs);
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
