package routes.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import routes.storefront.Storefront;

import static routes.platform.Times.utc;

/**
 * Tables {@code sales_order} and {@code sales_order_line}: storefront orders with their lines, and how far each went
 * (back office, export file), and the units sold per SKU (per-SKU metrics). The only place these tables' SQL lives;
 * every call runs in the caller's transaction.
 */
public final class SalesOrderStore {

    private static final String UNITS_SOLD_SINCE = """
            SELECT l.sku, SUM(l.quantity) FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id
             WHERE o.date_created >= ? AND l.sku IS NOT NULL GROUP BY l.sku""";

    private SalesOrderStore() {
    }

    /** A known order's new status; false when the hub has no such order yet. */
    static boolean updateStatus(Connection c, Storefront.Order order) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sales_order SET status = ?, date_modified = ? WHERE storefront_order_id = ?")) {
            ps.setString(1, order.status());
            ps.setObject(2, utc(order.dateModified()));
            ps.setLong(3, order.id());
            return ps.executeUpdate() > 0;
        }
    }

    /** Inserts the order unless the hub has it; its hub id, or null when it existed. */
    static Long insertIfNew(Connection c, Storefront.Order order, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sales_order (storefront_order_id, status, customer_email, total, currency, date_created,
                                         date_modified, received_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sales_order WHERE storefront_order_id = ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, order.id());
            ps.setString(2, order.status());
            ps.setString(3, order.customerEmail());
            ps.setBigDecimal(4, order.total());
            ps.setString(5, order.currency());
            ps.setObject(6, utc(order.dateCreated()));
            ps.setObject(7, utc(order.dateModified()));
            ps.setObject(8, utc(receivedAt));
            ps.setLong(9, order.id());
            if (ps.executeUpdate() == 0) {
                return null;
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The order's lines, numbered from 1 in the given order, in one batch. */
    static void insertLines(Connection c, long orderId, List<Storefront.OrderLine> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sales_order_line (order_id, line_no, sku, name, quantity, price) VALUES (?, ?, ?, ?, ?, ?)")) {
            int no = 0;
            for (Storefront.OrderLine line : lines) {
                ps.setLong(1, orderId);
                ps.setInt(2, ++no);
                ps.setString(3, line.sku());
                ps.setString(4, line.name());
                ps.setInt(5, line.quantity());
                ps.setBigDecimal(6, line.price());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The oldest {@code max} orders not yet in the back office. */
    static List<OrdersOut.Pending> notInBackOffice(Connection c, int max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, storefront_order_id, customer_email, total, received_at FROM sales_order
                 WHERE exported_at IS NULL ORDER BY id FETCH FIRST ? ROWS ONLY""")) {
            ps.setInt(1, max);
            List<OrdersOut.Pending> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OrdersOut.Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
            return rows;
        }
    }

    static int markInBackOffice(Connection c, long id, String backOfficeRef, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sales_order SET exported_at = ?, backoffice_ref = ? WHERE id = ?")) {
            ps.setObject(1, utc(at));
            ps.setString(2, backOfficeRef);
            ps.setLong(3, id);
            return ps.executeUpdate();
        }
    }

    /** The ids of the oldest {@code max} orders in no export file yet. */
    static List<Long> withoutExportFile(Connection c, int max) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM sales_order WHERE export_file IS NULL ORDER BY id FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Names the export file of the orders {@code first} to {@code last} still in none. */
    static void nameExportFile(Connection c, String file, long first, long last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sales_order SET export_file = ? WHERE export_file IS NULL AND id >= ? AND id <= ?")) {
            ps.setString(1, file);
            ps.setLong(2, first);
            ps.setLong(3, last);
            ps.executeUpdate();
        }
    }

    /** Export files named whose orders were never marked exported, in name order. */
    static List<String> unfinishedExportFiles(Connection c) throws SQLException {
        List<String> files = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT export_file FROM sales_order
                 WHERE export_file IS NOT NULL AND file_exported_at IS NULL ORDER BY export_file""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }

    /** One export file's lines: each order's lines in line order (an order without lines: one empty line). */
    static List<OrdersExport.Line> exportLines(Connection c, String file) throws SQLException {
        List<OrdersExport.Line> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT o.storefront_order_id, COALESCE(o.date_created, o.received_at), o.customer_email,
                       l.sku, l.quantity, l.price, o.total, o.currency
                  FROM sales_order o LEFT JOIN sales_order_line l ON l.order_id = o.id
                 WHERE o.export_file = ?
                 ORDER BY o.id, l.line_no""")) {
            ps.setString(1, file);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new OrdersExport.Line(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                            rs.getString(4), rs.getObject(5, Integer.class), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            rs.getString(8)));
                }
            }
        }
        return lines;
    }

    /** Marks an export file's orders exported; how many. */
    static int markFileExported(Connection c, String file, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sales_order SET file_exported_at = ? WHERE export_file = ? AND file_exported_at IS NULL")) {
            ps.setObject(1, utc(at));
            ps.setString(2, file);
            return ps.executeUpdate();
        }
    }

    /** Units sold per SKU (order lines by their order's {@code date_created}) since {@code since}, in SKU order. */
    public static Map<String, Long> unitsSoldSince(Connection c, Instant since) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(UNITS_SOLD_SINCE)) {
            ps.setObject(1, utc(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
