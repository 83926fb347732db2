package routes.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A data source that is still being opened (pool, migrations, seed data) on another thread: a connection asked for
 * before it is ready waits for it, up to a limit; one asked for after opening failed fails with the reason.
 */
public final class DeferredDataSource implements DataSource {

    private final String what;
    private final CompletableFuture<? extends DataSource> target;
    private final Duration maxWait;

    public DeferredDataSource(String what, CompletableFuture<? extends DataSource> target, Duration maxWait) {
        this.what = what;
        this.target = target;
        this.maxWait = maxWait;
    }

    /** The opened data source, waiting for it if need be. */
    public DataSource target() throws SQLException {
        try {
            return target.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for " + what + " to open", e);
        } catch (ExecutionException e) {
            throw new SQLException(what + " did not open: " + HubDatabase.rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            throw new SQLException(what + " did not open within " + maxWait.toSeconds() + " s", e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target().isWrapperFor(type);
    }
}
