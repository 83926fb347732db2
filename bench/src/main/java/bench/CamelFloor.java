package bench;

import org.apache.camel.main.Main;

/**
 * S5's raw baseline: the least a Camel Main on SyncHub's stack does before {@code /observe/health} answers UP — the
 * JVM, Camel Main, Vert.x platform-http, Camel's management server and health check, one route — and nothing of
 * SyncHub (no hub database, sandbox, routes or beans). Run from SyncHub's own jar, so the class path is the same.
 */
public final class CamelFloor {

    private CamelFloor() {
    }

    public static void main(String[] args) throws Exception {
        String port = args.length > 0 ? args[0] : "8080";
        Main main = new Main();
        // not SyncHub's application.properties from the jar: only what this floor needs
        main.setDefaultPropertyPlaceholderLocation("false");
        main.addInitialProperty("camel.main.name", "floor");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", port);
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.port", port);
        main.addInitialProperty("camel.management.health-check-enabled", "true");
        // one HTTP route, so a platform-http server and a route start as SyncHub's do (a lambda: no second class file)
        main.configure().addLambdaRouteBuilder(rb -> rb.from("platform-http:/ping").routeId("ping").setBody().constant("pong"));
        main.run();
    }

}
