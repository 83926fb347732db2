package routes.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import routes.app.RouteTestHub;
import routes.app.RouteTestSupport;
import routes.app.TestBeans;
import routes.changelog.ChangeLog;
import routes.changelog.DeadLetters;
import routes.changelog.EntityType;
import routes.platform.TestDatabases;
import routes.platform.Tx;
import routes.storefront.ScriptedStorefront;
import routes.storefront.Storefront;
import routes.storefront.StorefrontException;
import routes.task.RunHistory;
import routes.task.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/stock-push.xml as written (the task and its route stock-push-batches) with the real StockPush on an H2 hub
 * and a scripted storefront, batch size 2: each batch goes claim -> consolidate -> send -> settle, the loop ends on a
 * short or empty claim, a rejected item is parked while the rest of its batch goes, and a failing storefront gives the
 * rows back for the next run until they are parked: none is dropped.
 */
class StockPushRouteTest extends RouteTestSupport {

    private static final int BATCH = 2;
    private static final int MAX_ATTEMPTS = 2;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final HikariDataSource db = TestDatabases.hub(TestDatabases.Kind.H2);
    private final TestBeans beans = TestBeans.on(db, clock);
    private final ChangeLog changeLog = beans.changeLog();
    private final DeadLetters deadLetters = beans.deadLetters();
    private final ScriptedStorefront storefront = new ScriptedStorefront();
    private final RouteTestHub hub = new RouteTestHub().stub("stockPush", new StockPush(changeLog, deadLetters, storefront,
            LocationMap.parse("MAIN=1"), db, clock, BATCH, MAX_ATTEMPTS));

    @Override
    protected RouteTestHub hub() {
        return hub;
    }

    @Override
    protected String[] routeFiles() {
        return new String[] {"stock-push.xml"};
    }

    @AfterEach
    void closeDb() {
        db.close();
    }

    @Test
    void everyBatchFlowsFromClaimToSettleAndAShortBatchEndsTheLoop() {
        levels("A", "B", "C");

        RunHistory.Run run = runStockPush(1);

        assertThat(run.status()).isEqualTo("ok");
        assertThat(run.itemsRead()).isEqualTo(3);
        assertThat(run.itemsWritten()).isEqualTo(3);
        // a full batch of two, then a short one of one: the loop claimed twice and stopped
        assertThat(storefront.stockCalls()).extracting(List::size).containsExactly(2, 1);
        assertThat(states()).containsExactly(Map.entry("SENT", 3L));
    }

    @Test
    void anEmptyChangeLogEndsTheLoopAtOnceWithoutAStorefrontCall() {
        RunHistory.Run run = runStockPush(1);

        assertThat(run.status()).isEqualTo("ok");
        assertThat(run.itemsRead()).isZero();
        assertThat(storefront.stockCalls()).isEmpty();
    }

    @Test
    void aRejectedItemIsParkedWhileTheRestOfItsBatchGoes() {
        levels("A", "B", "C");
        storefront.stockAnswer(items -> items.stream().anyMatch(i -> i.sku().equals("B"))
                ? failure("B is not a known SKU", false) : null);

        RunHistory.Run run = runStockPush(1);

        assertThat(run.status()).isEqualTo("ok");
        assertThat(run.itemsWritten()).isEqualTo(2);
        assertThat(run.itemsFailed()).isEqualTo(1);
        // [A, B] rejected, bisected: [A] goes, [B] alone is rejected; then [C]
        assertThat(storefront.stockCalls()).extracting(call -> call.stream().map(Storefront.StockItem::sku).toList())
                .containsExactly(List.of("A", "B"), List.of("A"), List.of("B"), List.of("C"));
        assertThat(deadLetters.list("PARKED", 10)).singleElement().satisfies(letter -> {
            assertThat(letter.entityKey()).isEqualTo("B");
            assertThat(letter.task()).isEqualTo("stock-push");
        });
        assertThat(states()).containsExactly(Map.entry("DEAD", 1L), Map.entry("SENT", 2L));
    }

    @Test
    void aStorefrontThatStaysDownGetsTheRowsBackEachRunUntilTheyAreParkedNeverDropped() {
        levels("A", "B");
        storefront.stockAnswer(items -> failure("storefront answered 503", true));

        RunHistory.Run first = runStockPush(1);

        assertThat(first.status()).isEqualTo("failed");
        assertThat(first.message()).contains("storefront answered 503");
        assertThat(changeLog.pending(EntityType.INVENTORY)).as("given back for the next run").isEqualTo(2);
        assertThat(deadLetters.list("PARKED", 10)).isEmpty();

        RunHistory.Run second = runStockPush(2);

        assertThat(second.status()).isEqualTo("failed");
        assertThat(changeLog.pending(EntityType.INVENTORY)).isZero();
        assertThat(deadLetters.list("PARKED", 10)).extracting(DeadLetters.DeadLetter::entityKey)
                .containsExactlyInAnyOrder("A", "B");
        assertThat(storefront.stockCalls()).hasSize(2);
    }

    /** Fires stock-push and waits until its {@code n}th run ended; returns that run. */
    private RunHistory.Run runStockPush(int n) {
        hub.trigger().fire("stock-push", Trigger.MANUAL);
        return hub.awaitEndedRuns("stock-push", n).get(n - 1);
    }

    private void levels(String... skus) {
        HubStock stock = beans.hubStock();
        List<HubStock.Level> levels = java.util.Arrays.stream(skus).map(sku -> new HubStock.Level(sku, "MAIN", 5)).toList();
        Tx.inTransaction(db, c -> stock.setLevels(c, levels, AutoSyncRules.CreatedBy.MANUAL));
    }

    private static StorefrontException failure(String message, boolean retryable) {
        return new StorefrontException(message, retryable ? 503 : 422, "{\"request\":1}", "{\"title\":\"" + message + "\"}",
                retryable, null, null);
    }

    /** The inventory rows of the change log, counted by state. */
    private Map<String, Long> states() {
        return Tx.read(db, c -> {
            Map<String, Long> states = new TreeMap<>();
            try (var rs = c.createStatement().executeQuery(
                    "SELECT state, COUNT(*) FROM change_log WHERE entity_type = 'inventory' GROUP BY state")) {
                while (rs.next()) {
                    states.put(rs.getString(1).toUpperCase(java.util.Locale.ROOT), rs.getLong(2));
                }
            }
            return states;
        });
    }
}
