package routes.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Service;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.RouteControllerHealthCheck;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.backoffice.BackOfficeQueries;
import routes.backoffice.ImagePull;
import routes.backoffice.IncrementalPull;
import routes.backoffice.InventoryFiles;
import routes.backoffice.InvoicePull;
import routes.backoffice.ItemPull;
import routes.backoffice.JdbcBackOffice;
import routes.orders.OrdersExport;
import routes.orders.OrdersOut;
import routes.backoffice.PurchaseOrderPull;
import routes.backoffice.StageCheck;
import routes.backoffice.StockPull;
import routes.inventory.AutoSyncRules;
import routes.catalog.CatalogPush;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.inventory.HubStock;
import routes.inventory.LocationMap;
import routes.changelog.PauseSwitches;
import routes.inventory.Products;
import routes.inventory.StockPush;
import routes.inventory.SyncNow;
import routes.inventory.SyncNowDelivery;
import routes.api.AdminApi;
import routes.api.ApiErrors;
import routes.api.ChangeApi;
import routes.ops.Freshness;
import routes.ops.HubHealthChecks;
import routes.ops.HubMetrics;
import routes.ops.JmxControls;
import routes.platform.ClosingService;
import routes.platform.ConfigProblem;
import routes.platform.DeferredDataSource;
import routes.platform.HubDatabase;
import routes.platform.Settings;
import routes.sandbox.SandboxBackOffice;
import routes.sandbox.SandboxStorefront;
import routes.schedule.InvalidSchedule;
import routes.schedule.Planner;
import routes.schedule.Schedule;
import routes.schedule.ScheduleJson;
import routes.schedule.TaskScheduler;
import routes.storefront.BigCommerceClient;
import routes.orders.OrdersIn;
import routes.storefront.RateBudget;
import routes.storefront.RetryPolicy;
import routes.storefront.Sleeper;
import routes.storefront.Storefront;
import routes.orders.webhook.OrderWebhook;
import routes.orders.webhook.WebhookSignature;
import routes.task.RunHistory;
import routes.inventory.SkuMetrics;
import routes.task.TaskCatalog;
import routes.task.TaskRunPolicy;
import routes.task.TaskSequence;
import routes.task.TaskTrigger;
import routes.task.Watermarks;

/**
 * Builds SyncHub's beans from the {@code synchub.*} settings and binds them by the names routes use. A bean a test
 * has bound already (e.g. {@code clock}) is kept.
 */
