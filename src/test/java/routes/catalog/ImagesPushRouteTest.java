package routes.catalog;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;
import routes.changelog.Change;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.storefront.Storefront;
import routes.task.RunHistory;
import routes.task.Trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.platform.Times.utc;

/**
 * routes/images-push.xml as written (the task and its route images-push-batches) with the real ImagesPush on an H2 hub
 * and the sandbox storefront, batch size 1: each batch goes claim -> match -> send -> settle and the loop claims again
 * while a full batch moved; images-read and catalog-push (stubbed steps, real route files) each start images-push.
 */
class ImagesPushRouteTest extends RouteTestSupport {

    /** Stub for imagePull?method=pull and catalogPush?method=push: counts its calls. */
    public static final class Step {
        final AtomicInteger calls = new AtomicInteger();

        public void pull() {
            calls.incrementAndGet();
        }

        public void push() {
            calls.incrementAndGet();
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final HikariDataSource db = TestDatabases.hub(TestDatabases.Kind.H2);
    private final ChangeLog changeLog = new ChangeLog(db, clock, Duration.ofMinutes(5), "test");
    private final DeadLetters deadLetters = new DeadLetters(db, clock);
    private final SandboxStorefront store = started(new SandboxStorefront("127.0.0.1", 0, "test-token", clock, false,
            Duration.ofSeconds(5)));
    private final BigCommerceClient client = new BigCommerceClient("bigcommerce:test",
            BigCommerceClient.Endpoints.of(store.baseUrl()), "test-token",
            BigCommerceClient.pooledHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5));
    private boolean stopped;
    private final Step imagePull = new Step();
    private final Step catalogPush = new Step();
    private final RouteTestHub hub = new RouteTestHub()
            .stub("imagesPush", new ImagesPush(changeLog, deadLetters, client, db, clock, 1, 2))
            .stub("imagePull", imagePull)
            .stub("catalogPush", catalogPush);

    private static SandboxStorefront started(SandboxStorefront store) {
        store.start();
        return store;
    }

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"images-push.xml", "images-read.yaml", "catalog-push.xml"};
    }

    @AfterEach
    void closeAll() {
        if (!stopped) {
            store.stop();
        }
        db.close();
    }

    @Test
    void everyImageFlowsFromClaimToSettleBatchByBatchUntilTheChangeLogHasNoMore() {
        long id = client.createProduct(new Storefront.Product(null, "P-1", "Shirt", "physical", BigDecimal.TEN, 0));
        product("P-1", id);
        for (int i = 0; i < 3; i++) {
            image("P-1", "https://images.example.invalid/P-1-" + i + ".jpg", i);
        }

        hub.trigger().fire("images-push", Trigger.MANUAL);
        RunHistory.Run run = hub.awaitEndedRuns("images-push", 1).get(0);

        assertThat(run.status()).isEqualTo("ok");
        assertThat(run.itemsRead()).isEqualTo(3);
        assertThat(run.itemsWritten()).isEqualTo(3);
        assertThat(store.images("P-1")).hasSize(3);
        assertThat(changeLog.pending(EntityType.IMAGES)).isZero();
    }

    @Test
    void aProductTheStorefrontNoLongerHasParksItsImagesWithTheStorefrontsAnswer() {
        product("P-1", 999_999L); // a product id the storefront does not have: listing its images answers 404
        image("P-1", "https://images.example.invalid/P-1.jpg", 0);

        hub.trigger().fire("images-push", Trigger.MANUAL);
        RunHistory.Run run = hub.awaitEndedRuns("images-push", 1).get(0);

        assertThat(run.status()).isEqualTo("ok");
        assertThat(run.itemsFailed()).isEqualTo(1);
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(letter -> {
            assertThat(letter.task()).isEqualTo("images-push");
            assertThat(letter.reason()).contains("404");
        });
    }

    @Test
    void aStorefrontThatIsDownFailsTheRunAndTheImageWaitsForTheNextOne() {
        long id = client.createProduct(new Storefront.Product(null, "P-1", "Shirt", "physical", BigDecimal.TEN, 0));
        product("P-1", id);
        image("P-1", "https://images.example.invalid/P-1.jpg", 0);
        store.stop();
        stopped = true;

        hub.trigger().fire("images-push", Trigger.MANUAL);
        RunHistory.Run run = hub.awaitEndedRuns("images-push", 1).get(0);

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.message()).contains("could not connect");
        assertThat(changeLog.pending(EntityType.IMAGES)).as("given back, not dropped").isEqualTo(1);
        assertThat(deadLetters.list("PARKED", 10)).isEmpty();
    }

    @Test
    void imagesReadAndCatalogPushEachStartImagesPushAfterTheirOwnStep() {
        hub.trigger().fire("images-read", Trigger.MANUAL);
        hub.awaitEndedRuns("images-push", 1);
        hub.trigger().fire("catalog-push", Trigger.MANUAL);
        hub.awaitEndedRuns("images-push", 2);

        assertThat(imagePull.calls).hasValue(1);
        assertThat(catalogPush.calls).hasValue(1);
        assertThat(hub.runsOf("images-push")).extracting(RunHistory.Run::trigger).containsOnly("follow-up");
    }

    private void product(String sku, long storefrontId) {
        Tx.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO item (sku, name, storefront_product_id, created_by, created_at, updated_at)
                    VALUES (?, ?, ?, 'BACKOFFICE_SYNC', ?, ?)""")) {
                ps.setString(1, sku);
                ps.setString(2, "Product " + sku);
                ps.setLong(3, storefrontId);
                ps.setObject(4, utc(NOW));
                ps.setObject(5, utc(NOW));
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void image(String sku, String url, int sortOrder) {
        Tx.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO item_image (sku, url, sort_order, checksum, description, updated_at)
                    VALUES (?, ?, ?, 'x', 'image', ?)""")) {
                ps.setString(1, sku);
                ps.setString(2, url);
                ps.setInt(3, sortOrder);
                ps.setObject(4, utc(NOW));
                ps.executeUpdate();
            }
            changeLog.append(c, Change.image(sku, url, Change.Operation.UPSERT, "backoffice-sync"));
            return null;
        });
    }
}
