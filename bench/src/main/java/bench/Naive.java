package bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What a Camel user writes first: read the rows (a list of maps, as camel-sql returns them), split, and one HTTP
 * call (camel-http) or one auto-committed INSERT per row. Its own CamelContext, in package {@code bench} so Camel
 * Main's scan of {@code routes} never sees this RouteBuilder.
 */
final class Naive implements AutoCloseable {

    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer;

    Naive(String storefrontBaseUrl) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // one storefront call per row
                from("direct:naive-send").routeId("naive-send")
                        .split(body()).streaming()
                            .setHeader(Exchange.HTTP_METHOD, constant("PUT"))
                            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                            .setHeader("X-Auth-Token", constant("bench"))
                            .setBody(simple("{\"reason\":\"naive\",\"items\":[{\"location_id\":${body[location_id]},"
                                    + "\"sku\":\"${body[sku]}\",\"quantity\":${body[quantity]}}]}"))
                            .to(storefrontBaseUrl + Sink.INVENTORY)
                        .end();
                // one INSERT per row, auto-committed
                from("direct:naive-insert").routeId("naive-insert")
                        .split(body()).streaming()
                            .process(e -> insert(e.getProperty("bench.target", DataSource.class), e.getMessage().getBody(Map.class)))
                        .end();
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    /** Reads up to {@code limit} stock levels of {@code table} and sends each in its own call. */
    void push(DataSource from, String sql, int limit) {
        producer.sendBody("direct:naive-send", rows(from, sql, limit));
    }

    void send(List<Map<String, Object>> rows) {
        producer.sendBody("direct:naive-send", rows);
    }

    /** Reads up to {@code limit} rows and inserts each into {@code into}'s stock_level by itself. */
    void copy(DataSource from, String sql, int limit, DataSource into) {
        List<Map<String, Object>> rows = rows(from, sql, limit);
        producer.send("direct:naive-insert", e -> {
            e.setProperty("bench.target", into);
            e.getMessage().setBody(rows);
        });
    }

    static List<Map<String, Object>> rows(DataSource ds, String sql, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static Map<String, Object> row(String sku, String location, int quantity) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sku", sku);
        row.put("location", location);
        row.put("location_id", Raw.locationId(location));
        row.put("quantity", quantity);
        return row;
    }

    private static void insert(DataSource into, Map<?, ?> row) throws SQLException {
        try (Connection c = into.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO stock_level (sku, location, quantity, updated_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, (String) row.get("sku"));
            ps.setString(2, (String) row.get("location"));
            ps.setInt(3, (Integer) row.get("quantity"));
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws Exception {
        camel.close();
    }
}
