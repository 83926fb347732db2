package routes;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.main.Main;
import routes.platform.ConfigProblem;
import routes.platform.IdleMemory;

/** Starts SyncHub on Camel Main; all wiring lives in application.properties and {@code routes.app}. */
public final class SyncHub {

    private SyncHub() {
    }

    /**
     * Camel Main with SyncHub's wiring, named as Camel Main names wiring, by class name, so that the composition root
     * {@code routes.app} is imported by nothing: {@code HubBeans} as its configuration (no scan of the routes
     * package: that scan inflates every entry of the 35 MB jar, about 0.5 s at start, and would pick up any
     * RouteBuilder a test puts in the package) and {@code SyncHubStartup}, the listener that decides where routes come
     * from before Main loads them ({@code synchub.routes.dir} overrides) and installs the HTTP gate.
     */
    public static Main newMain() {
        Main main = new Main();
        main.configure().setConfigurationClasses(COMPOSITION_ROOT + ".HubBeans");
        main.configure().setMainListenerClasses(COMPOSITION_ROOT + ".SyncHubStartup");
        return main;
    }

    /** The package of SyncHub's composition root. */
    private static final String COMPOSITION_ROOT = "routes.app";

    public static void main(String[] args) {
        int exit;
        // an idle SyncHub gives back the heap its first sync grew (-XX:G1PeriodicGCInterval set by hand wins)
        IdleMemory.returnUnusedHeapWhenIdle();
        try {
            Main main = newMain();
            // Camel Main has no --key=value; SyncHub's own settings may be given that way (README, Configuration)
            List<String> camelArgs = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("--synchub.") && arg.contains("=")) {
                    main.addOverrideProperty(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else {
                    camelArgs.add(arg);
                }
            }
            exit = main.run(camelArgs.toArray(String[]::new));
        } catch (Exception e) {
            ConfigProblem problem = ConfigProblem.in(e);
            String routeFileError = ConfigProblem.routeFileError(e);
            // a configuration mistake is one line for the operator; anything else keeps its stack trace
            if (problem != null) {
                System.err.println("SyncHub cannot start: " + problem.getMessage());
            } else if (routeFileError != null) {
                System.err.println("SyncHub cannot start: " + routeFileError);
            } else {
                System.err.println("SyncHub cannot start: " + e);
                e.printStackTrace();
            }
            exit = 2;
        }
        System.exit(exit);
    }
}
