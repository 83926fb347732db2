package routes.storefront;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BigCommerceClientTest {

    private WireMockServer server;
    private BigCommerceClient client;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = new BigCommerceClient("bigcommerce:test", BigCommerceClient.Endpoints.of(server.baseUrl() + "/stores/t"), "tok",
                BigCommerceClient.pooledHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), ms -> ms), RateBudget.unlimited(Clock.systemUTC()), waits::add);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void ordersArePagedUntilAnEmptyPageOr204() {
        String order = """
                {"id":%d,"status":"Shipped","status_id":2,"date_created":"Tue, 20 Nov 2012 00:00:00 +0000",
                 "date_modified":"Wed, 21 Nov 2012 08:30:15 -0500","total_inc_tax":"0.1000","currency_code":"EUR",
                 "billing_address":{"email":"a@example.com"}}""";
        server.stubFor(get(urlPathEqualTo("/stores/t/v2/orders")).withQueryParam("page", equalTo("1"))
                .willReturn(aResponse().withStatus(200).withBody("[" + order.formatted(1) + "," + order.formatted(2) + "]")));
        server.stubFor(get(urlPathEqualTo("/stores/t/v2/orders")).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withStatus(200).withBody("[" + order.formatted(3) + "]")));
        server.stubFor(get(urlPathEqualTo("/stores/t/v2/orders")).withQueryParam("page", equalTo("3"))
                .willReturn(aResponse().withStatus(204)));

        // OrdersIn reads pages until an empty one
        Instant since = Instant.parse("2012-11-01T00:00:00Z");
        List<Storefront.Order> all = new ArrayList<>(client.ordersModifiedSince(since, 1, 2));
        all.addAll(client.ordersModifiedSince(since, 2, 2));
        assertThat(client.ordersModifiedSince(since, 3, 2)).as("204 is an empty page").isEmpty();

        assertThat(all).extracting(Storefront.Order::id).containsExactly(1L, 2L, 3L);
        assertThat(all.get(0).dateModified()).isEqualTo(Instant.parse("2012-11-21T13:30:15Z"));
        assertThat(all.get(0).total()).isEqualByComparingTo("0.1").hasToString("0.1000");
        server.verify(getRequestedFor(urlPathEqualTo("/stores/t/v2/orders"))
                .withHeader("X-Auth-Token", equalTo("tok")).withHeader("Accept", equalTo("application/json"))
                .withQueryParam("sort", equalTo("date_modified")));
    }

    @Test
    void rfc2822DatesAndMoneyAreParsedExactly() {
        assertThat(BigCommerceClient.rfc2822("Tue, 20 Nov 2012 00:00:00 +0000")).isEqualTo(Instant.parse("2012-11-20T00:00:00Z"));
        assertThat(BigCommerceClient.rfc2822("  Sun, 1 Mar 2026 23:59:59 +1400 ")).isEqualTo(Instant.parse("2026-03-01T09:59:59Z"));
        assertThat(BigCommerceClient.rfc2822("Thu, 29 Feb 2024 12:00:00 GMT")).isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
        assertThat(BigCommerceClient.rfc2822("")).isNull();
        assertThat(BigCommerceClient.rfc2822(null)).isNull();
        assertThat(BigCommerceClient.money("0.1")).isEqualTo(new BigDecimal("0.1"));
        assertThat(BigCommerceClient.money("123456789012345.6789")).isEqualTo(new BigDecimal("123456789012345.6789"));
        assertThat(BigCommerceClient.money("-5.0000")).isEqualByComparingTo("-5");
        assertThat(BigCommerceClient.money(" 19.99 ")).isEqualTo(new BigDecimal("19.99"));
        assertThat(BigCommerceClient.money(null)).isNull();
        assertThatThrownBy(() -> BigCommerceClient.money("12,50")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void aPostIsNotRetriedAfterAConnectionResetBecauseTheStorefrontMayHaveActedOnIt() {
        server.stubFor(post(urlPathEqualTo("/stores/t/v3/catalog/products"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.createProduct(new Storefront.Product(null, "A", "A", "physical", BigDecimal.ONE, 1)))
                .isInstanceOf(StorefrontException.class);

        server.verify(1, postRequestedFor(urlPathEqualTo("/stores/t/v3/catalog/products")));
        assertThat(client.retriesOfLastCall()).isZero();
    }

    @Test
    void aWriteWhoseAnswerTimesOutIsAnUnknownOutcomeAndIsNotSentAgainBlind() {
        server.stubFor(put(urlPathEqualTo("/stores/t/v3/inventory/adjustments/absolute"))
                .willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(3_000)));

        assertThatThrownBy(() -> client.setAbsoluteStock(List.of(new Storefront.StockItem(1, "A", 5)), "test"))
                .isInstanceOfSatisfying(StorefrontException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("outcome unknown");
                });

        server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                urlPathEqualTo("/stores/t/v3/inventory/adjustments/absolute")));
    }

    @Test
    void stockLevelsAreReadBackBySkuWithEveryLocationsOnHandLevel() {
        server.stubFor(get(urlPathEqualTo("/stores/t/v3/inventory/items")).willReturn(aResponse().withStatus(200).withBody(
                "{\"data\":[{\"identity\":{\"sku\":\"A\"},\"locations\":[{\"location_id\":1,\"total_inventory_onhand\":5},"
                        + "{\"location_id\":2,\"total_inventory_onhand\":0}]}],\"meta\":{}}")));

        assertThat(client.stockLevels(List.of("B", "A"))).containsExactly(
                new Storefront.StockItem(1, "A", 5), new Storefront.StockItem(2, "A", 0));
        server.verify(getRequestedFor(urlPathEqualTo("/stores/t/v3/inventory/items")).withQueryParam("sku:in", equalTo("A,B")));
    }

    @Test
    void aPostIsRetriedAfterA429AndBodiesCarryContentType() {
        server.stubFor(post(urlPathEqualTo("/stores/t/v3/catalog/products")).inScenario("s")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-Rate-Limit-Time-Reset-Ms", "20")).willSetStateTo("ok"));
        server.stubFor(post(urlPathEqualTo("/stores/t/v3/catalog/products")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":{\"id\":55}}")));

        long id = client.createProduct(new Storefront.Product(null, "T1", "T1", "physical", BigDecimal.ONE, 1));

        assertThat(id).isEqualTo(55);
        assertThat(client.retriesOfLastCall()).isEqualTo(1);
        server.verify(2, postRequestedFor(urlPathEqualTo("/stores/t/v3/catalog/products"))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void backoffGrowsExponentiallyAndIsCapped() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), ms -> ms);
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(9)).isEqualTo(Duration.ofMillis(1000));
        RetryPolicy jittered = RetryPolicy.withFullJitter(10, Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int i = 1; i < 40; i++) {
            assertThat(jittered.backoff(i)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
        }
    }

    @Test
    void everyCallCarriesAcceptAndContentTypeEvenAGetWithoutABody() {
        server.stubFor(get(urlPathEqualTo("/stores/t/v2/orders/7/products"))
                .willReturn(aResponse().withStatus(200).withBody("[{\"sku\":\"A\",\"name\":\"a\",\"quantity\":2,\"price_inc_tax\":\"1.50\"}]")));

        assertThat(client.orderLines(7)).singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(2));

        // the v2 orders file declares Content-Type a required header of GET /orders/{order_id}/products
        server.verify(getRequestedFor(urlPathEqualTo("/stores/t/v2/orders/7/products"))
                .withHeader("Accept", equalTo("application/json")).withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void aMultiStatusBatchUpdateNamesTheItemsItDidNotSaveWithTheStorefrontsMessage() {
        server.stubFor(put(urlPathEqualTo("/stores/t/v3/catalog/variants")).willReturn(aResponse().withStatus(207).withBody("""
                {"data":[{"id":1,"sku":"A-1"}],
                 "errors":{"status":422,"title":"Some variants were not saved","errors":{"2":"price must not be negative"}},
                 "meta":{}}""")));

        List<Storefront.Rejected> rejected = client.updateVariants(List.of(
                new Storefront.Variant(1L, 9L, "A-1", new BigDecimal("1.00"), null, List.of()),
                new Storefront.Variant(2L, 9L, "A-2", new BigDecimal("2.00"), null, List.of())));

        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(2L);
            assertThat(r.message()).contains("207").contains("Some variants were not saved").contains("price must not be negative");
        });
    }

    @Test
    void moreThanFiftyVariantsOrSixHundredPerProductAreRefusedBeforeAnyCall() {
        List<Storefront.Variant> fiftyOne = java.util.stream.IntStream.range(0, 51)
                .mapToObj(i -> new Storefront.Variant((long) i, 9L, "V-" + i, null, null, List.of())).toList();
        assertThatThrownBy(() -> client.updateVariants(fiftyOne)).hasMessageContaining("at most 50 variants per call, got 51");
        List<Storefront.NewVariant> many = java.util.stream.IntStream.range(0, 601)
                .mapToObj(i -> new Storefront.NewVariant("V-" + i, null, java.util.Map.of("Size", "S" + i))).toList();
        assertThatThrownBy(() -> client.createProductWithVariants(
                new Storefront.Product(null, "P", "P", "physical", BigDecimal.ONE, 0), many))
                .hasMessageContaining("at most 600 variants per product, got 601 for P");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void anOperationFillsItsPathParametersEncodedAndRefusesAWrongCount() {
        assertThat(BigCommerceOperation.CREATE_OPTION_VALUE.path(5, 7)).isEqualTo("/catalog/products/5/options/7/values");
        assertThat(BigCommerceOperation.LIST_ORDER_PRODUCTS.path("a/b")).isEqualTo("/orders/a%2Fb/products");
        assertThatThrownBy(() -> BigCommerceOperation.CREATE_OPTION_VALUE.path(5))
                .hasMessageContaining("CREATE_OPTION_VALUE needs option_id");
        assertThatThrownBy(() -> BigCommerceOperation.LIST_ORDERS.path(5)).hasMessageContaining("takes 0 path parameters");
    }
}
