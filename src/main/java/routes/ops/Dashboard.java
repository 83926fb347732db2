package routes.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import routes.api.ApiError;

/**
 * Serves the dashboard's static files from the classpath ({@code dashboard/}). Only the files it ships are served:
 * no path from the request ever reaches the class loader. The page holds no data: everything it shows comes from
 * {@code /api/v1}, which needs the admin token when one is set.
 */
public class Dashboard {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    public byte[] index(Exchange exchange) throws IOException {
        return serve("index.html", exchange);
    }

    public byte[] file(@Header("file") String file, Exchange exchange) throws IOException {
        if (file == null || !FILES.containsKey(file)) {
            throw ApiError.notFound("no dashboard file '" + file + "'");
        }
        return serve(file, exchange);
    }

    private static byte[] serve(String file, Exchange exchange) throws IOException {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream("dashboard/" + file)) {
            if (in == null) {
                throw ApiError.notFound("dashboard file '" + file + "' is missing from this build");
            }
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, FILES.get(file));
            exchange.getMessage().setHeader("Cache-Control", "no-cache");
            return in.readAllBytes();
        }
    }
}
