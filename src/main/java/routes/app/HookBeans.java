package routes.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.hooks.CallbackSignature;
import routes.hooks.HookHeader;
import routes.hooks.HookHealth;
import routes.hooks.HookRegistration;
import routes.hooks.StorefrontCallbacks;
import routes.platform.ConfigProblem;
import routes.platform.Settings;
import routes.task.Trigger;

/**
 * BigCommerce's own webhooks: the receiver ({@code storefrontCallbacks}), the hook registration and task
 * {@code hook-health} ({@code hookHealth}), run once as soon as SyncHub has started when a webhook URL is set. With the
 * sandbox storefront the URL defaults to this SyncHub's own receiver and the header's secret is made up per start.
 */
final class HookBeans {

    private static final Logger LOG = LoggerFactory.getLogger(HookBeans.class);
    static final String SECRET_FILE = "synchub.storefront.hook-secret-file";
    static final String TASK = "hook-health";

    private HookBeans() {
    }

    static void bind(HubFoundation hub, StorefrontBeans storefront, ChangeLogBeans changes, TaskBeans tasks, boolean sandbox)
            throws Exception {
        Settings settings = hub.settings();
        Registry registry = hub.registry();
        Optional<String> configuredUrl = settings.optional(HookRegistration.SETTING).filter(u -> !u.isBlank());
        String url = configuredUrl.orElse(sandbox ? "http://127.0.0.1:" + settings.string("synchub.http.port", "8080")
                + "/webhooks/bigcommerce" : null);
        if (url != null) {
            requireHttpUrl(url);
        }
        HookHeader header = header(settings, sandbox && configuredUrl.isEmpty());
        if (url != null && header == null) {
            throw new ConfigProblem(HookHeader.SETTING, "not set, and " + HookRegistration.SETTING + " is: the hooks need"
                    + " the secret of their custom header " + HookHeader.NAME + " (env SYNCHUB_STOREFRONT_HOOK_SECRET, or "
                    + SECRET_FILE + ")", "SYNCHUB_STOREFRONT_HOOK_SECRET=<at least " + HookHeader.MIN_CHARS + " random characters>");
        }
        CallbackSignature signature = settings.optional(CallbackSignature.SETTING).filter(s -> !s.isBlank())
                .map(secret -> new CallbackSignature(secret, hub.clock())).orElse(null);
        registry.bind("storefrontCallbacks", new StorefrontCallbacks(header, signature, hub.hub(), tasks.trigger(), hub.clock()));
        HookRegistration registration = new HookRegistration(storefront.hooks(), hub.hub(), hub.clock(), url, header);
        registry.bind("hookHealth", new HookHealth(registration, hub.hub(), changes.watermarks(), tasks.trigger(), hub.clock()));
        if (!registration.configured()) {
            LOG.info("BigCommerce webhooks: not registered ({} is not set)", HookRegistration.SETTING);
            return;
        }
        LOG.info("BigCommerce webhooks: registered at start to {} (task {} keeps them active)", url, TASK);
        hub.context().addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                // a run of the task, not a call in line: a storefront that is down delays nothing and shows as a failed run
                if (context.getRoute(TASK) != null) {
                    tasks.trigger().fire(TASK, Trigger.EVENT);
                }
            }
        });
    }

    /** The custom header's secret: the setting, else the file it names, else (sandbox) one made up now; or null. */
    private static HookHeader header(Settings settings, boolean madeUp) {
        Optional<String> secret = settings.optional(HookHeader.SETTING).filter(s -> !s.isBlank());
        if (secret.isEmpty()) {
            secret = settings.optional(SECRET_FILE).filter(f -> !f.isBlank()).map(HookBeans::readSecretFile);
        }
        if (secret.isEmpty() && madeUp) {
            secret = Optional.of(HexFormat.of().formatHex(new SecureRandom().generateSeed(24)));
        }
        if (secret.isEmpty()) {
            return null;
        }
        if (secret.get().strip().length() < HookHeader.MIN_CHARS) {
            throw new ConfigProblem(HookHeader.SETTING, "shorter than " + HookHeader.MIN_CHARS + " characters",
                    "SYNCHUB_STOREFRONT_HOOK_SECRET=<at least " + HookHeader.MIN_CHARS + " random characters>");
        }
        return new HookHeader(secret.get());
    }

    private static String readSecretFile(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new ConfigProblem(SECRET_FILE, "cannot read '" + file + "': " + e.getMessage(), SECRET_FILE + "=/run/secrets/synchub-hook-secret");
        }
    }

    private static void requireHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigProblem(HookRegistration.SETTING, "'" + url + "' is not an http(s) URL",
                HookRegistration.SETTING + "=https://synchub.example.com/webhooks/bigcommerce");
    }
}
