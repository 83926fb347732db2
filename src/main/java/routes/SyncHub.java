package routes;

import org.apache.camel.main.Main;

/** Starts SyncHub on Camel Main; all wiring lives in application.properties and {@code routes.hub}. */
public final class SyncHub {

    private SyncHub() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(SyncHub.class);
        System.exit(main.run(args));
    }
}
