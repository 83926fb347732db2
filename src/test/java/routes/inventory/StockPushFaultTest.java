package routes.inventory;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.app.TestBeans;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.storefront.BigCommerceClient;
import routes.storefront.RateBudget;
import routes.storefront.RetryPolicy;
import routes.storefront.StorefrontException;
import routes.task.RunCounters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * stock-push end to end (hub -> change log -> BigCommerce client -> HTTP) against a storefront that misbehaves:
 * every item ends delivered exactly once or parked as a dead letter with its reason; none is lost.
 */
class StockPushFaultTest {

    private static final String PATH = "/stores/fault/v3/inventory/adjustments/absolute";
    private static final String ITEMS_PATH = "/stores/fault/v3/inventory/items";
    private static final int ITEMS = 12;
    /** The call time-out of tests that are not about time-outs: no loaded machine's loopback answer takes this long. */
    private static final Duration ANSWER_IN_TIME = Duration.ofSeconds(30);

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private WireMockServer storefront;
    private HikariDataSource hub;
    private ChangeLog changeLog;
    private DeadLetters deadLetters;
    private StockPush push;
    private int runs;

    @BeforeEach
    void start() throws Exception {
        storefront = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        storefront.start();
        hub = TestDatabases.hub(TestDatabases.Kind.H2);
        TestBeans beans = TestBeans.on(hub, clock);
        changeLog = beans.changeLog();
        HubStock hubStock = beans.hubStock();
        deadLetters = beans.deadLetters();
        push = pushWithCallTimeout(ANSWER_IN_TIME);
        List<HubStock.Level> levels = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            levels.add(new HubStock.Level(sku(i), "MAIN", 10 + i));
        }
        Tx.inTransaction(hub, c -> hubStock.setLevels(c, levels, AutoSyncRules.CreatedBy.MANUAL));
    }

    /**
     * A stock push whose storefront calls time out after {@code timeout}. A 2xx that arrives after the time-out is
     * one the client never saw: it is sent again, so the tests' normal answers get a time-out far beyond any
     * loaded machine's answer time, and only the time-out test uses a short one.
     */
    private StockPush pushWithCallTimeout(Duration timeout) {
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5), ms -> ms);
        RateBudget budget = new RateBudget(clock, waits::add, 2);
        BigCommerceClient client = new BigCommerceClient("bigcommerce:fault", BigCommerceClient.Endpoints.of(storefront.baseUrl() + "/stores/fault"),
                "test-token", BigCommerceClient.pooledHttpClient(Duration.ofSeconds(2)), timeout, retry, budget, waits::add);
        return new StockPush(changeLog, deadLetters, client, LocationMap.parse("MAIN=1"), hub, clock, 5, 2);
    }

    @AfterEach
    void stop() {
        storefront.stop();
        hub.close();
    }

    @Test
    void a429IsWaitedOutForTheTimeTheStorefrontNamesThenEveryItemGoesOnce() {
        faultThenOk(aResponse().withStatus(429).withHeader("X-Rate-Limit-Time-Reset-Ms", "1500").withBody("{\"title\":\"Too many requests\"}"));

        drain();

        assertEveryItemDeliveredOnceOrParked(ITEMS, 0);
        assertThat(waits).contains(Duration.ofMillis(1500));
    }

    @Test
    void a429WaitIsBoundedByRetryMax() {
        faultThenOk(aResponse().withStatus(429).withHeader("Retry-After", "3600"));

        drain();

        assertEveryItemDeliveredOnceOrParked(ITEMS, 0);
        assertThat(waits).contains(Duration.ofSeconds(5)).doesNotContain(Duration.ofHours(1));
    }

    @Test
    void passing503sAreRetriedWithGrowingBackoffAndHistorySaysRetried() {
        storefront.stubFor(put(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        storefront.stubFor(put(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        storefront.stubFor(put(urlPathEqualTo(PATH)).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{}")));

        drain();

        assertEveryItemDeliveredOnceOrParked(ITEMS, 0);
        assertThat(waits).containsSubsequence(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(historyMessages()).anySatisfy(m -> assertThat(m).startsWith("retried 2 time(s)"));
    }

    @Test
    void aTimeOutIsRetried() {
        // the first answer comes three time-outs late; 2 s is still ample for the retry's immediate loopback answer
        push = pushWithCallTimeout(Duration.ofSeconds(2));
        faultThenOk(aResponse().withStatus(200).withBody("{}").withFixedDelay(6_000));

        drain();

        assertEveryItemDeliveredOnceOrParked(ITEMS, 0);
    }

    @Test
    void aWriteWhoseAnswerTimedOutIsReadBackAndSettlesAsSentWithoutBeingSentAgain() {
        // the storefront applies every write and never answers in time; reading back shows each SKU at the value sent
        push = pushWithCallTimeout(Duration.ofSeconds(2));
        storefront.stubFor(put(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(4_000)));
        storefront.stubFor(get(urlPathEqualTo(ITEMS_PATH)).willReturn(okJson(levelsJson(i -> 10 + i))));

        drain();

        assertThat(puts()).as("one write per batch of 5, none sent again").hasSize(3);
        assertThat(deadLetters.list("PARKED", 100)).isEmpty();
        assertThat(historyStatuses()).containsOnly("ok").hasSize(ITEMS);
        assertThat(historyMessages()).hasSize(ITEMS).allSatisfy(m -> assertThat(m)
                .contains("outcome unknown").contains("read back: the storefront holds the value sent"));
        storefront.verify(3, getRequestedFor(urlPathEqualTo(ITEMS_PATH)));
    }

    @Test
    void aTimedOutWriteIsRetriedOnlyForTheItemsTheReadBackShowsNotAtTheirValue() {
        push = pushWithCallTimeout(Duration.ofSeconds(2));
        faultThenOk(aResponse().withStatus(200).withBody("{}").withFixedDelay(4_000));
        // the first batch (SKU-000..004) was half applied: even SKUs hold the value sent, odd ones still 0
        storefront.stubFor(get(urlPathEqualTo(ITEMS_PATH)).willReturn(okJson(levelsJson(i -> i % 2 == 0 ? 10 + i : 0))));

        drain();

        assertThat(deadLetters.list("PARKED", 100)).isEmpty();
        List<String> puts = puts();
        for (int i = 0; i < 5; i++) {
            String item = "\"sku\":\"" + sku(i) + "\"";
            assertThat(puts.stream().filter(b -> b.contains(item)).count())
                    .as(sku(i) + " writes").isEqualTo(i % 2 == 0 ? 1 : 2);
        }
        assertThat(historyStatuses()).filteredOn("ok"::equals).hasSize(ITEMS);
    }

    @Test
    void aConnectionResetIsRetried() {
        faultThenOk(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        drain();

        assertEveryItemDeliveredOnceOrParked(ITEMS, 0);
    }

    @Test
    void aStorefrontThatStaysDownGetsEveryItemParkedWithItsReasonAndAReplayDeliversOnce() {
        storefront.stubFor(put(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("{\"title\":\"down\"}")));

        drain();

        assertEveryItemDeliveredOnceOrParked(0, ITEMS);
        assertThat(deadLetters.list("PARKED", 100)).allSatisfy(dl -> {
            assertThat(dl.reason()).contains("gave up after 2 attempts").contains("503");
            assertThat(dl.request()).contains("\"sku\":\"" + dl.entityKey() + "\"");
            assertThat(dl.response()).contains("down");
        });

        storefront.resetAll();
        storefront.stubFor(put(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{}")));
        List<DeadLetters.DeadLetter> parked = deadLetters.list("PARKED", 100);
        for (DeadLetters.DeadLetter dl : parked) {
            assertThat(deadLetters.replay(dl.id())).isTrue();
            assertThat(deadLetters.replay(dl.id())).as("a second replay of the same letter").isFalse();
        }
        drain();

        assertEveryItemDeliveredOnceOrParked(ITEMS, 0);
    }

    @Test
    void oneBadItemIsParkedWithRequestResponseAndReasonWhileTheRestOfItsBatchGoes() {
        storefront.stubFor(put(urlPathEqualTo(PATH)).atPriority(1).withRequestBody(containing(sku(7)))
                .willReturn(aResponse().withStatus(422).withBody("{\"title\":\"unknown sku " + sku(7) + "\"}")));
        storefront.stubFor(put(urlPathEqualTo(PATH)).atPriority(2).willReturn(aResponse().withStatus(200).withBody("{}")));

        drain();

        assertEveryItemDeliveredOnceOrParked(ITEMS - 1, 1);
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(dl -> {
            assertThat(dl.entityKey()).isEqualTo(sku(7));
            assertThat(dl.reason()).contains("422");
            assertThat(dl.response()).contains("unknown sku");
            assertThat(dl.request()).contains(sku(7));
        });
    }

    /** The first request gets {@code fault}, every later one 200. */
    private void faultThenOk(ResponseDefinitionBuilder fault) {
        storefront.stubFor(put(urlPathEqualTo(PATH)).inScenario("f").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fault).willSetStateTo("ok"));
        storefront.stubFor(put(urlPathEqualTo(PATH)).inScenario("f").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    /** Runs stock-push as the scheduler would, run after run, until nothing is pending (bounded). */
    private void drain() {
        for (int i = 0; i < 10 && changeLog.pending(EntityType.INVENTORY) > 0; i++) {
            try {
                StockPushLoop.run(push, "stock-push", new RunCounters(++runs));
            } catch (StorefrontException e) {
                // the run failed; its rows went back to the change log (or were parked when out of attempts)
            }
        }
        assertThat(changeLog.pending(EntityType.INVENTORY)).as("rows still pending").isZero();
    }

    /** Each SKU: taken by the storefront exactly once (a 2xx the client saw), or parked; never both, never neither. */
    private void assertEveryItemDeliveredOnceOrParked(int delivered, int parked) {
        Map<String, Integer> taken = new TreeMap<>();
        for (ServeEvent event : storefront.getAllServeEvents()) {
            var definition = event.getResponseDefinition();
            boolean seenByClient = definition.getFault() == null && definition.getFixedDelayMilliseconds() == null;
            if (seenByClient && definition.getStatus() / 100 == 2) {
                for (int i = 0; i < ITEMS; i++) {
                    if (event.getRequest().getBodyAsString().contains("\"sku\":\"" + sku(i) + "\"")) {
                        taken.merge(sku(i), 1, Integer::sum);
                    }
                }
            }
        }
        List<String> parkedSkus = deadLetters.list("PARKED", 100).stream().map(DeadLetters.DeadLetter::entityKey).toList();
        for (int i = 0; i < ITEMS; i++) {
            int times = taken.getOrDefault(sku(i), 0);
            boolean isParked = parkedSkus.contains(sku(i));
            assertThat(times == 1 ^ isParked).as(sku(i) + " delivered " + times + " time(s), parked " + isParked).isTrue();
            assertThat(times).as(sku(i) + " deliveries").isLessThanOrEqualTo(1);
        }
        assertThat(taken.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(delivered);
        assertThat(parkedSkus).hasSize(parked);
    }

    private List<String> puts() {
        return storefront.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("PUT"))
                .map(e -> e.getRequest().getBodyAsString()).toList();
    }

    /** GET /inventory/items's answer: every test SKU at location 1 with the on-hand level {@code level} gives it. */
    private static String levelsJson(java.util.function.IntUnaryOperator level) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            data.append(i == 0 ? "" : ",").append("{\"identity\":{\"sku\":\"").append(sku(i))
                    .append("\"},\"locations\":[{\"location_id\":1,\"total_inventory_onhand\":")
                    .append(level.applyAsInt(i)).append("}]}");
        }
        return "{\"data\":[" + data + "],\"meta\":{}}";
    }

    private List<String> historyStatuses() {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM sync_history");
                 var rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    private List<String> historyMessages() {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT message FROM sync_history WHERE message IS NOT NULL");
                 var rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    private static String sku(int i) {
        return String.format("SKU-%03d", i);
    }
}
