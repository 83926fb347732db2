package routes.app;

import java.io.IOException;
import java.nio.file.Files;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.apache.camel.spi.PackageScanResourceResolver;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.ops.GatedHttpServerFactory;
import routes.ops.HttpAccess;
import routes.ops.HttpGate;
import routes.ops.PublicRoutes;
import routes.platform.ConfigProblem;
import routes.platform.Settings;

/**
 * Decides, before Camel Main loads any route, where routes come from: the built-in ones on the classpath and an
 * optional directory ({@code synchub.routes.dir}) whose files replace built-in routes of the same name (the file
 * name is the route id), hot-reloaded when {@code synchub.routes.reload=true}; and that every task route added keeps the
 * task contract ({@link TaskContractCheck}).
 */
public class SyncHubStartup extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SyncHubStartup.class);
    static final String BUILT_IN = "classpath:routes/*.yaml,classpath:routes/*.xml,classpath:routes/config/*.yaml,"
            + "classpath:routes/rest/*.yaml,classpath:routes/templates/*.yaml";

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        Settings settings = new Settings(main.getCamelContext());
        MainConfigurationProperties config = main.configure();
        List<String> include = new ArrayList<>();
        List<String> overridden = new ArrayList<>();
        CamelContext context = main.getCamelContext();
        Path routesDir = settings.optional("synchub.routes.dir").map(dir -> Path.of(dir).toAbsolutePath().normalize()).orElse(null);
        context.getCamelContextExtension().getContextPlugin(Model.class)
                .addRouteTemplateDefinitionConverter("*", new TemplatedRouteLabels(routesDir));
        context.addLifecycleStrategy(new TaskContractCheck(routesDir));
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
                // Camel Main's own watcher (routes-reload-enabled) would skip templated routes
                TemplatedRouteReload reload = new TemplatedRouteReload(path.toString());
                reload.setPattern("*.yaml,*.xml");
                // only the changed file's routes are replaced; the built-in ones stay
                reload.setRemoveAllRoutes(false);
                try {
                    context.addService(reload);
                } catch (Exception e) {
                    throw new IllegalStateException("Watching " + path + " failed: " + e.getMessage(), e);
                }
                LOG.info("Watching {} for route changes", path);
            }
        });
        include.addAll(0, builtInRoutes(main.getCamelContext(), overridden));
        config.setRoutesIncludePattern(String.join(",", include));
        bindAdminPort(settings, config);
        // looked up by Camel Main before its own: every request passes HttpGate before any route or health
        HttpAccess access = HttpAccess.from(settings);
        main.getCamelContext().getRegistry().bind("httpServerFactory",
                new GatedHttpServerFactory(camel -> new HttpGate(access, new PublicRoutes(camel))));
    }

    /** With no admin token, the admin port answers on loopback only (README, Security). */
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

    /**
     * The built-in route files, one by one, less those an override replaces (file name = route id). Listed from the
     * jar's central directory (or the classes directory), not with Camel's classpath pattern scan: that one inflates
     * every entry of the 35 MB jar once per pattern (about 0.5 s each at start).
     */
    static List<String> builtInRoutes(CamelContext context, List<String> overridden) {
        List<String> files = new ArrayList<>();
        Map<String, List<String>> jars = new HashMap<>();
        for (String pattern : BUILT_IN.split(",")) {
            // classpath:routes/config/*.yaml -> folder routes/config, suffix .yaml
            String path = pattern.substring("classpath:".length());
            String folder = path.substring(0, path.lastIndexOf('/'));
            String suffix = path.substring(path.lastIndexOf('*') + 1);
            for (String location : listFolder(context, pattern, folder, suffix, jars)) {
                String name = location.substring(location.lastIndexOf('/') + 1);
                String id = name.substring(0, name.lastIndexOf('.'));
                if (!overridden.contains(id)) {
                    files.add("classpath:" + location);
                }
            }
        }
        return files;
    }

    /**
     * The files {@code folder/*suffix} on the classpath, as {@code folder/name}; no sub-folders. {@code jars} keeps
     * each jar's {@code routes/} entries, so the jar's directory is read once for all patterns.
     */
    private static List<String> listFolder(CamelContext context, String pattern, String folder, String suffix,
                                           Map<String, List<String>> jars) {
        Set<String> found = new LinkedHashSet<>();
        try {
            Enumeration<URL> urls = context.getApplicationContextClassLoader() != null
                    ? context.getApplicationContextClassLoader().getResources(folder)
                    : SyncHubStartup.class.getClassLoader().getResources(folder);
            for (URL url : Collections.list(urls)) {
                if ("file".equals(url.getProtocol())) {
                    try (Stream<Path> list = Files.list(Path.of(url.toURI()))) {
                        list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                                .filter(n -> n.endsWith(suffix)).sorted().forEach(n -> found.add(folder + "/" + n));
                    }
                } else if ("jar".equals(url.getProtocol()) && url.openConnection() instanceof JarURLConnection jar) {
                    String prefix = folder + "/";
                    for (String name : jarRoutes(jar, jars)) {
                        if (name.startsWith(prefix) && name.endsWith(suffix) && name.indexOf('/', prefix.length()) < 0) {
                            found.add(name);
                        }
                    }
                } else {
                    // anything else (a nested or virtual class path): Camel's own scan
                    PackageScanResourceResolver resolver = PluginHelper.getPackageScanResourceResolver(context);
                    for (Resource resource : resolver.findResources(pattern)) {
                        String location = resource.getLocation();
                        found.add(location.substring(location.indexOf(folder + "/")));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Listing built-in routes " + pattern + " failed: " + e.getMessage(), e);
        }
        return new ArrayList<>(found);
    }

    /** The entries under {@code routes/} of the jar a {@code jar:} URL points into, in the jar's order. */
    private static List<String> jarRoutes(JarURLConnection jar, Map<String, List<String>> jars) throws IOException {
        String key = jar.getJarFileURL().toString();
        List<String> names = jars.get(key);
        if (names == null) {
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                names = file.stream().map(JarEntry::getName).filter(n -> n.startsWith("routes/")).toList();
            }
            jars.put(key, names);
        }
        return names;
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
