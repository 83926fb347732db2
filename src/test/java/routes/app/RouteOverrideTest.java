package routes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import routes.task.TaskRunPolicy;
import routes.platform.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An integration engineer's route file replaces the built-in route of the same id, and reloads without a restart:
 * a plain route as well as an instance of the task template.
 */
class RouteOverrideTest {

    private static final String STOCK = """
            - route:
                id: stock
                group: scheduled
                description: %s
                routeConfigurationId: task-errors
                routePolicy: task
                from:
                  uri: "seda:stock"
                  parameters:
                    size: 1
                    concurrentConsumers: 1
                  steps:
                    - to: "bean:stockPull?method=pull"
            """;

    private static final String STOCK_FROM_TEMPLATE = """
            - templatedRoute:
                routeTemplateRef: task
                parameters:
                  - name: id
                    value: stock
                  - name: description
                    value: %s
                  - name: steps
                    value: |-
                      bean:stockPull?method=pull
                      bean:taskTrigger?method=fire(stock-push, follow-up)
            """;

    @Test
    void aTaskTemplateInstanceInTheRoutesDirReplacesTheBuiltInOneKeepsTheContractAndIsReloadedWhenEdited() throws Exception {
        Path dir = TestDatabases.tempDir();
        Path file = dir.resolve("stock.yaml");
        Files.writeString(file, STOCK_FROM_TEMPLATE.formatted("Stock from our ERP v1"));

        try (RunningSyncHub app = RunningSyncHub.start(Map.of("synchub.routes.dir", dir.toString(), "synchub.routes.reload", "true"))) {
            JsonNode stock = app.getJson("/api/v1/tasks/stock").path("task");
            assertThat(stock.path("description").asText()).isEqualTo("Stock from our ERP v1");
            assertThat(stock.path("kind").asText()).isEqualTo("scheduled");
            assertThat(stock.path("runnable").asBoolean()).isTrue();
            Route route = app.context().getRoute("stock");
            assertThat(route.getRoutePolicyList()).hasAtLeastOneElementOfType(TaskRunPolicy.class);
            assertThat(route.getEndpoint().getEndpointUri()).isEqualTo("seda://stock?concurrentConsumers=1&size=1");
            assertThat(route.getConfigurationId()).isEqualTo("task-errors");
            assertThat(route.getSourceLocation()).as("Camel 4.18 names the template's file, not the instance's")
                    .startsWith("classpath:routes/templates/task.yaml");

            Files.writeString(file, STOCK_FROM_TEMPLATE.formatted("Stock from our ERP v2"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(app.getJson("/api/v1/tasks/stock").path("task").path("description").asText())
                            .isEqualTo("Stock from our ERP v2"));
            assertThat(app.context().getRoute("stock").getRoutePolicyList()).hasAtLeastOneElementOfType(TaskRunPolicy.class);
            assertThat(app.getJson("/api/v1/tasks").findValuesAsText("id")).as("other routes stay").contains("stock-push", "items");
        }
    }

    /** Camel removes the old route before it adds the edited one: a broken edit leaves no task until it is fixed. */
    @Test
    void anEditThatBreaksTheTaskContractIsNotStartedAndTheFixedFileIs() throws Exception {
        Path dir = TestDatabases.tempDir();
        Path file = dir.resolve("stock.yaml");
        Files.writeString(file, STOCK.formatted("Stock from our ERP v1"));

        try (RunningSyncHub app = RunningSyncHub.start(Map.of("synchub.routes.dir", dir.toString(), "synchub.routes.reload", "true"))) {
            Files.writeString(file, STOCK.formatted("Stock from our ERP v2").replace("    routePolicy: task\n", ""));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(app.get("/api/v1/tasks/stock").statusCode()).isEqualTo(404));
            assertThat(app.context().getRoute("stock")).as("never runs without its policy").isNull();

            Files.writeString(file, STOCK.formatted("Stock from our ERP v3"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(app.getJson("/api/v1/tasks/stock").path("task").path("description").asText())
                            .isEqualTo("Stock from our ERP v3"));
        }
    }

    @Test
    void aRouteInTheRoutesDirReplacesTheBuiltInOneAndIsReloadedWhenEdited() throws Exception {
        Path dir = TestDatabases.tempDir();
        Path file = dir.resolve("stock.yaml");
        Files.writeString(file, STOCK.formatted("Stock from our ERP v1"));

        try (RunningSyncHub app = RunningSyncHub.start(Map.of("synchub.routes.dir", dir.toString(), "synchub.routes.reload", "true"))) {
            assertThat(app.getJson("/api/v1/tasks/stock").path("task").path("description").asText()).isEqualTo("Stock from our ERP v1");
            assertThat(app.getJson("/api/v1/tasks").findValuesAsText("id")).contains("stock-push", "stock");

            Files.writeString(file, STOCK.formatted("Stock from our ERP v2"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(app.getJson("/api/v1/tasks/stock").path("task").path("description").asText())
                            .isEqualTo("Stock from our ERP v2"));
            assertThat(app.getJson("/api/v1/tasks").findValuesAsText("id")).as("other routes stay").contains("stock-push");
        }
    }
}
