package routes.catalog;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.app.TestBeans;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.task.RunCounters;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.platform.Times.utc;

/** catalog-push's variants against the sandbox storefront (a real HTTP peer shaped like BigCommerce's catalog). */
class CatalogPushVariantsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private HikariDataSource hub;
    private SandboxStorefront store;
    private ChangeLog changeLog;
    private DeadLetters deadLetters;
    private CatalogPush push;
    private final List<String> calls = new ArrayList<>();

    static Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    void start(TestDatabases.Kind kind) {
        hub = TestDatabases.hub(kind);
        store = new SandboxStorefront("127.0.0.1", 0, "test-token", clock, false, Duration.ofSeconds(5));
        store.start();
        TestBeans beans = TestBeans.on(hub, clock);
        changeLog = beans.changeLog();
        deadLetters = beans.deadLetters();
        BigCommerceClient client = new BigCommerceClient("bigcommerce:test", BigCommerceClient.Endpoints.of(store.baseUrl()),
                "test-token", BigCommerceClient.pooledHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5));
        client.setResponseListener((operation, url, request, status, headers, body) -> calls.add(operation + " " + status));
        push = new CatalogPush(changeLog, deadLetters, client, hub, 500, 3);
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.stop();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNewProductIsCreatedTogetherWithItsVariantsAndTheirOptions(TestDatabases.Kind kind) {
        start(kind);
        product("P-1", "Shirt", "19.99");
        variant("P-1-R", "P-1", "{\"colour\":\"Red\",\"size\":\"M\"}");
        variant("P-1-B", "P-1", "{\"colour\":\"Blue\",\"size\":\"M\"}");

        RunCounters run = push();

        assertThat(run.failed()).as("%s", run.errors()).isZero();
        assertThat(run.written()).isEqualTo(3);
        assertThat(store.variantSkus("P-1")).as("in SKU order").containsExactly("P-1-B", "P-1-R");
        assertThat(store.options("P-1")).containsExactly(Map.entry("Colour", List.of("Blue", "Red")), Map.entry("Size", List.of("M")));
        assertThat(store.variantOptions("P-1-B")).containsExactly(Map.entry("Colour", "Blue"), Map.entry("Size", "M"));
        assertThat(calls).filteredOn(c -> c.startsWith("CREATE_PRODUCT ")).hasSize(1);
        assertThat(calls).as("the variants created with the product are updated by the ids it answered, never looked up")
                .noneMatch(c -> c.startsWith("FIND_VARIANTS_BY_SKU") || c.startsWith("CREATE_VARIANT"));
        assertThat(count("SELECT COUNT(*) FROM item WHERE storefront_variant_id IS NOT NULL")).isEqualTo(2);
        assertThat(deadLetters.count("PARKED")).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void variantsOfAKnownProductAreCreatedWithOptionsCreatedWhenMissingAndReusedWhenPresent(TestDatabases.Kind kind) {
        start(kind);
        product("P-2", "Mug", "9.99");
        push();
        variant("P-2-R", "P-2", "{\"colour\":\"Red\"}");
        variant("P-2-G", "P-2", "{\"colour\":\"Green\"}");
        variant("P-2-G2", "P-2", "{\"colour\":\"Green\",\"size\":\"L\"}");
        calls.clear();

        RunCounters run = push();

        assertThat(run.failed()).as("%s", run.errors()).isZero();
        assertThat(run.written()).isEqualTo(3);
        assertThat(store.options("P-2")).containsExactly(Map.entry("Colour", List.of("Red", "Green")), Map.entry("Size", List.of("L")));
        assertThat(store.variantOptions("P-2-G2")).containsExactly(Map.entry("Colour", "Green"), Map.entry("Size", "L"));
        assertThat(calls).filteredOn(c -> c.startsWith("LIST_PRODUCT_OPTIONS")).as("options read once per product").hasSize(1);
        assertThat(calls).filteredOn(c -> c.startsWith("CREATE_PRODUCT_OPTION ")).hasSize(2);
        assertThat(calls).filteredOn(c -> c.startsWith("CREATE_OPTION_VALUE ")).hasSize(1);

        // a second change: the ids are kept in the hub, so the variants are updated by id without a look-up
        priceChange("P-2-R", "P-2-G", "P-2-G2");
        calls.clear();
        RunCounters again = push();
        assertThat(again.written()).isEqualTo(3);
        assertThat(calls).containsExactly("UPDATE_VARIANTS 200");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aMultiStatusAnswerSettlesTheSavedVariantsAndParksTheOthersWithTheStorefrontsMessage(TestDatabases.Kind kind) {
        start(kind);
        product("P-3", "Cap", "5.00");
        for (int i = 0; i < 60; i++) {
            variant(String.format("P-3-%02d", i), "P-3", "{\"colour\":\"C" + i + "\"}");
        }
        push();
        execute("UPDATE item SET storefront_variant_id = 999999 WHERE sku = 'P-3-07' OR sku = ?", "none");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            all.add(String.format("P-3-%02d", i));
        }
        priceChange(all.toArray(String[]::new));
        calls.clear();

        RunCounters run = push();

        assertThat(calls).as("at most 50 variants per call").containsExactly("UPDATE_VARIANTS 207", "UPDATE_VARIANTS 200");
        assertThat(run.written()).isEqualTo(59);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(d -> {
            assertThat(d.entityKey()).isEqualTo("P-3-07");
            assertThat(d.reason()).contains("207").contains("variant 999999 does not exist");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aVariantTheStorefrontNoLongerHasByItsKeptIdIsLookedUpBySkuAgain(TestDatabases.Kind kind) {
        start(kind);
        product("P-6", "Scarf", "12.00");
        variant("P-6-R", "P-6", "{\"colour\":\"Red\"}");
        push();
        long real = count("SELECT storefront_variant_id FROM item WHERE sku = 'P-6-R'");
        execute("UPDATE item SET storefront_variant_id = 999999 WHERE sku = ?", "P-6-R");
        priceChange("P-6-R");
        calls.clear();

        RunCounters run = push();

        assertThat(run.written()).isEqualTo(1);
        assertThat(run.failed()).isZero();
        assertThat(calls).containsExactly("UPDATE_VARIANTS 404", "FIND_VARIANTS_BY_SKU 200", "UPDATE_VARIANTS 200");
        assertThat(count("SELECT storefront_variant_id FROM item WHERE sku = 'P-6-R'")).isEqualTo(real);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void variantsBeyondSixHundredPerProductAreParkedWithTheReasonNotDropped(TestDatabases.Kind kind) {
        start(kind);
        product("P-4", "Poster", "3.00");
        for (int i = 0; i < 602; i++) {
            variant(String.format("P-4-%03d", i), "P-4", "{\"size\":\"S" + i + "\"}");
        }

        RunCounters run = push();

        assertThat(store.variantSkus("P-4")).hasSize(600);
        assertThat(run.failed()).isEqualTo(2);
        assertThat(deadLetters.list("PARKED", 10)).extracting(DeadLetters.DeadLetter::entityKey)
                .containsExactlyInAnyOrder("P-4-600", "P-4-601");
        assertThat(deadLetters.list("PARKED", 10)).allSatisfy(d ->
                assertThat(d.reason()).contains("602 variants").contains("allows 600 per product"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aVariantWithoutAttributesIsParkedWithWhatToDo(TestDatabases.Kind kind) {
        start(kind);
        product("P-5", "Bag", "30.00");
        variant("P-5-X", "P-5", "{}");

        RunCounters run = push();

        assertThat(run.written()).as("the product").isEqualTo(1);
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(d ->
                assertThat(d.reason()).contains("P-5-X has no attributes").contains("at least one option value"));
    }

    // --- helpers

    private RunCounters push() {
        RunCounters run = new RunCounters(1);
        push.push("catalog-push", run);
        return run;
    }

    private void product(String sku, String name, String price) {
        insert(sku, null, name, price, null);
    }

    private void variant(String sku, String parent, String attributes) {
        insert(sku, parent, sku, null, attributes);
    }

    private void insert(String sku, String parent, String name, String price, String attributes) {
        Tx.inTransaction(hub, c -> {
            BigDecimal p = price != null ? new BigDecimal(price) : parent == null ? null : priceOf(c, parent);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO item (sku, parent_sku, name, price, attributes, created_by, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'BACKOFFICE_SYNC', ?, ?)""")) {
                ps.setString(1, sku);
                ps.setString(2, parent);
                ps.setString(3, name);
                ps.setBigDecimal(4, p);
                ps.setString(5, attributes);
                ps.setObject(6, utc(NOW));
                ps.setObject(7, utc(NOW));
                ps.executeUpdate();
            }
            changeLog.append(c, new Change(EntityType.PRODUCTS, sku, "", Change.Operation.UPSERT, "{}", "test"));
            return null;
        });
    }

    private static BigDecimal priceOf(java.sql.Connection c, String sku) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT price FROM item WHERE sku = ?")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    private void priceChange(String... skus) {
        Tx.inTransaction(hub, c -> {
            for (String sku : skus) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE item SET price = price + 1 WHERE sku = ?")) {
                    ps.setString(1, sku);
                    ps.executeUpdate();
                }
                changeLog.append(c, new Change(EntityType.PRICES, sku, "", Change.Operation.UPSERT, "{}", "test"));
            }
            return null;
        });
    }

    private long count(String sql) {
        return Tx.read(hub, c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void execute(String sql, String parameter) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, parameter);
                return ps.executeUpdate();
            }
        });
    }
}
