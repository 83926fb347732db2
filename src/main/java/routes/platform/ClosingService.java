package routes.platform;

import org.apache.camel.support.service.ServiceSupport;

/** Closes a resource (a connection pool) when Camel stops, after the routes that use it. */
public final class ClosingService extends ServiceSupport {

    private final AutoCloseable resource;

    public ClosingService(AutoCloseable resource) {
        this.resource = resource;
    }

    @Override
    protected void doStop() throws Exception {
        resource.close();
    }
}
