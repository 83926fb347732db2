package routes.sandbox;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.storefront.BigCommerceClient;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox storefront's catalog answers as BigCommerce does: 404, 409, 422 and 207 where the real one would. */
class SandboxCatalogTest {

    private SandboxStorefront store;
    private BigCommerceClient client;

    @BeforeEach
    void start() {
        store = new SandboxStorefront("127.0.0.1", 0, "tok", Clock.systemUTC(), false, Duration.ofSeconds(5));
        store.start();
        client = new BigCommerceClient("bigcommerce:sandbox-test", BigCommerceClient.Endpoints.of(store.baseUrl()), "tok",
                BigCommerceClient.pooledHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        store.stop();
    }

    @Test
    void aProductWithVariantsGetsTheOptionsItsVariantsName() {
        Storefront.CreatedProduct created = client.createProductWithVariants(product("P"), List.of(
                new Storefront.NewVariant("P-R", BigDecimal.TEN, Map.of("Colour", "Red")),
                new Storefront.NewVariant("P-B", BigDecimal.TEN, Map.of("Colour", "Blue"))));

        assertThat(created.variantIds()).containsOnlyKeys("P-R", "P-B");
        assertThat(store.options("P")).containsExactly(Map.entry("Colour", List.of("Red", "Blue")));
        assertThat(client.findVariantBySku("p-r").id()).as("SKUs are case-insensitive").isEqualTo(created.variantIds().get("P-R"));
        assertThat(client.options(created.id())).singleElement().satisfies(o -> assertThat(o.values()).hasSize(2));
    }

    @Test
    void unknownProductsAre404TakenSkusAndOptionsAre409AndUnknownOptionValuesAre422() {
        long id = client.createProduct(product("P"));
        assertThat(status(() -> client.createVariant(new Storefront.Variant(null, 999L, "X", null, null, List.of()))))
                .isEqualTo(404);
        assertThat(status(() -> client.createProduct(product("p")))).isEqualTo(409);
        Storefront.ProductOption colour = client.createOption(id, "Colour", List.of("Red"));
        assertThat(status(() -> client.createOption(id, "colour", List.of("Blue")))).isEqualTo(409);
        assertThat(status(() -> client.createOptionValue(id, colour.id(), "Red"))).isEqualTo(409);
        assertThat(status(() -> client.createVariant(new Storefront.Variant(null, id, "P-G", null, null,
                List.of(new Storefront.OptionValue(424242, colour.id())))))).isEqualTo(422);
        long red = colour.values().get(0).id();
        client.createVariant(new Storefront.Variant(null, id, "P-R", null, null, List.of(new Storefront.OptionValue(red, colour.id()))));
        assertThat(status(() -> client.createVariant(new Storefront.Variant(null, id, "P-R", null, null,
                List.of(new Storefront.OptionValue(red, colour.id())))))).as("a SKU in use").isEqualTo(409);
        assertThat(store.variantSkus("P")).containsExactly("P-R");
    }

    @Test
    void aBatchUpdateThatSavesSomeItemsIs207AndOneThatSavesNoneAnswersItsItemsStatus() {
        Storefront.CreatedProduct created = client.createProductWithVariants(product("P"),
                List.of(new Storefront.NewVariant("P-R", BigDecimal.TEN, Map.of("Colour", "Red"))));
        long variant = created.variantIds().get("P-R");

        List<Storefront.Rejected> rejected = client.updateVariants(List.of(
                new Storefront.Variant(variant, created.id(), "P-R", BigDecimal.ONE, null, List.of()),
                new Storefront.Variant(77L, created.id(), "P-X", BigDecimal.ONE, null, List.of())));
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(77L);
            assertThat(r.message()).contains("variant 77 does not exist");
        });
        assertThat(status(() -> client.updateVariants(List.of(new Storefront.Variant(78L, created.id(), "P-Y", null, null, List.of())))))
                .as("no such variant").isEqualTo(404);
        assertThat(status(() -> client.updateVariants(List.of(new Storefront.Variant(variant, created.id(), "P-R", new BigDecimal("-1"), null, List.of())))))
                .as("a negative price").isEqualTo(422);
    }

    @Test
    void aJsonBodyWithoutContentTypeIs415() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(store.baseUrl() + "/v3/catalog/products"))
                .header("X-Auth-Token", "tok").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("Content-Type");
    }

    private static Storefront.Product product(String sku) {
        return new Storefront.Product(null, sku, "Product " + sku, "physical", BigDecimal.TEN, 0);
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (StorefrontException e) {
            return e.status();
        }
        throw new AssertionError("the call succeeded");
    }
}
