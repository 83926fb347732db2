package routes.ops;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import routes.platform.ConfigProblem;
import routes.platform.Settings;

/**
 * Who may reach the admin port, as settings validated once at start: the admin token ({@code synchub.admin.token};
 * none = an open API on loopback only), the Host names requests may carry ({@code synchub.http.allowed-hosts}), the
 * health path that stays open and whether the metrics are open too ({@code synchub.metrics.open}).
 */
public final class HttpAccess {

    public static final String ALLOWED_HOSTS = "synchub.http.allowed-hosts";
    public static final String METRICS_OPEN = "synchub.metrics.open";

    private final byte[] bearer;
    private final Set<String> allowedHosts;
    private final String healthPath;
    private final String metricsPath;
    private final boolean metricsOpen;

    public HttpAccess(String token, Set<String> allowedHosts, String healthPath, String metricsPath, boolean metricsOpen) {
        this.bearer = token == null || token.isBlank() ? null : ("Bearer " + token.trim()).getBytes(StandardCharsets.UTF_8);
        Set<String> hosts = new LinkedHashSet<>();
        for (String host : allowedHosts) {
            String name = hostName(host);
            if (name.isEmpty() || name.contains("/") || name.contains("*")) {
                throw new ConfigProblem(ALLOWED_HOSTS, "'" + host + "' is not a host name or address",
                        ALLOWED_HOSTS + "=localhost,synchub.example.com");
            }
            hosts.add(name);
        }
        if (hosts.isEmpty()) {
            throw new ConfigProblem(ALLOWED_HOSTS, "names no host", ALLOWED_HOSTS + "=localhost,synchub.example.com");
        }
        this.allowedHosts = Collections.unmodifiableSet(hosts);
        this.healthPath = healthPath;
        this.metricsPath = metricsPath;
        this.metricsOpen = metricsOpen;
    }

    /** From the {@code synchub.*} settings and Camel's health and metrics paths. */
    public static HttpAccess from(Settings settings) {
        String healthPath = settings.string("camel.management.health-path", "/observe/health");
        String metricsPath = settings.string("camel.metrics.path", "/observe/metrics");
        Set<String> hosts = settings.optional(ALLOWED_HOSTS)
                .map(list -> Set.of(list.split("\\s*,\\s*")))
                .orElseGet(HttpAccess::ownNames);
        return new HttpAccess(settings.optional("synchub.admin.token").orElse(null), hosts, healthPath, metricsPath,
                settings.bool(METRICS_OPEN, false));
    }

    /** localhost, the loopback addresses, this machine's name and the addresses of its interfaces. */
    static Set<String> ownNames() {
        Set<String> names = new LinkedHashSet<>(Set.of("localhost", "127.0.0.1", "::1"));
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // a machine without a resolvable name of its own is reached by address
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    names.add(address.getHostAddress());
                }
            }
        } catch (SocketException e) {
            // no interface list: loopback and the host name still work
        }
        return names;
    }

    /** The host part of a Host header or name: lower case, without port, brackets, IPv6 zone or trailing dot. */
    static String hostName(String hostAndPort) {
        String host = hostAndPort.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host.substring(1) : host.substring(1, end);
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    public boolean tokenRequired() {
        return bearer != null;
    }

    /** Whether an {@code Authorization} header value is the configured bearer token (constant time). */
    public boolean authorizes(String authorization) {
        return bearer == null || (authorization != null
                && MessageDigest.isEqual(bearer, authorization.trim().getBytes(StandardCharsets.UTF_8)));
    }

    public boolean hostAllowed(String hostHeader) {
        return hostHeader != null && allowedHosts.contains(hostName(hostHeader));
    }

    public Set<String> allowedHosts() {
        return allowedHosts;
    }

    /** Health (and its live/ready checks) stays open; the metrics only with {@code synchub.metrics.open=true}. */
    public boolean openManagementPath(String path) {
        return path.equals(healthPath) || path.startsWith(healthPath + "/") || (metricsOpen && path.equals(metricsPath));
    }

    @Override
    public String toString() {
        // never the token
        return "HttpAccess[token " + (bearer == null ? "none" : "set") + ", hosts " + allowedHosts + ", metrics "
                + (metricsOpen ? "open" : "token") + "]";
    }
}
