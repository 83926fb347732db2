package routes.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import routes.app.ForkedSyncHub;
import routes.app.RunningSyncHub;
import routes.platform.TestDatabases;
import routes.sandbox.SandboxStorefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Ops over a real remote JMX connector (RMI on a loopback port, password file), read back over REST: the MBeans and
 * the admin API are two doors to the same services. Suspending a task's route through Camel's own route MBean
 * keeps held changes where they are.
 */
class JmxRemoteTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void scheduleRunPauseAndResumeOverJmxShowThroughRest() throws Exception {
        Path dir = TestDatabases.tempDir();
        Path password = dir.resolve("jmxremote.password");
        Path access = dir.resolve("jmxremote.access");
        Files.writeString(password, "ops jmx-test-password\n");
        Files.writeString(access, "ops readwrite\n");
        // the JDK refuses a password file others can read
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        int jmxPort = RunningSyncHub.freePort();
        SandboxStorefront store = new SandboxStorefront("127.0.0.1", 0, "jmx-test-token", Clock.systemUTC(), false, Duration.ofHours(1));
        store.start();
        try (ForkedSyncHub hub = ForkedSyncHub.start(TestDatabases.tempDir(), List.of(
                        "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.ssl=false",
                        "-Dcom.sun.management.jmxremote.authenticate=true",
                        "-Dcom.sun.management.jmxremote.password.file=" + password,
                        "-Dcom.sun.management.jmxremote.access.file=" + access),
                Map.of("synchub.storefront.base-url", store.baseUrl(), "synchub.storefront.token", "jmx-test-token"));
             JMXConnector connector = JMXConnectorFactory.connect(
                     new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"),
                     Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "jmx-test-password"}))) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            // idle memory (IdleMemory): SyncHub set G1's periodic collection and tighter free-heap bounds at start
            com.sun.management.HotSpotDiagnosticMXBean hotSpot = java.lang.management.ManagementFactory.newPlatformMXBeanProxy(
                    jmx, "com.sun.management:type=HotSpotDiagnostic", com.sun.management.HotSpotDiagnosticMXBean.class);
            // (only on G1, the JVM's choice on a machine of 2+ cores and 2+ GiB; on another collector nothing is changed)
            boolean g1 = "true".equals(hotSpot.getVMOption("UseG1GC").getValue());
            assertThat(hotSpot.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo(g1 ? "10000" : "0");
            assertThat(hotSpot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(g1 ? "10" : "40");
            assertThat(hotSpot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(g1 ? "30" : "70");
            ObjectName stock = new ObjectName("synchub:type=tasks,name=stock");
            ObjectName inventory = new ObjectName("synchub:type=pauses,name=inventory");
            await().atMost(Duration.ofSeconds(30)).until(() -> jmx.isRegistered(stock));
            // the first stock sync first: a daily schedule set before it ran would hold it until 03:30
            await().atMost(Duration.ofSeconds(90)).until(() -> store.inventoryItemsReceived() >= 800);

            // schedule: JMX -> REST
            jmx.invoke(stock, "setSchedule", new Object[] {"{\"type\":\"daily\",\"at\":\"03:30\"}"}, new String[] {String.class.getName()});
            assertThat(rest(hub, "/api/v1/tasks/stock").path("task").path("schedule").asText()).isEqualTo("daily at 03:30");
            assertThat(jmx.getAttribute(stock, "Schedule")).isEqualTo("daily at 03:30");
            assertThatThrownBy(() -> jmx.invoke(stock, "setSchedule", new Object[] {"{\"type\":\"interval\",\"minutes\":0}"},
                    new String[] {String.class.getName()})).hasStackTraceContaining("minutes");

            // the new schedule fires nothing missed, and the first scheduler tick may come after it: run stock once so
            // the storefront gets its 800 levels whichever came first (failed every time here before, at a8f9f85 too)
            jmx.invoke(stock, "runNow", null, null);
            // pause inventory over JMX; changes are held, REST agrees; resume sends them
            jmx.invoke(inventory, "pause", null, null);
            assertThat(pauseOf(hub, "inventory").path("paused").asBoolean()).isTrue();
            for (int i = 1; i <= 5; i++) {
                hub.send("POST", "/api/v1/stock/adjustments",
                        "{\"sku\":\"SBX-00" + i + "-R1\",\"quantity\":" + (500 + i) + ",\"mode\":\"absolute\",\"location\":\"MAIN\"}");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> (Long) jmx.getAttribute(inventory, "HeldChanges") == 5L);
            assertThat(pauseOf(hub, "inventory").path("heldChanges").asLong()).isEqualTo(5);

            // suspending stock-push through Camel's own route MBean flushes nothing
            ObjectName camelRoute = jmx.queryNames(new ObjectName("org.apache.camel:type=routes,name=\"stock-push\",*"), null)
                    .iterator().next();
            jmx.invoke(camelRoute, "suspend", null, null);
            assertThat(pauseOf(hub, "inventory").path("heldChanges").asLong()).isEqualTo(5);
            assertThat(rest(hub, "/api/v1/tasks/stock-push").path("task").path("state").asText()).isEqualTo("paused");
            jmx.invoke(camelRoute, "resume", null, null);
            assertThat(store.quantity("SBX-001-R1", 1)).isNotEqualTo(501);

            jmx.invoke(inventory, "resume", null, null);
            assertThat(pauseOf(hub, "inventory").path("paused").asBoolean()).isFalse();
            // a type no push sends yet refuses with the reason, as REST's 409 does
            ObjectName catalogs = new ObjectName("synchub:type=pauses,name=catalogs");
            assertThatThrownBy(() -> jmx.invoke(catalogs, "pause", null, null)).hasStackTraceContaining("no push for catalogs yet");
            assertThat(pauseOf(hub, "catalogs").path("paused").asBoolean()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(505).equals(store.quantity("SBX-005-R1", 1)));
            assertThat(store.quantity("SBX-001-R1", 1)).isEqualTo(501);

            // run now and task pause over JMX, seen through REST
            long runId = (Long) jmx.invoke(stock, "runNow", null, null);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "ok".equals(rest(hub, "/api/v1/runs/" + runId).path("run").path("status").asText()));
            jmx.invoke(stock, "pause", null, null);
            assertThat(rest(hub, "/api/v1/tasks/stock").path("task").path("state").asText()).isEqualTo("paused");
            assertThat(jmx.getAttribute(stock, "State")).isEqualTo("paused");
            jmx.invoke(stock, "resume", null, null);
            assertThat(rest(hub, "/api/v1/tasks/stock").path("task").path("state").asText()).isNotEqualTo("paused");
            assertThat(jmx.getAttribute(stock, "LastRun").toString()).contains("run " + runId);
            assertThat(jmx.isRegistered(new ObjectName("synchub:type=tasks,name=stock-push"))).isTrue();
            // ScheduleJson is read-only: schedules change through setSchedule, which validates
            assertThatThrownBy(() -> jmx.setAttribute(stock, new Attribute("ScheduleJson", "x")))
                    .isInstanceOf(javax.management.AttributeNotFoundException.class);
        } finally {
            store.stop();
        }
    }

    private JsonNode rest(ForkedSyncHub hub, String path) throws Exception {
        return json.readTree(hub.send("GET", path, null).body());
    }

    private JsonNode pauseOf(ForkedSyncHub hub, String type) throws Exception {
        for (JsonNode p : rest(hub, "/api/v1/pauses")) {
            if (type.equals(p.path("entityType").asText())) {
                return p;
            }
        }
        throw new AssertionError("no pause entry for " + type);
    }
}
