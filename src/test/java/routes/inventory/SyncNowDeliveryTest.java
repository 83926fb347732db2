package routes.inventory;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.app.TestBeans;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.changelog.PauseSwitches;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.storefront.BigCommerceClient;
import routes.storefront.RateBudget;
import routes.storefront.RetryPolicy;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;
import routes.task.RunCounters;
import routes.task.RunHistory;
import routes.task.TaskTrigger;
import routes.task.Trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sync Now sends its pages straight to the storefront; the change log takes what cannot go that way (paused inventory,
 * an unmapped location, a refused batch, a failing storefront, a level changed while its page was in flight), so
 * every level ends delivered once or parked, and the storefront ends with the hub's current value.
 */
class SyncNowDeliveryTest {

    private static final String PATH = "/stores/now/v3/inventory/adjustments/absolute";
    private static final int SKUS = 12;
    private static final int BATCH = 5;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private WireMockServer storefront;
    private HikariDataSource hub;
    private ChangeLog changeLog;
    private DeadLetters deadLetters;
    private PauseSwitches pauses;
    private HubStock hubStock;
    private BigCommerceClient client;
    private StockPush push;
    private DefaultCamelContext camel;
    private final AtomicInteger stockPushTriggers = new AtomicInteger();
    private TaskTrigger trigger;
    private int runs;
    // a real second thread, as in SyncHub: pages are settled while the next one is sent
    private final ExecutorService settler = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        storefront = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        storefront.start();
        hub = TestDatabases.hub(TestDatabases.Kind.H2);
        TestBeans beans = TestBeans.on(hub, clock);
        changeLog = beans.changeLog();
        hubStock = beans.hubStock();
        deadLetters = beans.deadLetters();
        pauses = beans.pauses();
        RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), ms -> ms);
        RateBudget budget = new RateBudget(clock, d -> { }, 2);
        client = new BigCommerceClient("bigcommerce:now", BigCommerceClient.Endpoints.of(storefront.baseUrl() + "/stores/now"),
                "test-token", BigCommerceClient.pooledHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2), retry, budget, d -> { });
        push = new StockPush(changeLog, deadLetters, client, LocationMap.parse("MAIN=1"), hub, clock, BATCH, 2);
        camel = new DefaultCamelContext();
        trigger = new TaskTrigger(camel, new RunHistory(hub, clock)) {
            @Override
            public long fire(String taskId, Trigger why) {
                assertThat(taskId).isEqualTo("stock-push");
                stockPushTriggers.incrementAndGet();
                return 0;
            }
        };
        List<HubStock.Level> levels = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            levels.add(new HubStock.Level(sku(i), "MAIN", 10 + i));
        }
        Tx.inTransaction(hub, c -> hubStock.setLevels(c, levels, AutoSyncRules.CreatedBy.MANUAL));
        // the change rows those levels wrote have gone out already: only Sync Now's own work is measured below
        storefront.stubFor(put(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{}")));
        drain();
        storefront.resetAll();
    }

    @AfterEach
    void stop() {
        settler.shutdownNow();
        storefront.stop();
        camel.stop();
        hub.close();
    }

    @Test
    void everyLevelGoesOnceInStockBatchesWithHistoryAndAutoSyncOnAndNoChangeRows() {
        ok();
        setAutoSync(sku(3), false);
        long rowsBefore = count("SELECT COUNT(*) FROM change_log");

        long job = syncNow(client, 7, "{\"all\":true}");

        assertThat(storefront.getAllServeEvents()).as("12 levels in batches of 5 per page of 7: 5+2, 5").hasSize(3);
        assertDeliveredOnceOrParked(SKUS, 0);
        assertThat(count("SELECT COUNT(*) FROM change_log")).as("nothing went through the change log").isEqualTo(rowsBefore);
        assertThat(count("SELECT COUNT(*) FROM sync_history WHERE message = 'Sync Now job " + job + "' AND status = 'ok'"))
                .isEqualTo(SKUS);
        assertThat(count("SELECT COUNT(*) FROM auto_sync WHERE enabled = FALSE")).as("Sync Now turns Auto Sync on").isZero();
        assertThat(jobState(job)).isEqualTo("done:12");
        assertThat(stockPushTriggers).hasValue(0);
    }

    @Test
    void aPageThatCannotBeSettledFailsTheJobWithTheReasonAndKeepsTheCursorOfTheLastSettledPage() {
        ok();
        // the second page (SKU-007..011) is sent while the first settles; its own history insert then fails
        Tx.inTransaction(hub, c -> c.createStatement().executeUpdate(
                "ALTER TABLE sync_history ADD CONSTRAINT refuse_sku_008 CHECK (sku <> 'SKU-008' OR message NOT LIKE 'Sync Now%')"));

        assertThatThrownBy(() -> syncNow(client, 7, "{\"all\":true}"))
                .hasMessageContaining("REFUSE_SKU_008");

        long job = count("SELECT MAX(id) FROM sync_now_job");
        assertThat(jobState(job)).as("failed, with the first page counted").isEqualTo("failed:7");
        assertThat(count("SELECT COUNT(*) FROM sync_now_job WHERE id = " + job + " AND cursor_sku = 'SKU-006'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sync_now_job WHERE id = " + job + " AND message LIKE '%REFUSE_SKU_008%'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sync_history WHERE message = 'Sync Now job " + job + "'")).isEqualTo(7);
        assertThat(receivedQuantities()).as("both pages had gone to the storefront").hasSize(SKUS);
    }

    @Test
    void whileInventoryIsPausedTheLevelsAreHeldInTheChangeLogAndGoConsolidatedOnResume() {
        ok();
        pauses.pause(EntityType.INVENTORY, "test");

        long job = syncNow(client, 7, "{\"all\":true}");

        assertThat(storefront.getAllServeEvents()).isEmpty();
        assertThat(changeLog.pending(EntityType.INVENTORY)).isEqualTo(SKUS);
        assertThat(jobState(job)).isEqualTo("done:12");
        assertThat(stockPushTriggers).hasPositiveValue();

        pauses.resume(EntityType.INVENTORY, "test");
        drain();

        assertThat(storefront.getAllServeEvents()).hasSize(3);
        assertDeliveredOnceOrParked(SKUS, 0);
    }

    @Test
    void aLevelAtALocationWithoutAStorefrontIdIsParkedWithTheReasonWhileTheOthersGo() {
        ok();
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES (?, 'ATTIC', 4, CURRENT_TIMESTAMP)")) {
                ps.setString(1, sku(5));
                return ps.executeUpdate();
            }
        });

        syncNow(client, 100, "{\"all\":true}");
        drain();

        assertDeliveredOnceOrParked(SKUS, 1, 0);
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(dl -> {
            assertThat(dl.entityKey()).isEqualTo(sku(5));
            assertThat(dl.reason()).contains("'ATTIC' has no storefront location id");
        });
    }

    @Test
    void aBatchTheStorefrontRefusesGoesThroughTheChangeLogWhereTheBadItemIsParkedAndTheRestGoOnce() {
        storefront.stubFor(put(urlPathEqualTo(PATH)).atPriority(1).withRequestBody(containing(sku(7)))
                .willReturn(aResponse().withStatus(422).withBody("{\"title\":\"unknown sku " + sku(7) + "\"}")));
        storefront.stubFor(put(urlPathEqualTo(PATH)).atPriority(2).willReturn(aResponse().withStatus(200).withBody("{}")));

        long job = syncNow(client, 100, "{\"all\":true}");
        drain();

        assertDeliveredOnceOrParked(SKUS - 1, 1);
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(dl -> {
            assertThat(dl.entityKey()).isEqualTo(sku(7));
            assertThat(dl.reason()).contains("422");
        });
        assertThat(jobState(job)).isEqualTo("done:12");
    }

    @Test
    void aFailingStorefrontSendsTheRestOfTheJobThroughTheChangeLogAndNothingIsLost() {
        storefront.stubFor(put(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("{\"title\":\"down\"}")));

        long job = syncNow(client, 5, "{\"all\":true}");

        assertThat(storefront.getAllServeEvents()).as("only the first page tried the storefront (with its retries)").hasSize(2);
        assertThat(changeLog.pending(EntityType.INVENTORY)).isEqualTo(SKUS);
        assertThat(jobState(job)).isEqualTo("done:12");

        storefront.resetAll();
        ok();
        drain();

        assertDeliveredOnceOrParked(SKUS, 0);
    }

    @Test
    void aLevelChangedOrDeletedWhileItsPageWasInFlightIsSentAgainByStockPushSoTheStorefrontEndsCurrent() {
        ok();
        AtomicInteger calls = new AtomicInteger();
        // the first batch reaches the storefront; meanwhile (before the storefront answers) the hub changes
        Storefront racing = (Storefront) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Storefront.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setAbsoluteStock") && calls.incrementAndGet() == 1) {
                        Tx.inTransaction(hub, c -> {
                            hubStock.setLevels(c, List.of(new HubStock.Level(sku(1), "MAIN", 999)), AutoSyncRules.CreatedBy.MANUAL);
                            hubStock.deleteLevel(c, sku(2), "MAIN", "manual");
                            return null;
                        });
                        drain();
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        syncNow(racing, 100, "{\"all\":true}");
        drain();

        Map<String, List<Integer>> received = receivedQuantities();
        assertThat(received.get(sku(1))).as("999 went first (stock-push), the older 11 after it, then 999 again")
                .containsExactly(999, 11, 999);
        assertThat(received.get(sku(2))).as("the delete (0) went first, the older 12 after it, then 0 again")
                .containsExactly(0, 12, 0);
        assertThat(received.get(sku(3))).containsExactly(13);
    }

    @Test
    void aSkuListSendsOnlyThoseSkus() {
        ok();

        long job = syncNow(client, 100, "{\"skus\":[\"" + sku(4) + "\",\"" + sku(9) + "\"]}");

        assertThat(receivedQuantities()).containsOnlyKeys(sku(4), sku(9));
        assertThat(jobState(job)).isEqualTo("done:2");
    }

    // ------------------------------------------------------------------ helpers

    private long syncNow(Storefront to, int pageSize, String request) {
        SyncNowDelivery delivery = new SyncNowDelivery(to, LocationMap.parse("MAIN=1"), clock, BATCH);
        SyncNow syncNow = new SyncNow(hub, clock, changeLog, trigger, pageSize, pauses, delivery, settler);
        long job;
        try {
            job = syncNow.submit(SyncNow.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(request)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        syncNow.runQueued(new RunCounters(++runs));
        return job;
    }

    private void ok() {
        storefront.stubFor(put(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    private void drain() {
        for (int i = 0; i < 10 && changeLog.pending(EntityType.INVENTORY) > 0 && !pauses.isPaused(EntityType.INVENTORY); i++) {
            try {
                StockPushLoop.run(push, "stock-push", new RunCounters(++runs));
            } catch (StorefrontException e) {
                // the run failed; its rows went back to the change log
            }
        }
    }

    /** Quantities each SKU received in 2xx-answered requests, in arrival order. */
    private Map<String, List<Integer>> receivedQuantities() {
        Map<String, List<Integer>> out = new TreeMap<>();
        // WireMock lists the newest first
        List<ServeEvent> events = new ArrayList<>(storefront.getAllServeEvents());
        java.util.Collections.reverse(events);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (ServeEvent event : events) {
            if (event.getResponseDefinition().getStatus() / 100 != 2) {
                continue;
            }
            try {
                for (var item : json.readTree(event.getRequest().getBodyAsString()).path("items")) {
                    out.computeIfAbsent(item.path("sku").asText(), k -> new ArrayList<>()).add(item.path("quantity").asInt());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private void assertDeliveredOnceOrParked(int delivered, int parked) {
        assertDeliveredOnceOrParked(delivered, parked, parked);
    }

    /** Each MAIN level delivered once with its quantity or parked; {@code parkedMain} of the dead letters are MAIN levels. */
    private void assertDeliveredOnceOrParked(int delivered, int parked, int parkedMain) {
        Map<String, List<Integer>> received = receivedQuantities();
        List<String> parkedSkus = deadLetters.list("PARKED", 100).stream()
                .filter(dl -> parkedMain > 0).map(DeadLetters.DeadLetter::entityKey).toList();
        for (int i = 0; i < SKUS; i++) {
            int times = received.getOrDefault(sku(i), List.of()).size();
            assertThat(times == 1 ^ parkedSkus.contains(sku(i))).as(sku(i) + " delivered " + times + " time(s), parked "
                    + parkedSkus.contains(sku(i))).isTrue();
            if (times == 1) {
                assertThat(received.get(sku(i))).as(sku(i) + " quantity").containsExactly(10 + i);
            }
        }
        assertThat(received.values().stream().mapToInt(List::size).sum()).isEqualTo(delivered);
        assertThat(parkedSkus).hasSize(parkedMain);
        assertThat(deadLetters.list("PARKED", 100)).hasSize(parked);
    }

    private void setAutoSync(String sku, boolean on) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE auto_sync SET enabled = ? WHERE sku = ?")) {
                ps.setBoolean(1, on);
                ps.setString(2, sku);
                return ps.executeUpdate();
            }
        });
    }

    private long count(String sql) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private String jobState(long job) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state, done FROM sync_now_job WHERE id = ?")) {
                ps.setLong(1, job);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1) + ":" + rs.getLong(2);
                }
            }
        });
    }

    private static String sku(int i) {
        return String.format("SKU-%03d", i);
    }
}
