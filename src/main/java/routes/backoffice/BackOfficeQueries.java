package routes.backoffice;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import routes.platform.ConfigProblem;
import routes.platform.NamedQuery;

/**
 * The back office's SQL, as configuration: a properties file of named queries an integration engineer edits
 * ({@code synchub.backoffice.queries}, a {@code classpath:} or file path). Values are bound, never pasted.
 */
public final class BackOfficeQueries {

    private static final String KEY = "synchub.backoffice.queries";
    private final Map<String, NamedQuery> queries;
    private final String source;

    private BackOfficeQueries(Map<String, NamedQuery> queries, String source) {
        this.queries = queries;
        this.source = source;
    }

    public static BackOfficeQueries load(String location) {
        Properties props = new Properties();
        try (InputStream in = open(location); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigProblem(KEY, "cannot read '" + location + "': " + e.getMessage(),
                    KEY + "=/etc/synchub/backoffice-queries.properties");
        }
        Map<String, NamedQuery> parsed = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            parsed.put(name, NamedQuery.parse(name, props.getProperty(name).trim()));
        }
        return new BackOfficeQueries(parsed, location);
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String path = location.substring("classpath:".length());
            InputStream in = BackOfficeQueries.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new IOException("no such classpath resource");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location.startsWith("file:") ? location.substring(5) : location));
    }

    /** The named query; a missing one is a configuration problem naming the file and the query. */
    public NamedQuery get(String name) {
        NamedQuery query = queries.get(name);
        if (query == null) {
            throw new ConfigProblem(KEY, source + " has no query named '" + name + "'",
                    name + " = SELECT ... WHERE updated_at > :#since");
        }
        return query;
    }

    public boolean has(String name) {
        return queries.containsKey(name);
    }
}
