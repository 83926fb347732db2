package routes.catalog;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.changelog.PauseSwitches;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;
import routes.task.RunCounters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static routes.platform.Times.utc;

/**
 * images-push's steps (claim, match, send, settle, looped as route images-push-batches loops them) on H2 and
 * PostgreSQL against the sandbox storefront, a real HTTP peer shaped like BigCommerce's product images; a failing
 * storefront is the same client with one call made to fail.
 */
class ImagesPushTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String A = "https://images.example.invalid/P-1-a.jpg";
    private static final String B = "https://images.example.invalid/P-1-b.jpg";
    private static final int MAX_ATTEMPTS = 2;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> calls = new ArrayList<>();
    /** The call to fail ("addProductImage", ...) and how; null: every call goes through. */
    private final AtomicReference<Map.Entry<String, StorefrontException>> failing = new AtomicReference<>();
    private HikariDataSource hub;
    private SandboxStorefront store;
    private BigCommerceClient client;
    private ChangeLog changeLog;
    private DeadLetters deadLetters;
    private PauseSwitches pauses;
    private ImagesPush push;

    static Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    void start(TestDatabases.Kind kind) {
        hub = TestDatabases.hub(kind);
        store = new SandboxStorefront("127.0.0.1", 0, "test-token", clock, false, Duration.ofSeconds(5));
        store.start();
        changeLog = new ChangeLog(hub, clock, Duration.ofMinutes(5), "test");
        deadLetters = new DeadLetters(hub, clock);
        pauses = new PauseSwitches(hub, clock);
        client = new BigCommerceClient("bigcommerce:test", BigCommerceClient.Endpoints.of(store.baseUrl()),
                "test-token", BigCommerceClient.pooledHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5));
        client.setResponseListener((operation, url, request, status, headers, body) -> calls.add(operation + " " + status));
        push = new ImagesPush(changeLog, deadLetters, failingWhenTold(client), hub, clock, 100, MAX_ATTEMPTS);
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
    void missingImagesAreAddedByUrlAndChangedOnesUpdatedWithOneListPerProduct(TestDatabases.Kind kind) {
        start(kind);
        product("P-1", true);
        image("P-1", A, 0, "front");
        image("P-1", B, 1, "back");

        RunCounters first = push();

        assertThat(first.written()).isEqualTo(2);
        assertThat(store.images("P-1")).containsExactly(Map.entry(A, "0: front"), Map.entry(B, "1: back"));
        assertThat(calls).containsExactly("LIST_PRODUCT_IMAGES 200", "ADD_PRODUCT_IMAGE 200", "ADD_PRODUCT_IMAGE 200");

        calls.clear();
        image("P-1", B, 0, "back, now first");
        image("P-1", A, 1, "front");

        RunCounters second = push();

        assertThat(second.written()).isEqualTo(2);
        assertThat(store.images("P-1")).containsEntry(B, "0: back, now first").containsEntry(A, "1: front");
        assertThat(calls).containsExactly("LIST_PRODUCT_IMAGES 200", "UPDATE_PRODUCT_IMAGE 200", "UPDATE_PRODUCT_IMAGE 200");
        assertThat(states()).containsExactly(Map.entry("SENT", 4L));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anImageTheHubNoLongerHasIsRemovedAndManyChangesOfOneImageAreOneCall(TestDatabases.Kind kind) {
        start(kind);
        product("P-1", true);
        image("P-1", A, 0, "front");
        image("P-1", B, 1, "back");
        push();
        calls.clear();

        removeImage("P-1", B);
        image("P-1", A, 0, "front, v2");
        image("P-1", A, 0, "front, v3");

        RunCounters run = push();

        assertThat(store.images("P-1")).containsExactly(Map.entry(A, "0: front, v3"));
        assertThat(calls).containsExactly("LIST_PRODUCT_IMAGES 200", "DELETE_PRODUCT_IMAGE 204",
                "UPDATE_PRODUCT_IMAGE 200");
        assertThat(run.written()).isEqualTo(2);
        assertThat(states()).containsExactly(Map.entry("SENT", 4L), Map.entry("SUPERSEDED", 1L));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPauseHoldsAddsAndUpdatesButNeverADeleteAndResumeReleasesThemConsolidated(TestDatabases.Kind kind) {
        start(kind);
        product("P-1", true);
        image("P-1", A, 0, "front");
        push();
        pauses.pause(EntityType.IMAGES, "test");

        image("P-1", B, 1, "back");
        image("P-1", B, 2, "back, moved");
        removeImage("P-1", A);
        RunCounters paused = push();

        assertThat(store.images("P-1")).as("the removed image is gone at once; the new one waits").isEmpty();
        assertThat(paused.written()).isEqualTo(1);
        assertThat(changeLog.pending(EntityType.IMAGES)).as("held while paused").isEqualTo(2);

        pauses.resume(EntityType.IMAGES, "test");
        calls.clear();
        RunCounters resumed = push();

        assertThat(store.images("P-1")).containsExactly(Map.entry(B, "2: back, moved"));
        assertThat(calls).containsExactly("LIST_PRODUCT_IMAGES 200", "ADD_PRODUCT_IMAGE 200");
        assertThat(resumed.written()).isEqualTo(1);
        assertThat(changeLog.pending(EntityType.IMAGES)).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anImageOfAProductNotOnTheStorefrontYetWaitsWithoutSpendingAnAttemptAndGoesOnceItIs(TestDatabases.Kind kind) {
        start(kind);
        product("P-1", false);
        image("P-1", A, 0, "front");

        for (int run = 0; run < MAX_ATTEMPTS + 1; run++) {
            assertThat(push().written()).isZero();
        }

        assertThat(calls).as("no storefront call for a product it does not have").isEmpty();
        assertThat(changeLog.pending(EntityType.IMAGES)).isEqualTo(1);
        assertThat(deadLetters.list("PARKED", 10)).isEmpty();
        assertThat(lastError()).contains("P-1 is not on the storefront yet");

        long id = client.createProduct(new Storefront.Product(null, "P-1", "Product P-1", "physical", BigDecimal.TEN, 0));
        setProductId("P-1", id);

        assertThat(push().written()).isEqualTo(1);
        assertThat(store.images("P-1")).containsOnlyKeys(A);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStorefrontFailureIsRetriedOnTheNextRunAndParkedOnceOutOfAttemptsNeverDropped(TestDatabases.Kind kind) {
        start(kind);
        product("P-1", true);
        image("P-1", A, 0, "front");
        failing.set(Map.entry("addProductImage", new StorefrontException("POST /images answered 503", 503, "{}", "{}",
                true, null, null)));

        assertThatThrownBy(this::push).hasMessageContaining("503");
        assertThat(changeLog.pending(EntityType.IMAGES)).as("given back for the next run").isEqualTo(1);
        assertThat(deadLetters.list("PARKED", 10)).isEmpty();

        assertThatThrownBy(this::push).hasMessageContaining("503");
        assertThat(changeLog.pending(EntityType.IMAGES)).isZero();
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(letter -> {
            assertThat(letter.entityKey()).isEqualTo("P-1");
            assertThat(letter.reason()).contains("gave up after " + MAX_ATTEMPTS + " attempts").contains("503");
        });
        assertThat(store.images("P-1")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anImageTheStorefrontRefusesIsParkedWithItsMessageWhileTheOthersGo(TestDatabases.Kind kind) {
        start(kind);
        product("P-1", true);
        image("P-1", A, 0, "front");
        image("P-1", "ftp://images.example.invalid/not-http.jpg", 1, "refused");

        RunCounters run = push();

        assertThat(run.written()).isEqualTo(1);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(store.images("P-1")).containsOnlyKeys(A);
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(letter ->
                assertThat(letter.reason()).contains("ftp://images.example.invalid/not-http.jpg").contains("422")
                        .contains("fully qualified URL"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rowsLoggedBeforeImagesHadAScopePerUrlStillGoOneCallPerImage(TestDatabases.Kind kind) {
        start(kind);
        product("P-1", true);
        image("P-1", A, 0, "front");
        image("P-1", B, 1, "back");
        Tx.inTransaction(hub, c -> {
            try (var ps = c.prepareStatement("UPDATE change_log SET entity_scope = '' WHERE entity_type = 'images'")) {
                return ps.executeUpdate();
            }
        });

        assertThat(push().written()).isEqualTo(2);
        assertThat(store.images("P-1")).containsOnlyKeys(A, B);
    }

    // --- the loop of route images-push-batches, in Java

    private RunCounters push() {
        RunCounters run = new RunCounters(1);
        boolean more = true;
        while (more) {
            ImagesPush.Batch batch = push.claim(run);
            more = !batch.isEmpty() && push.settle(push.send(push.match(batch)), "images-push", run);
        }
        return run;
    }

    // --- the hub's data

    private void product(String sku, boolean onStorefront) {
        Long id = onStorefront
                ? client.createProduct(new Storefront.Product(null, sku, "Product " + sku, "physical", BigDecimal.TEN, 0))
                : null;
        calls.clear();
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO item (sku, name, storefront_product_id, created_by, created_at, updated_at)
                    VALUES (?, ?, ?, 'BACKOFFICE_SYNC', ?, ?)""")) {
                ps.setString(1, sku);
                ps.setString(2, "Product " + sku);
                ps.setObject(3, id);
                ps.setObject(4, utc(NOW));
                ps.setObject(5, utc(NOW));
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void setProductId(String sku, long id) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE item SET storefront_product_id = ? WHERE sku = ?")) {
                ps.setLong(1, id);
                ps.setString(2, sku);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The image as images-read writes it: the hub's row and an UPSERT change, in one transaction. */
    private void image(String sku, String url, int sortOrder, String description) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM item_image WHERE sku = ? AND url = ?");
                 PreparedStatement ps = c.prepareStatement("""
                         INSERT INTO item_image (sku, url, sort_order, checksum, description, updated_at)
                         VALUES (?, ?, ?, 'x', ?, ?)""")) {
                del.setString(1, sku);
                del.setString(2, url);
                del.executeUpdate();
                ps.setString(1, sku);
                ps.setString(2, url);
                ps.setInt(3, sortOrder);
                ps.setString(4, description);
                ps.setObject(5, utc(NOW));
                ps.executeUpdate();
            }
            changeLog.append(c, Change.image(sku, url, Change.Operation.UPSERT, "backoffice-sync"));
            return null;
        });
    }

    /** The image removed in the back office, as images-read writes it: the hub's row gone and a DELETE change. */
    private void removeImage(String sku, String url) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM item_image WHERE sku = ? AND url = ?")) {
                del.setString(1, sku);
                del.setString(2, url);
                del.executeUpdate();
            }
            changeLog.append(c, Change.image(sku, url, Change.Operation.DELETE, "backoffice-sync"));
            return null;
        });
    }

    private Map<String, Long> states() {
        return Tx.read(hub, c -> {
            Map<String, Long> states = new TreeMap<>();
            try (var rs = c.createStatement().executeQuery(
                    "SELECT state, COUNT(*) FROM change_log WHERE entity_type = 'images' GROUP BY state")) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getLong(2));
                }
            }
            return states;
        });
    }

    private String lastError() {
        return Tx.read(hub, c -> {
            try (var rs = c.createStatement().executeQuery(
                    "SELECT last_error FROM change_log WHERE entity_type = 'images' ORDER BY id DESC")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** The client, with the call {@link #failing} names failing as told. */
    private Storefront failingWhenTold(Storefront real) {
        return (Storefront) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Storefront.class},
                (proxy, method, args) -> {
                    Map.Entry<String, StorefrontException> failure = failing.get();
                    if (failure != null && failure.getKey().equals(method.getName())) {
                        throw failure.getValue();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
