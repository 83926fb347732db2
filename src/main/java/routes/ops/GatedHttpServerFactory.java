package routes.ops;

import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;

/**
 * Camel Main's HTTP servers (the admin port and, when on its own port, the management one) with {@link HttpGate}
 * as the first handler of every path. Camel Main looks a {@link MainHttpServerFactory} up in the registry before it
 * uses its own, and platform-http installs the handlers of its authentication configuration on the router before the
 * server listens: so no request, not even the first, reaches a route or health without passing the gate.
 */
public final class GatedHttpServerFactory implements MainHttpServerFactory, CamelContextAware {

    private final DefaultMainHttpServerFactory camel = new DefaultMainHttpServerFactory();
    private final Function<CamelContext, HttpGate> gate;
    private CamelContext context;
    private HttpGate made;

    /** {@code gate} is made once the context is known (it reads the context's routes). */
    public GatedHttpServerFactory(Function<CamelContext, HttpGate> gate) {
        this.gate = gate;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
        camel.setCamelContext(context);
    }

    @Override
    public Service newHttpServer(CamelContext camelContext, HttpServerConfigurationProperties configuration) {
        Service server = camel.newHttpServer(camelContext, configuration);
        guard(((MainHttpServer) server).getConfiguration(), camelContext);
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext camelContext, HttpManagementServerConfigurationProperties configuration) {
        Service server = camel.newHttpManagementServer(camelContext, configuration);
        // used only when management has a port of its own; on the admin port it shares that server and its gate
        guard(((ManagementHttpServer) server).getConfiguration(), camelContext);
        return server;
    }

    private void guard(VertxPlatformHttpServerConfiguration configuration, CamelContext camelContext) {
        if (configuration.getAuthenticationConfig().isEnabled()) {
            throw new IllegalStateException("camel.server/camel.management authentication is set: SyncHub's admin "
                    + "token (synchub.admin.token) guards the port; remove the camel.*.authentication* settings");
        }
        if (made == null) {
            made = gate.apply(camelContext);
        }
        HttpGate handler = made;
        AuthenticationConfigEntry entry = new AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider> io.vertx.ext.web.handler.AuthenticationHandler
                    createAuthenticationHandler(T provider) {
                return handler;
            }
        });
        AuthenticationConfig auth = configuration.getAuthenticationConfig();
        auth.getEntries().add(entry);
        auth.setEnabled(true);
    }
}
