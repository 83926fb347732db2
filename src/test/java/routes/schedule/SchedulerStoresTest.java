package routes.schedule;

import java.time.Instant;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import routes.platform.TestDatabases;
import routes.platform.Tx;

import static org.assertj.core.api.Assertions.assertThat;

/** The setting and task rows the scheduler keeps, on H2 and PostgreSQL hubs. */
class SchedulerStoresTest {

    static java.util.stream.Stream<TestDatabases.Kind> databases() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSettingIsInsertedOnceAndThenReplaced(TestDatabases.Kind kind) {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        try (HikariDataSource hub = TestDatabases.hub(kind)) {
            Optional<String> before = Tx.read(hub, c -> SettingStore.read(c, "default-schedule"));
            assertThat(before).isEmpty();
            Tx.inTransaction(hub, c -> {
                SettingStore.write(c, "default-schedule", "{\"type\":\"daily\",\"at\":\"00:00\"}", now);
                SettingStore.write(c, "default-schedule", "{\"type\":\"interval\",\"minutes\":5}", now);
                return null;
            });
            Optional<String> after = Tx.read(hub, c -> SettingStore.read(c, "default-schedule"));
            assertThat(after).contains("{\"type\":\"interval\",\"minutes\":5}");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTaskIsRegisteredOnceAndKeepsItsScheduleAndLastFire(TestDatabases.Kind kind) {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        try (HikariDataSource hub = TestDatabases.hub(kind)) {
            Tx.inTransaction(hub, c -> {
                TaskStore.register(c, "t-1", "scheduled", null, now);
                return TaskStore.setSchedule(c, "t-1", "{\"type\":\"default\"}", now);
            });
            // a restart registers every task again
            Tx.inTransaction(hub, c -> {
                TaskStore.register(c, "t-1", "as-needed", "t-0", now.plusSeconds(5));
                return TaskStore.setLastFire(c, "t-1", now.plusSeconds(60));
            });
            Optional<TaskStore.Stored> t1 = Tx.read(hub, c -> TaskStore.read(c, "t-1"));
            Optional<TaskStore.Stored> none = Tx.read(hub, c -> TaskStore.read(c, "nope"));
            assertThat(t1).contains(new TaskStore.Stored("t-1", "as-needed",
                    "{\"type\":\"default\"}", "t-0", now.plusSeconds(60)));
            assertThat(none).isEmpty();
        }
    }
}
