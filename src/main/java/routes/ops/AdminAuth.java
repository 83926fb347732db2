package routes.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The admin API's bearer-token check ({@code synchub.admin.token}): every {@code /api/v1} call needs
 * {@code Authorization: Bearer <token>}; compared in constant time. With no token configured the API is open and
 * the port listens on loopback only (see SyncHubStartup).
 */
public class AdminAuth {

    private final byte[] expected;

    public AdminAuth(String token) {
        this.expected = token == null || token.isBlank() ? null : ("Bearer " + token.trim()).getBytes(StandardCharsets.UTF_8);
    }

    public void check(@Header("Authorization") String authorization, @Header(Exchange.HTTP_PATH) String path,
                      @Header(Exchange.HTTP_URI) String uri) {
        String target = uri != null ? uri : path;
        // the dashboard's static shell carries no data; everything it shows comes from /api/v1, checked here
        if (expected == null || (target != null && !target.startsWith("/api/"))) {
            return;
        }
        if (authorization == null || authorization.isBlank()) {
            throw new ApiError(401, "unauthorized", "Authorization: Bearer <synchub.admin.token> is required");
        }
        if (!MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "unauthorized", "the bearer token is not the configured synchub.admin.token");
        }
    }
}
