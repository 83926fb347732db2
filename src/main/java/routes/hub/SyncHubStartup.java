package routes.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PackageScanResourceResolver;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before Camel Main loads any route, where routes come from: the built-in ones on the classpath and an
 * optional directory ({@code synchub.routes.dir}) whose files replace built-in routes of the same name (the file
 * name is the route id), hot-reloaded when {@code synchub.routes.reload=true}.
 */
public class SyncHubStartup extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SyncHubStartup.class);
    static final String BUILT_IN = "classpath:routes/*.yaml,classpath:routes/*.xml,classpath:routes/config/*.yaml,"
            + "classpath:routes/rest/*.yaml";

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        Settings settings = new Settings(main.getCamelContext());
        MainConfigurationProperties config = main.configure();
        List<String> include = new ArrayList<>();
        List<String> overridden = new ArrayList<>();
        settings.optional("synchub.routes.dir").ifPresent(dir -> {
            Path path = Path.of(dir).toAbsolutePath().normalize();
            if (!Files.isDirectory(path)) {
                throw new ConfigProblem("synchub.routes.dir", "'" + dir + "' is not a directory", "synchub.routes.dir=/etc/synchub/routes");
            }
            for (String override : routeFiles(path)) {
                String id = override.substring(0, override.lastIndexOf('.'));
                overridden.add(id);
                LOG.info("Route {} comes from {}", id, path.resolve(override));
            }
            include.add("file:" + path + "/*.yaml");
            include.add("file:" + path + "/*.xml");
            if (settings.bool("synchub.routes.reload", false)) {
                config.setRoutesReloadEnabled(true);
                config.setRoutesReloadDirectory(path.toString());
                config.setRoutesReloadPattern("*.yaml,*.xml");
                // only the changed file's routes are replaced; the built-in ones stay
                config.setRoutesReloadRemoveAllRoutes(false);
                LOG.info("Watching {} for route changes", path);
            }
        });
        include.addAll(0, builtInRoutes(main.getCamelContext(), overridden));
        config.setRoutesIncludePattern(String.join(",", include));
        bindAdminPort(settings, config);
    }

    /** With no admin token, the admin port answers on loopback only (ADMIN-API.md). */
    private static void bindAdminPort(Settings settings, MainConfigurationProperties config) {
        if (settings.optional("synchub.admin.token").isPresent()) {
            config.httpServer().setHost("0.0.0.0");
            config.httpManagementServer().setHost("0.0.0.0");
            LOG.info("Admin API needs the bearer token (synchub.admin.token); listening on all interfaces");
        } else {
            config.httpServer().setHost("127.0.0.1");
            config.httpManagementServer().setHost("127.0.0.1");
            LOG.warn("No synchub.admin.token set: the admin API is open, so it listens on 127.0.0.1 only");
        }
    }

    /** The built-in route files, one by one, less those an override replaces (file name = route id). */
    private static List<String> builtInRoutes(CamelContext context, List<String> overridden) {
        PackageScanResourceResolver resolver = PluginHelper.getPackageScanResourceResolver(context);
        List<String> files = new ArrayList<>();
        for (String pattern : BUILT_IN.split(",")) {
            try {
                for (Resource resource : resolver.findResources(pattern)) {
                    String location = resource.getLocation();
                    String name = location.substring(location.lastIndexOf('/') + 1);
                    String id = name.substring(0, name.lastIndexOf('.'));
                    if (!overridden.contains(id)) {
                        files.add("classpath:" + location.substring(location.indexOf("routes/")));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("Listing built-in routes " + pattern + " failed: " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static List<String> routeFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".xml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigProblem("synchub.routes.dir", "cannot list '" + dir + "': " + e.getMessage(), "synchub.routes.dir=/etc/synchub/routes");
        }
    }
}
