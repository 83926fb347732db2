package routes.app;

import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterEach;

/**
 * A route test: Camel Main with only the task contract and the route files under test ({@link #routeFiles()}), the
 * beans of {@link #hub()}, and no application.properties; the hub is closed after each test.
 */
public abstract class RouteTestSupport extends CamelMainTestSupport {

    /** The beans the route files under test call. */
    protected abstract RouteTestHub hub();

    /** The route files under test, e.g. "images-check.yaml". */
    protected abstract String[] routeFiles();

    /** Loads the contract, the route files under test and the hub's beans; a test adding more calls this first. */
    @Override
    protected void configure(MainConfigurationProperties main) {
        hub().install(main, routeFiles());
    }

    @Override
    protected final String getPropertyPlaceholderLocations() {
        return RouteTestHub.NO_PROPERTIES;
    }

    @AfterEach
    final void closeHub() {
        hub().close();
    }
}
