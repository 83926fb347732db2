package routes.backoffice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import routes.platform.NamedQuery;
import routes.platform.Tx;

/** The back office reached over JDBC with its configured queries. */
public class JdbcBackOffice {

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Takes one row; returning false stops the read. */
    @FunctionalInterface
    public interface RowSink<T> {
        boolean accept(T row) throws SQLException;
    }

    private final DataSource dataSource;
    private final BackOfficeQueries queries;
    private final int fetchSize;

    public JdbcBackOffice(DataSource dataSource, BackOfficeQueries queries, int fetchSize) {
        this.dataSource = dataSource;
        this.queries = queries;
        this.fetchSize = fetchSize;
    }

    public BackOfficeQueries queries() {
        return queries;
    }

    /** Streams the rows of a named query into {@code sink}, reading them {@code fetchSize} at a time. */
    public <T> int stream(String queryName, Map<String, ?> params, RowReader<T> reader, RowSink<T> sink) {
        NamedQuery query = queries.get(queryName);
        return Tx.read(dataSource, c -> {
            // PostgreSQL only streams with a cursor inside a transaction
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = query.prepare(c, params)) {
                ps.setFetchSize(fetchSize);
                int count = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        if (!sink.accept(reader.read(rs))) {
                            break;
                        }
                    }
                }
                return count;
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        });
    }

    /** Runs a named write statement in its own transaction. */
    public int update(String queryName, Map<String, ?> params) {
        NamedQuery query = queries.get(queryName);
        return Tx.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = query.prepare(c, params)) {
                return ps.executeUpdate();
            }
        });
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