public class HubBeans implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HubBeans.class);

    /** How long anything waits for the sandbox back office to open, migrate and seed on its own thread. */
    private static final Duration SANDBOX_OPENING = Duration.ofSeconds(60);

    /** The sandbox back office once opened and seeded (waited for on use); null without the sandbox. */
    private DeferredDataSource sandboxSeeded;

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        Path dataDir = settings.dataDir();
        for (String sub : new String[] {"", "inbox", "outbox", "hub"}) {
            createDirectory(dataDir.resolve(sub));
        }
        Clock clock = registry.findSingleByType(Clock.class);
        if (clock == null) {
            clock = Clock.system(settings.timezone());
            registry.bind("clock", Clock.class, clock);
        }

        // WRITE_DELAY=0: a commit is written to the file before it is acknowledged, so kill -9 loses nothing committed
        // (H2 forces the file to the device only on CHECKPOINT SYNC, so an OS crash or power loss still can)
        // (H2's default keeps up to 500 ms of commits in memory; KillNineTest caught it)
        String hubUrl = settings.string("synchub.db.url", "jdbc:h2:file:" + dataDir.resolve("hub/synchub") + ";WRITE_DELAY=0");
        HikariDataSource hub = HubDatabase.open("hub", "synchub.db.url", hubUrl,
                settings.string("synchub.db.user", "sa"), settings.string("synchub.db.password", ""),
                settings.integer("synchub.db.pool-size", 10, 2, 200), settings.optional("synchub.db.schema").orElse(null),
                HubDatabase.hubMigrations(hubUrl));
        context.addService(new ClosingService(hub));
        registry.bind("hubDb", hub);

        String node = settings.string("synchub.node-name", ManagementFactory.getRuntimeMXBean().getName());
        ChangeLog changeLog = new ChangeLog(hub, clock,
                Duration.ofSeconds(settings.integer("synchub.change-log.lease-seconds", 300, 10, 86_400)), node);
        HubStock hubStock = new HubStock(changeLog, autoSyncRules(settings), clock);
        Watermarks watermarks = new Watermarks();
        RunHistory runs = new RunHistory(hub, clock);
        DeadLetters deadLetters = new DeadLetters(hub, clock);
        TaskRunPolicy taskPolicy = new TaskRunPolicy(runs);
        registry.bind("changeLog", changeLog);
        registry.bind("hubStock", hubStock);
        registry.bind("runHistory", runs);
        registry.bind("deadLetters", deadLetters);
        registry.bind("task", taskPolicy);

        boolean sandbox = settings.sandboxEnabled();
        boolean simulate = settings.bool("synchub.sandbox.simulate", true);
        JdbcBackOffice backOffice = backOffice(context, settings, clock, sandbox, simulate, dataDir);
        registry.bind("backOffice", backOffice);
        Storefront storefront = storefront(context, settings, clock, sandbox, simulate);
        registry.bind("storefront", storefront);

        IncrementalPull incremental = new IncrementalPull(backOffice, hub, watermarks, clock,
                settings.integer("synchub.backoffice.page-size", 1000, 1, 100_000));
        registry.bind("stockPull", new StockPull(incremental, hubStock));
        registry.bind("stockPush", new StockPush(changeLog, deadLetters, storefront,
                locations(settings), hub, clock, stockBatchSize(settings),
                settings.integer("synchub.push.max-attempts", 8, 1, 100)));

        bindSyncTasks(registry, settings, incremental, changeLog, deadLetters, backOffice, storefront, hub, watermarks, clock);

        // runs a previous process left open are closed before anything new starts
        int abandoned = runs.abandonUnfinished();
        if (abandoned > 0) {
            LOG.warn("{} run(s) were interrupted by the last stop; their work resumes from the last commit", abandoned);
        }
        TaskCatalog catalog = new TaskCatalog(context, runs, clock);
        TaskTrigger trigger = new TaskTrigger(context, runs);
        taskPolicy.setTrigger(trigger);
        TaskScheduler scheduler = scheduler(context, settings, hub, clock, catalog, trigger, runs);
        taskPolicy.setGate(scheduler);
        catalog.setScheduleInfo(scheduler);
        registry.bind("taskCatalog", catalog);
        registry.bind("taskTrigger", trigger);
        registry.bind("taskScheduler", scheduler);
        registry.bind("taskSequence", new TaskSequence(trigger, runs, TaskSequence.STEPS));
        registry.bind("adminApi", new AdminApi(catalog, runs, deadLetters, scheduler, trigger, clock));
        registry.bind("orderWebhook", new OrderWebhook(settings.optional(WebhookSignature.SETTING)
                .filter(secret -> !secret.isBlank()).map(WebhookSignature::new).orElse(null), trigger));
        // which inventory drops were applied (name + content hash), kept beside the hub's H2 files across restarts
        IdempotentRepository seenFiles = FileIdempotentRepository.fileIdempotentRepository(
                dataDir.resolve("hub/inventory-files.seen").toFile(), 10_000, 10_000_000);
        addClosing(context, () -> ServiceHelper.stopService(seenFiles));
        ServiceHelper.startService(seenFiles);
        registry.bind("inventoryFiles", new InventoryFiles(hub, hubStock, seenFiles, clock,
                settings.string("synchub.inventory-files.default-location", "MAIN")));
        // before the routes load: orders-export-delivery's precondition asks it whether a delivery URI is set
        registry.bind("outboxDelivery", routes.orders.OutboxDelivery.of(
                settings.optional(routes.orders.OutboxDelivery.SETTING), dataDir.resolve("outbox")));
        registry.bind("apiErrors", new ApiErrors());
        registry.bind("dashboard", new routes.ops.Dashboard());
        Freshness freshness = new Freshness(catalog, scheduler, runs, clock);
        catalog.setStaleness(id -> freshness.check(id).isPresent());
        registry.bind("freshness", freshness);
        HealthCheckRegistry health = HealthCheckHelper.getHealthCheckRegistry(context);
        if (health != null) {
            health.register(new HubHealthChecks.HubDatabase(() -> HubDatabase.problem(hub, 2)));
            health.register(new HubHealthChecks.StorefrontReachable(storefront, clock));
            health.register(new HubHealthChecks.TaskFreshness(freshness));
            // Camel's route-controller check, registered by hand: camel.main.load-health-checks=false spares the
            // classpath scan that would find it (it is the only check that scan adds)
            if (health.getCheck("route-controller").isEmpty()) {
                health.register(new RouteControllerHealthCheck());
            }
        }
        changePipeline(context, settings, hub, clock, changeLog, hubStock, trigger, catalog);
        HubMetrics metrics = new HubMetrics(clock);
        taskPolicy.setObserver(metrics);
        registry.lookupByNameAndType("stockPush", StockPush.class).setObserver(metrics);
        registry.lookupByNameAndType("syncNowDelivery", SyncNowDelivery.class).setObserver(metrics);
        JmxControls jmx = new JmxControls(context, catalog, scheduler, trigger, registry.lookupByNameAndType("changeApi", ChangeApi.class));
        context.addService(jmx);
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                awaitSandboxBackOffice();
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                // the task MBeans need the task routes, and the meters Camel's registry: both exist only now
                jmx.registerAll();
                MeterRegistry meters = started.getRegistry().findSingleByType(MeterRegistry.class);
                if (meters != null) {
                    metrics.bind(meters, changeLog, deadLetters, started.getRegistry().lookupByNameAndType("rateBudget", RateBudget.class));
                }
            }
        });
    }

    /** A sandbox back office that cannot open stops start-up, as it did when it was opened in line. */
    private void awaitSandboxBackOffice() {
        if (sandboxSeeded == null) {
            return;
        }
        try {
            sandboxSeeded.target();
        } catch (SQLException e) {
            if (e.getCause() instanceof ConfigProblem problem) {
                throw problem;
            }
            throw new IllegalStateException("Starting the sandbox back office failed: " + e.getMessage(), e);
        }
    }

    /** The beans of the sync tasks (one route file each under routes/). */
    private static void bindSyncTasks(Registry registry, Settings settings, IncrementalPull incremental, ChangeLog changeLog,
                                      DeadLetters deadLetters, JdbcBackOffice backOffice, Storefront storefront,
                                      HikariDataSource hub, Watermarks watermarks, Clock clock) {
        registry.bind("itemPull", new ItemPull(incremental, changeLog, clock, "items.changed"));
        registry.bind("variantPull", new ItemPull(incremental, changeLog, clock, "variants.changed"));
        registry.bind("itemListPull", new ItemPull(incremental, changeLog, clock, "items-list.changed"));
        registry.bind("itemsCheck", new StageCheck(incremental, "items.pending", "items-list"));
        registry.bind("imagesCheck", new StageCheck(incremental, "images.pending", "images-read"));
        registry.bind("imagePull", new ImagePull(incremental, changeLog, clock));
        registry.bind("invoicePull", new InvoicePull(incremental, clock));
        registry.bind("purchaseOrderPull", new PurchaseOrderPull(incremental, clock));
        registry.bind("ordersIn", new OrdersIn(storefront, hub, watermarks, clock,
                settings.integer("synchub.orders.page-size", 50, 1, 250)));
        registry.bind("ordersExport", new OrdersExport(hub, clock, settings.integer("synchub.orders-export.batch-size", 500, 1, 100_000)));
        registry.bind("ordersOut", new OrdersOut(backOffice, hub, clock, settings.integer("synchub.orders.batch-size", 100, 1, 10_000)));
        registry.bind("catalogPush", new CatalogPush(changeLog, deadLetters, storefront, hub,
                settings.integer("synchub.catalog.batch-size", 200, 1, 10_000),
                settings.integer("synchub.push.max-attempts", 8, 1, 100)));
        registry.bind("skuMetrics", new SkuMetrics(hub, clock, settings.integer("synchub.metrics.days", 30, 1, 366)));
    }

    private static LocationMap locations(Settings settings) {
        return LocationMap.parse(settings.string("synchub.storefront.locations", "MAIN=1,OUTLET=2"));
    }

    private static int stockBatchSize(Settings settings) {
        return settings.integer("synchub.stock.batch-size", 500, 1, 2000);
    }

    /** Pauses, manual adjustments, products and Sync Now (the change pipeline's beans and its admin API). */
    private static void changePipeline(CamelContext context, Settings settings, HikariDataSource hub, Clock clock,
                                       ChangeLog changeLog, HubStock hubStock, TaskTrigger trigger, TaskCatalog catalog) {
        Registry registry = context.getRegistry();
        PauseSwitches pauses = new PauseSwitches(hub, clock);
        SyncNowDelivery delivery = new SyncNowDelivery(registry.lookupByNameAndType("storefront", Storefront.class),
                locations(settings), clock, stockBatchSize(settings));
        SyncNow syncNow = new SyncNow(hub, clock, changeLog, trigger,
                settings.integer("synchub.sync-now.page-size", 5000, 1, 100_000), pauses, delivery,
                context.getExecutorServiceManager().newSingleThreadExecutor(SyncNow.class, "SyncNowSettle"));
        registry.bind("syncNowDelivery", delivery);
        registry.bind("pauseSwitches", pauses);
        registry.bind("syncNow", syncNow);
        ChangeApi changeApi = new ChangeApi(new Products(hub, hubStock, clock), pauses,
                registry.lookupByNameAndType("stockPush", StockPush.class), syncNow, trigger, catalog,
                settings.string("synchub.stock.default-location", "MAIN"));
        registry.bind("changeApi", changeApi);
    }

    private static TaskScheduler scheduler(CamelContext context, Settings settings, HikariDataSource hub, Clock clock,
                                           TaskCatalog catalog, TaskTrigger trigger, RunHistory runs) {
        Map<String, String> defaults = new TreeMap<>();
        Map<String, String> drivers = new TreeMap<>();
        Properties taskProps = context.getPropertiesComponent().loadProperties(k -> k.startsWith("synchub.task."));
        for (String key : taskProps.stringPropertyNames()) {
            String rest = key.substring("synchub.task.".length());
            int dot = rest.lastIndexOf('.');
            if (dot < 0) {
                continue;
            }
            String id = rest.substring(0, dot);
            String what = rest.substring(dot + 1);
            String value = settings.string(key, "");
            if (what.equals("schedule")) {
                defaults.put(id, value);
            } else if (what.equals("driven-by")) {
                drivers.put(id, value);
            }
        }
        Map<String, Schedule> parsed = new TreeMap<>();
        defaults.forEach((id, json) -> parsed.put(id, schedule("synchub.task." + id + ".schedule", json)));
        Schedule global = schedule("synchub.schedule.default",
                settings.string("synchub.schedule.default", "{\"type\":\"interval\",\"minutes\":15}"));
        return new TaskScheduler(hub, new Planner(settings.timezone()), clock, catalog, trigger, runs, global, parsed, drivers);
    }

    private static Schedule schedule(String key, String json) {
        try {
            Schedule schedule = ScheduleJson.parse(json);
            if (key.equals("synchub.schedule.default")) {
                Planner.requireConcrete(schedule);
            }
            return schedule;
        } catch (InvalidSchedule e) {
            throw new ConfigProblem(key, e.getMessage(), key + "={\"type\":\"interval\",\"minutes\":15}");
        }
    }

    private static AutoSyncRules autoSyncRules(Settings settings) {
        Map<AutoSyncRules.CreatedBy, Boolean> rules = new EnumMap<>(AutoSyncRules.CreatedBy.class);
        for (AutoSyncRules.CreatedBy method : AutoSyncRules.CreatedBy.values()) {
            rules.put(method, settings.bool("synchub.auto-sync.rule." + method.key(), AutoSyncRules.DEFAULTS.enabledFor(method)));
        }
        return new AutoSyncRules(rules);
    }

    private JdbcBackOffice backOffice(CamelContext context, Settings settings, Clock clock, boolean sandbox,
                                             boolean simulate, Path dataDir) {
        int fetch = settings.integer("synchub.backoffice.page-size", 1000, 1, 100_000);
        var url = settings.optional("synchub.backoffice.url");
        if (url.isPresent()) {
            HikariDataSource ds = HubDatabase.open("backoffice", "synchub.backoffice.url", url.get(),
                    settings.string("synchub.backoffice.user", ""), settings.string("synchub.backoffice.password", ""),
                    settings.integer("synchub.backoffice.pool-size", 4, 1, 50), null);
            addClosing(context, ds);
            return new JdbcBackOffice(ds, BackOfficeQueries.load(settings.string("synchub.backoffice.queries",
                    "classpath:backoffice/sandbox-queries.properties")), fetch);
        }
        if (!settings.bool("synchub.sandbox.enabled", true)) {
            throw new ConfigProblem("synchub.backoffice.url", "not set, and the sandbox back office is off",
                    "synchub.backoffice.url=jdbc:postgresql://erp:5432/erp");
        }
        String sandboxUrl = settings.string("synchub.sandbox.backoffice-url", "jdbc:h2:file:" + dataDir.resolve("sandbox/backoffice"));
        // opened, migrated and seeded on a thread of its own while Camel loads and starts the routes: it is a demo
        // peer SyncHub reaches over JDBC like a real back office, and readiness does not depend on it. A connection
        // asked for earlier waits for it; a failure still stops start-up (awaitSandboxBackOffice, once the context started)
        CompletableFuture<HikariDataSource> opened = new CompletableFuture<>();
        CompletableFuture<DataSource> seeded = new CompletableFuture<>();
        // the peer seeds through the pool once it is open; SyncHub's reads wait until the seed is in
        SandboxBackOffice peer = new SandboxBackOffice(new DeferredDataSource("the sandbox back office", opened, SANDBOX_OPENING),
                clock, simulate,
                Duration.ofMillis(settings.integer("synchub.sandbox.backoffice-period-ms", 5_000, 100, 3_600_000)));
        Thread opener = new Thread(() -> {
            try {
                opened.complete(HubDatabase.open("sandbox-backoffice", "synchub.sandbox.backoffice-url", sandboxUrl,
                        "sa", "", 4, null, SandboxBackOffice.migrationsFor(sandboxUrl)));
                ServiceHelper.startService(peer);
                seeded.complete(opened.join());
            } catch (Throwable e) {
                opened.completeExceptionally(e);
                seeded.completeExceptionally(e);
            }
        }, "sandbox-backoffice-start");
        opener.setDaemon(true);
        opener.start();
        // stopped after the peer (services stop in reverse order): its pool, once opening is over
        addClosing(context, () -> {
            try {
                seeded.get(SANDBOX_OPENING.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // closed below if it opened at all
            }
            if (opened.isDone() && !opened.isCompletedExceptionally()) {
                opened.join().close();
            }
        });
        try {
            // started by the opener thread; Camel only stops it (or waits for it, should it start services first)
            context.addService(peer, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        context.getRegistry().bind("sandboxBackOffice", peer);
        sandboxSeeded = new DeferredDataSource("the sandbox back office", seeded, SANDBOX_OPENING);
        LOG.info("Back office: the sandbox (set synchub.backoffice.url to use a real one)");
        return new JdbcBackOffice(sandboxSeeded,
                BackOfficeQueries.load(SandboxBackOffice.queriesFor(sandboxUrl)), fetch);
    }

    private static Storefront storefront(CamelContext context, Settings settings, Clock clock, boolean sandbox, boolean simulate) {
        Duration timeout = Duration.ofMillis(settings.integer("synchub.storefront.timeout-ms", 15_000, 100, 600_000));
        // the sandbox is plain http on loopback: its client never loads the JDK's trust store
        HttpClient http = sandbox ? BigCommerceClient.plainHttpClient(timeout) : BigCommerceClient.pooledHttpClient(timeout);
        RetryPolicy retry = RetryPolicy.withFullJitter(settings.integer("synchub.storefront.retry.max-attempts", 4, 1, 20),
                Duration.ofMillis(settings.integer("synchub.storefront.retry.base-ms", 500, 0, 600_000)),
                Duration.ofMillis(settings.integer("synchub.storefront.retry.max-ms", 30_000, 0, 600_000)));
        RateBudget budget = new RateBudget(clock, Sleeper.REAL, settings.integer("synchub.storefront.rate.reserve", 10, 0, 10_000));
        context.getRegistry().bind("rateBudget", budget);
        if (!sandbox) {
            String base = settings.optional("synchub.storefront.base-url").orElseThrow(() -> new ConfigProblem(
                    "synchub.storefront.base-url", "not set, and the sandbox storefront is off",
                    "synchub.storefront.base-url=https://api.bigcommerce.com/stores/abc123"));
            String token = settings.optional("synchub.storefront.token").orElseThrow(() -> new ConfigProblem(
                    "synchub.storefront.token", "not set (use env SYNCHUB_STOREFRONT_TOKEN)", "SYNCHUB_STOREFRONT_TOKEN=<api token>"));
            return new BigCommerceClient("bigcommerce", BigCommerceClient.Endpoints.of(base), token, http, timeout,
                    retry, budget, Sleeper.REAL);
        }
        // the sandbox's token is made up per start: no secret to configure, none to leak
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        SandboxStorefront peer = new SandboxStorefront("127.0.0.1", settings.integer("synchub.sandbox.storefront-port", 8081, 0, 65535),
                token, clock, simulate,
                Duration.ofMillis(settings.integer("synchub.sandbox.order-period-ms", 20_000, 100, 3_600_000)));
        addStartedService(context, peer);
        context.getRegistry().bind("sandboxStorefront", peer);
        return new BigCommerceClient("bigcommerce:sandbox", BigCommerceClient.Endpoints.of(peer.baseUrl()), token, http, timeout,
                retry, budget, Sleeper.REAL);
    }

    private static void addClosing(CamelContext context, AutoCloseable resource) {
        try {
            context.addService(new ClosingService(resource));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addStartedService(CamelContext context, Service service) {
        try {
            // started now (not with the context) so its port and data exist before the routes are built
            ServiceHelper.startService(service);
            context.addService(service, true);
        } catch (Exception e) {
            if (service instanceof SandboxStorefront && rootCause(e) instanceof BindException) {
                throw new ConfigProblem("synchub.sandbox.storefront-port", "the port is in use: " + rootCause(e).getMessage(),
                        "synchub.sandbox.storefront-port=8091");
            }
            throw new IllegalStateException("Starting " + service.getClass().getSimpleName() + " failed: " + e.getMessage(), e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigProblem("synchub.data-dir", "cannot create " + dir + ": " + e.getMessage(), "synchub.data-dir=/var/lib/synchub");
        }
    }
}
