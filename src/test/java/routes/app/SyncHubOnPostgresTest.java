package routes.app;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.platform.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The same first sync with the hub DB on PostgreSQL (synchub.db.url), in a fresh schema. */
class SyncHubOnPostgresTest {

    @Test
    void theFirstStockSyncRunsWithTheHubOnPostgres() throws Exception {
        TestDatabases.requirePostgres();
        String schema = "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (RunningSyncHub app = RunningSyncHub.start(Map.of(
                "synchub.db.url", TestDatabases.PG_URL,
                "synchub.db.user", TestDatabases.PG_USER,
                "synchub.db.schema", schema))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode runs = app.getJson("/api/v1/runs?task=stock-push&status=ok");
                assertThat(runs).anySatisfy(run -> assertThat(run.path("itemsWritten").asInt()).isEqualTo(800));
            });
            assertThat(app.get("/observe/health").body()).contains("UP");
        }
    }
}
