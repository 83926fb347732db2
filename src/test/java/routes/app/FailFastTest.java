package routes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import routes.SyncHub;
import routes.platform.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad configuration stops SyncHub at start with one line that names the key (or file and line): a real JVM each. */
class FailFastTest {

    /** What a forked SyncHub printed and returned. */
    record Outcome(int exit, List<String> stderr, String stdout, Path file) {
        Outcome(int exit, List<String> stderr, String stdout) {
            this(exit, stderr, stdout, null);
        }
    }

    @Test
    void anUnreachableDatabaseNamesTheKeyInOneLine() throws Exception {
        Outcome out = start("-Dsynchub.db.url=jdbc:postgresql://127.0.0.1:1/synchub");

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .startsWith("SyncHub cannot start: synchub.db.url: cannot connect to jdbc:postgresql://127.0.0.1:1/synchub")
                .contains("example:");
    }

    @Test
    void aWebhookUrlWithoutAHookSecretNamesTheSecretsKey() throws Exception {
        Outcome out = start("-Dsynchub.storefront.base-url=http://127.0.0.1:1/stores/abc", "-Dsynchub.storefront.token=t",
                "-Dsynchub.storefront.webhook-url=https://synchub.example.com/webhooks/bigcommerce");

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .startsWith("SyncHub cannot start: synchub.storefront.hook-secret: not set, and synchub.storefront.webhook-url is")
                .contains("example: SYNCHUB_STOREFRONT_HOOK_SECRET=");
    }

    @Test
    void anUnknownScheduleTypeNamesTheKeyAndTheField() throws Exception {
        Outcome out = start("-Dsynchub.task.stock.schedule={\"type\":\"weekly\"}");

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .startsWith("SyncHub cannot start: synchub.task.stock.schedule:")
                .contains("type").contains("weekly");
    }

    @Test
    void aRouteFileWithAYamlErrorNamesTheFileAndLine() throws Exception {
        Path routes = TestDatabases.tempDir();
        Files.writeString(routes.resolve("stock.yaml"), """
                - route:
                    id: stock
                    from:
                      uri: "seda:stock"
                      steps:
                        - to: "bean:stockPull?method=pull"
                       - bad indentation here
                """);

        Outcome out = start("-Dsynchub.routes.dir=" + routes);

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .startsWith("SyncHub cannot start: ")
                .contains(routes.resolve("stock.yaml").toString())
                .contains("line 7");
    }

    /** stock.yaml as an integration engineer might rewrite it: {@code %s} is where the three tests below differ. */
    private static final String STOCK = """
            - route:
                id: %s
                group: scheduled
                description: Stock from our ERP
                routeConfigurationId: task-errors
            %s    from:
                  uri: "seda:stock"
                  parameters:
                    size: %d
                    concurrentConsumers: 1
                  steps:
                    - to: "bean:stockPull?method=pull"
            """;

    @Test
    void aTaskRouteFileWithoutTheTaskPolicyNamesTheFileAndTheRule() throws Exception {
        Outcome out = startWithStockOverride(STOCK.formatted("stock", "", 1));

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .startsWith("SyncHub cannot start: " + out.file() + ": task stock has no task route policy")
                .contains("fix: add routePolicy: task");
    }

    @Test
    void aTaskRouteFileWithAnotherQueueNamesTheFileAndTheRule() throws Exception {
        Outcome out = startWithStockOverride(STOCK.formatted("stock", "    routePolicy: task\n", 10));

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .startsWith("SyncHub cannot start: " + out.file() + ": task stock consumes seda://stock with a queue of 10")
                .contains("not its queue seda:stock?size=1 with one consumer");
    }

    @Test
    void aTaskRouteFileWhoseIdIsNotItsFileNameNamesTheFileAndTheRule() throws Exception {
        Outcome out = startWithStockOverride(STOCK.formatted("stock-from-erp", "    routePolicy: task\n", 1));

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .startsWith("SyncHub cannot start: " + out.file() + ": task route id 'stock-from-erp' is not its file name")
                .contains("fix: rename the file to stock-from-erp.yaml, or set the route id to stock");
    }

    @Test
    void aTaskTemplateInstanceWhoseIdIsNotItsFileNameNamesTheFileAndTheRule() throws Exception {
        Outcome out = startWithStockOverride("""
                - templatedRoute:
                    routeTemplateRef: task
                    parameters:
                      - name: id
                        value: stock-from-erp
                      - name: description
                        value: Stock from our ERP
                      - name: steps
                        value: "bean:stockPull?method=pull"
                """);

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .startsWith("SyncHub cannot start: " + out.file() + ": task route id 'stock-from-erp' is not its file name");
    }

    @Test
    void aCheckInstanceStillNamingTheOldBeanParameterNamesTheFileAndTheRename() throws Exception {
        Outcome out = startWithOverride("orders-in.yaml", """
                - templatedRoute:
                    routeTemplateRef: check
                    parameters:
                      - {name: id, value: orders-in}
                      - {name: description, value: "Storefront orders into the hub"}
                      - {name: bean, value: "ordersIn?method=pull"}
                      - {name: next, value: orders-out}
                """);

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .startsWith("SyncHub cannot start: " + out.file() + ": route template check has no parameter 'bean'")
                .contains("fix: parameter bean is now count, an endpoint URI: write - {name: count, value: \"bean:ordersIn?method=pull\"}");
    }

    private static Outcome startWithStockOverride(String route) throws Exception {
        return startWithOverride("stock.yaml", route);
    }

    private static Outcome startWithOverride(String name, String route) throws Exception {
        Path routes = TestDatabases.tempDir();
        Path file = routes.resolve(name);
        Files.writeString(file, route);
        Outcome out = start("-Dsynchub.routes.dir=" + routes);
        return new Outcome(out.exit(), out.stderr(), out.stdout(), file.toAbsolutePath().normalize());
    }

    @Test
    void aMissingRoutesDirectoryNamesTheKey() throws Exception {
        Outcome out = start("-Dsynchub.routes.dir=/nonexistent/synchub-routes");

        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.stderr()).singleElement().asString()
                .isEqualTo("SyncHub cannot start: synchub.routes.dir: '/nonexistent/synchub-routes' is not a directory"
                        + " (example: synchub.routes.dir=/etc/synchub/routes)");
    }

    static Outcome start(String... settings) throws IOException, InterruptedException {
        Path dataDir = TestDatabases.tempDir();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dsynchub.data-dir=" + dataDir);
        command.add("-Dsynchub.http.port=0");
        command.add("-Dsynchub.sandbox.storefront-port=0");
        command.add("-Dsynchub.sandbox.simulate=false");
        command.addAll(List.of(settings));
        command.add(SyncHub.class.getName());
        Path stderr = dataDir.resolve("stderr.txt");
        Path stdout = dataDir.resolve("stdout.txt");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("SyncHub did not stop within 60 s; stdout: " + Files.readString(stdout));
        }
        List<String> errLines = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        return new Outcome(process.exitValue(), errLines, Files.readString(stdout));
    }
}
