package routes.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.platform.TestDatabases;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;
import static routes.platform.Times.utc;

class ChangeLogTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    static java.util.stream.Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void claimTakesPendingRowsOldestFirstAndFinishMarksThem(TestDatabases.Kind kind) {
        try (HikariDataSource hub = TestDatabases.hub(kind)) {
            ChangeLog log = new ChangeLog(hub, clock, Duration.ofMinutes(5), "node-a");
            append(hub, log, Change.stock("A-1", "MAIN", 5, "manual"), Change.stock("A-2", "MAIN", 6, "manual"),
                    Change.stock("A-1", "MAIN", 7, "manual"));

            List<ChangeLog.Claimed> claimed = log.claim(EntityType.INVENTORY, 10);

            assertThat(claimed).extracting(ChangeLog.Claimed::entityKey).containsExactly("A-1", "A-2", "A-1");
            assertThat(log.claim(EntityType.INVENTORY, 10)).as("claimed rows are not claimed twice").isEmpty();
            Tx.inTransaction(hub, c -> {
                log.finish(c, List.of(claimed.get(1).id(), claimed.get(2).id()), List.of(claimed.get(0).id()));
                return null;
            });
            assertThat(states(hub)).containsExactly("SUPERSEDED", "SENT", "SENT");
            assertThat(log.pending(EntityType.INVENTORY)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pausedTypeHoldsUpdatesButNeverDeletes(TestDatabases.Kind kind) {
        try (HikariDataSource hub = TestDatabases.hub(kind)) {
            ChangeLog log = new ChangeLog(hub, clock, Duration.ofMinutes(5), "node-a");
            pause(hub, EntityType.PRODUCTS);
            append(hub, log, new Change(EntityType.PRODUCTS, "P-1", "", Change.Operation.UPSERT, "{}", "manual"),
                    new Change(EntityType.PRODUCTS, "P-2", "", Change.Operation.DELETE, "{}", "manual"));

            List<ChangeLog.Claimed> claimed = log.claim(EntityType.PRODUCTS, 10);

            assertThat(claimed).extracting(ChangeLog.Claimed::entityKey).containsExactly("P-2");
            assertThat(log.pending(EntityType.PRODUCTS)).as("the held update still counts").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClaimWhoseNodeDiedIsTakenAgainAfterItsLease(TestDatabases.Kind kind) {
        try (HikariDataSource hub = TestDatabases.hub(kind)) {
            ChangeLog first = new ChangeLog(hub, clock, Duration.ofMinutes(5), "node-a");
            append(hub, first, Change.stock("A-1", "MAIN", 5, "manual"));
            assertThat(first.claim(EntityType.INVENTORY, 10)).hasSize(1);

            Clock later = Clock.offset(clock, Duration.ofMinutes(6));
            ChangeLog second = new ChangeLog(hub, later, Duration.ofMinutes(5), "node-b");

            assertThat(second.claim(EntityType.INVENTORY, 10)).extracting(ChangeLog.Claimed::entityKey).containsExactly("A-1");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void failedRowsGoBackUntilTheirAttemptsRunOut(TestDatabases.Kind kind) {
        try (HikariDataSource hub = TestDatabases.hub(kind)) {
            ChangeLog log = new ChangeLog(hub, clock, Duration.ofMinutes(5), "node-a");
            append(hub, log, Change.stock("A-1", "MAIN", 5, "manual"));
            for (int attempt = 1; attempt <= 3; attempt++) {
                List<ChangeLog.Claimed> rows = log.claim(EntityType.INVENTORY, 10);
                assertThat(rows).hasSize(1);
                List<Long> dead = Tx.inTransaction(hub, c -> log.fail(c, rows, "503 from storefront", 3));
                assertThat(dead).hasSize(attempt == 3 ? 1 : 0);
            }
            assertThat(log.claim(EntityType.INVENTORY, 10)).isEmpty();
            assertThat(states(hub)).containsExactly("DEAD");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoNodesClaimingAtOnceNeverGetTheSameRow(TestDatabases.Kind kind) throws Exception {
        try (HikariDataSource hub = TestDatabases.hub(kind)) {
            ChangeLog a = new ChangeLog(hub, clock, Duration.ofMinutes(5), "node-a");
            ChangeLog b = new ChangeLog(hub, clock, Duration.ofMinutes(5), "node-b");
            for (int i = 0; i < 200; i++) {
                append(hub, a, Change.stock("S-" + i, "MAIN", i, "manual"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            Future<List<Long>> fa = pool.submit(() -> claimAll(a, go));
            Future<List<Long>> fb = pool.submit(() -> claimAll(b, go));
            go.countDown();
            List<Long> ida = fa.get(30, TimeUnit.SECONDS);
            List<Long> idb = fb.get(30, TimeUnit.SECONDS);
            pool.shutdown();

            // one node may well take every row; what must never happen is a row taken by both
            List<Long> both = new java.util.ArrayList<>(ida);
            both.retainAll(idb);
            assertThat(both).isEmpty();
            assertThat(ida.size() + idb.size()).isEqualTo(200);
        }
    }

    private static List<Long> claimAll(ChangeLog log, CountDownLatch go) throws InterruptedException {
        go.await();
        List<Long> ids = new java.util.ArrayList<>();
        List<ChangeLog.Claimed> batch;
        while (!(batch = log.claim(EntityType.INVENTORY, 7)).isEmpty()) {
            batch.forEach(r -> ids.add(r.id()));
        }
        return ids;
    }

    private static void append(HikariDataSource hub, ChangeLog log, Change... changes) {
        Tx.inTransaction(hub, c -> {
            for (Change change : changes) {
                log.append(c, change);
            }
            return null;
        });
    }

    private void pause(HikariDataSource hub, EntityType type) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO pause_switch (entity_type, paused, changed_at) VALUES (?, TRUE, ?)")) {
                ps.setString(1, type.column());
                ps.setObject(2, utc(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }

    static List<String> states(HikariDataSource hub) {
        return Tx.read(hub, (Connection c) -> {
            List<String> out = new java.util.ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT state FROM change_log ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
