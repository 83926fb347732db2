package routes.drift;

import java.time.Instant;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.platform.TestDatabases;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;

/** Table drift_item's rules on H2 and PostgreSQL: first-seen survives runs, a queued repair lasts until a push went out. */
class DriftStoreTest {

    private static final Instant T1 = Instant.parse("2026-12-01T03:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-02T03:00:00Z");
    private static final Instant T3 = Instant.parse("2026-12-02T09:00:00Z");
    private static final Instant T4 = Instant.parse("2026-12-03T03:00:00Z");

    @Test
    void kindsFollowTheLastPush() {
        assertThat(DriftKind.of(5, 5, 3)).isEmpty();
        assertThat(DriftKind.of(5, 7, 5)).contains(DriftKind.STORE_CHANGED);
        assertThat(DriftKind.of(6, 5, 5)).contains(DriftKind.HUB_AHEAD);
        assertThat(DriftKind.of(6, 5, null)).contains(DriftKind.NEVER_PUSHED);
    }

    @ParameterizedTest
    @MethodSource("routes.platform.TestDatabases#kinds")
    void firstSeenSurvivesRunsAndUnseenRowsAreForgotten(TestDatabases.Kind kind) {
        try (HikariDataSource hub = TestDatabases.hub(kind)) {
            Tx.inTransaction(hub, c -> { DriftStore.upsert(c, List.of(found("A", null), found("B", null)), 1, T1); return null; });
            Tx.inTransaction(hub, c -> { DriftStore.upsert(c, List.of(found("A", null)), 2, T2); return null; });
            int forgotten = Tx.inTransaction(hub, c -> DriftStore.forgetNotSeenIn(c, 2));
            assertThat(forgotten).isEqualTo(1);

            List<DriftStore.Item> items = Tx.read(hub, c -> DriftStore.page(c, 0, 10));
            assertThat(items).singleElement().satisfies(item -> {
                assertThat(item.sku()).isEqualTo("A");
                assertThat(item.firstSeenAt()).isEqualTo(T1);
                assertThat(item.seenAt()).isEqualTo(T2);
                assertThat(item.kind()).isEqualTo(DriftKind.STORE_CHANGED);
            });
        }
    }

    @ParameterizedTest
    @MethodSource("routes.platform.TestDatabases#kinds")
    void aQueuedRepairLastsUntilAPushWentOutAfterIt(TestDatabases.Kind kind) {
        try (HikariDataSource hub = TestDatabases.hub(kind)) {
            Tx.inTransaction(hub, c -> { DriftStore.upsert(c, List.of(found("A", T1), found("B", T1)), 1, T1); return null; });
            List<DriftStore.Item> rows = Tx.read(hub, c -> DriftStore.unrepairedAfter(c, "", "", 10));
            assertThat(rows).hasSize(2);
            Tx.inTransaction(hub, c -> { DriftStore.markRepaired(c, rows, List.of(10, 10), T3); return null; });
            assertThat(unrepaired(hub)).isEmpty();

            // A: still no push since the repair (its last push is older): stays queued; B: a push went out after it
            Tx.inTransaction(hub, c -> { DriftStore.upsert(c, List.of(found("A", T1), found("B", T4)), 2, T4); return null; });

            assertThat(unrepaired(hub)).extracting(DriftStore.Item::sku).containsExactly("B");
            List<DriftStore.Item> all = Tx.read(hub, c -> DriftStore.page(c, 0, 10));
            assertThat(all).filteredOn(i -> i.sku().equals("A"))
                    .singleElement().satisfies(a -> {
                        assertThat(a.repairQuantity()).isEqualTo(10);
                        assertThat(a.repairedAt()).isEqualTo(T3);
                    });
        }
    }

    private static List<DriftStore.Item> unrepaired(HikariDataSource hub) {
        return Tx.read(hub, c -> DriftStore.unrepairedAfter(c, "", "", 10));
    }

    private static DriftStore.Found found(String sku, Instant pushedAt) {
        return new DriftStore.Found(sku, "MAIN", 1, null, DriftKind.STORE_CHANGED, 10, 12, pushedAt == null ? null : 10,
                pushedAt, null);
    }
}
