package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** The physical limit: plain JDBC and the JDK HttpClient, no framework, no bookkeeping. */
final class Raw {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private long calls;

    /** The storefront location ids the bench's SyncHub is configured with (synchub.storefront.locations default). */
    static int locationId(String location) {
        return "OUTLET".equals(location) ? 2 : 1;
    }

    /** Streams {@code sql} (sku, location, quantity) and PUTs it in batches of {@code batch}; returns the items sent. */
    long push(DataSource ds, String sql, String url, int batch) throws SQLException, IOException, InterruptedException {
        long items = 0;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.setFetchSize(batch);
            try (ResultSet rs = st.executeQuery(sql)) {
                StringBuilder body = new StringBuilder(64 * batch);
                int n = 0;
                while (rs.next()) {
                    body.append(n == 0 ? "{\"reason\":\"raw\",\"items\":[" : ",")
                            .append("{\"location_id\":").append(locationId(rs.getString(2)))
                            .append(",\"sku\":\"").append(rs.getString(1))
                            .append("\",\"quantity\":").append(rs.getInt(3)).append('}');
                    items++;
                    if (++n == batch) {
                        put(url, body.append("]}"));
                        body.setLength(0);
                        n = 0;
                    }
                }
                if (n > 0) {
                    put(url, body.append("]}"));
                }
            }
        }
        return items;
    }

    private void put(String url, CharSequence body) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Auth-Token", "bench")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("sink answered " + r.statusCode());
        }
        calls++;
    }

    long calls() {
        return calls;
    }

    /** Streams {@code sql} (sku, location, quantity) from one DB into another's stock_level, batched, a commit per batch. */
    static long copy(DataSource from, String sql, DataSource into, int batch) throws SQLException {
        long rows = 0;
        try (Connection in = from.getConnection(); Statement st = in.createStatement();
             Connection out = into.getConnection(); PreparedStatement ps = out.prepareStatement(
                     "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            out.setAutoCommit(false);
            st.setFetchSize(batch);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    ps.setString(1, rs.getString(1));
                    ps.setString(2, rs.getString(2));
                    ps.setInt(3, rs.getInt(3));
                    ps.addBatch();
                    if (++rows % batch == 0) {
                        ps.executeBatch();
                        out.commit();
                    }
                }
            }
            ps.executeBatch();
            out.commit();
        }
        return rows;
    }
}
