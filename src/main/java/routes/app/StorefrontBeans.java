package routes.app;

import java.net.BindException;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.support.service.ServiceHelper;
import routes.platform.ConfigProblem;
import routes.platform.Settings;
import routes.sandbox.SandboxStorefront;
import routes.storefront.BigCommerceClient;
import routes.storefront.BigCommerceHooks;
import routes.storefront.RateBudget;
import routes.storefront.RetryPolicy;
import routes.storefront.Sleeper;
import routes.storefront.Storefront;
import routes.storefront.StorefrontHooks;

/**
 * The storefront client with its retries and rate budget, bound as {@code storefront} and {@code rateBudget}: BigCommerce
 * ({@code synchub.storefront.base-url}, {@code .token}) or the sandbox storefront ({@code sandboxStorefront}); its
 * webhook subscriptions ({@code hooks}) go through the same client.
 */
record StorefrontBeans(Storefront storefront, RateBudget rateBudget, StorefrontHooks hooks) {

    static StorefrontBeans bind(HubFoundation hub, boolean sandbox, boolean simulate) {
        Settings settings = hub.settings();
        CamelContext context = hub.context();
        Duration timeout = Duration.ofMillis(settings.integer("synchub.storefront.timeout-ms", 15_000, 100, 600_000));
        // the sandbox is plain http on loopback: its client never loads the JDK's trust store
        HttpClient http = sandbox ? BigCommerceClient.plainHttpClient(timeout) : BigCommerceClient.pooledHttpClient(timeout);
        RetryPolicy retry = RetryPolicy.withFullJitter(settings.integer("synchub.storefront.retry.max-attempts", 4, 1, 20),
                Duration.ofMillis(settings.integer("synchub.storefront.retry.base-ms", 500, 0, 600_000)),
                Duration.ofMillis(settings.integer("synchub.storefront.retry.max-ms", 30_000, 0, 600_000)));
        RateBudget budget = new RateBudget(hub.clock(), Sleeper.REAL, settings.integer("synchub.storefront.rate.reserve", 10, 0, 10_000));
        context.getRegistry().bind("rateBudget", budget);
        BigCommerceClient storefront;
        if (!sandbox) {
            String base = settings.optional("synchub.storefront.base-url").orElseThrow(() -> new ConfigProblem(
                    "synchub.storefront.base-url", "not set, and the sandbox storefront is off",
                    "synchub.storefront.base-url=https://api.bigcommerce.com/stores/abc123"));
            String token = settings.optional("synchub.storefront.token").orElseThrow(() -> new ConfigProblem(
                    "synchub.storefront.token", "not set (use env SYNCHUB_STOREFRONT_TOKEN)", "SYNCHUB_STOREFRONT_TOKEN=<api token>"));
            storefront = new BigCommerceClient("bigcommerce", BigCommerceClient.Endpoints.of(base), token, http, timeout,
                    retry, budget, Sleeper.REAL);
        } else {
            // the sandbox's token is made up per start: no secret to configure, none to leak
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            SandboxStorefront peer = new SandboxStorefront("127.0.0.1", settings.integer("synchub.sandbox.storefront-port", 8081, 0, 65535),
                    token, hub.clock(), simulate,
                    Duration.ofMillis(settings.integer("synchub.sandbox.order-period-ms", 20_000, 100, 3_600_000)));
            addStartedService(context, peer);
            context.getRegistry().bind("sandboxStorefront", peer);
            storefront = new BigCommerceClient("bigcommerce:sandbox", BigCommerceClient.Endpoints.of(peer.baseUrl()), token, http,
                    timeout, retry, budget, Sleeper.REAL);
        }
        context.getRegistry().bind("storefront", storefront);
        return new StorefrontBeans(storefront, budget, new BigCommerceHooks(storefront));
    }

    private static void addStartedService(CamelContext context, Service service) {
        try {
            // started now (not with the context) so its port and data exist before the routes are built
            ServiceHelper.startService(service);
            context.addService(service, true);
        } catch (Exception e) {
            if (service instanceof SandboxStorefront && rootCause(e) instanceof BindException) {
                throw new ConfigProblem("synchub.sandbox.storefront-port", "the port is in use: " + rootCause(e).getMessage(),
                        "synchub.sandbox.storefront-port=8091");
            }
            throw new IllegalStateException("Starting " + service.getClass().getSimpleName() + " failed: " + e.getMessage(), e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
