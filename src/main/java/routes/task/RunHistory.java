package routes.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import routes.platform.Tx;

import static routes.platform.Times.iso;
import static routes.platform.Times.utc;

/** The runs table: one row per task run (or skipped fire), with per-item errors. */
public class RunHistory {

    /** A run as the admin API shows it. */
    public record Run(long id, String task, String trigger, String status, String startedAt, String endedAt,
                      int itemsRead, int itemsWritten, int itemsFailed, Integer itemsTotal, String message,
                      Long cycleId) {
    }

    /** A run with its per-item errors. */
    public record RunDetail(Run run, List<RunCounters.ItemError> errors) {
    }

    private static final String LIST = """
            SELECT id, task_id, run_trigger, status, started_at, ended_at, items_read, items_written, items_failed, items_total, message, cycle_id
              FROM task_run
             WHERE (CAST(? AS VARCHAR(64)) IS NULL OR task_id = ?) AND (CAST(? AS VARCHAR(20)) IS NULL OR status = ?)
             ORDER BY id DESC FETCH FIRST ? ROWS ONLY""";
    private static final String ONE = """
            SELECT id, task_id, run_trigger, status, started_at, ended_at, items_read, items_written, items_failed, items_total, message, cycle_id
              FROM task_run WHERE id = ?""";
    // up to six statuses, bound (unused places repeat the last one)
    private static final String LATEST = """
            SELECT id, task_id, run_trigger, status, started_at, ended_at, items_read, items_written, items_failed, items_total, message, cycle_id
              FROM task_run WHERE task_id = ? AND status IN (?, ?, ?, ?, ?, ?)
             ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""";

    private final DataSource hub;
    private final Clock clock;

    public RunHistory(DataSource hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    public long start(String taskId, Trigger trigger, Long cycleId) {
        return insert(taskId, trigger, cycleId, RunStatus.RUNNING);
    }

    /** A run asked for but not started yet (it waits for the task's current run); its id is the caller's handle. */
    public long queue(String taskId, Trigger trigger, Long cycleId) {
        return insert(taskId, trigger, cycleId, RunStatus.QUEUED);
    }

    /** The queued run starts now; false if it is no longer queued. */
    public boolean markRunning(long runId) {
        return Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE task_run SET status = ?, started_at = ? WHERE id = ? AND status = ?")) {
                ps.setString(1, RunStatus.RUNNING.column());
                ps.setObject(2, utc(clock.instant()));
                ps.setLong(3, runId);
                ps.setString(4, RunStatus.QUEUED.column());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Runs left queued or running by a previous process (it stopped or crashed) are closed as failed. */
    public int abandonUnfinished() {
        return Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE task_run SET status = ?, ended_at = ?,
                           message = 'interrupted: SyncHub stopped before this run ended (its work resumes from the last commit)'
                     WHERE status IN (?, ?)""")) {
                ps.setString(1, RunStatus.FAILED.column());
                ps.setObject(2, utc(clock.instant()));
                ps.setString(3, RunStatus.QUEUED.column());
                ps.setString(4, RunStatus.RUNNING.column());
                return ps.executeUpdate();
            }
        });
    }

    private long insert(String taskId, Trigger trigger, Long cycleId, RunStatus status) {
        return Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO task_run (task_id, run_trigger, status, started_at, cycle_id) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, taskId);
                ps.setString(2, trigger.column());
                ps.setString(3, status.column());
                ps.setObject(4, utc(clock.instant()));
                ps.setObject(5, cycleId);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    public void finish(long runId, RunStatus status, RunCounters counters, String message) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE task_run SET status = ?, ended_at = ?, items_read = ?, items_written = ?, items_failed = ?,
                           items_total = ?, message = ? WHERE id = ?""")) {
                ps.setString(1, status.column());
                ps.setObject(2, utc(clock.instant()));
                ps.setInt(3, counters.read());
                ps.setInt(4, counters.written());
                ps.setInt(5, counters.failed());
                ps.setObject(6, counters.total());
                ps.setString(7, message == null ? null : message.length() > 3900 ? message.substring(0, 3900) : message);
                ps.setLong(8, runId);
                ps.executeUpdate();
            }
            insertErrors(c, runId, counters.errors());
            return null;
        });
    }

    /** Progress of a long run, visible while it is still running. */
    public void progress(long runId, RunCounters counters) {
        Tx.inTransaction(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE task_run SET items_read = ?, items_written = ?, items_failed = ?, items_total = ? WHERE id = ?")) {
                ps.setInt(1, counters.read());
                ps.setInt(2, counters.written());
                ps.setInt(3, counters.failed());
                ps.setObject(4, counters.total());
                ps.setLong(5, runId);
                return ps.executeUpdate();
            }
        });
    }

    /** A fire that did not run (e.g. inside a black-out window), recorded with why. */
    public long skipped(String taskId, Trigger trigger, String reason, Long queuedRunId) {
        long id = queuedRunId != null && markRunning(queuedRunId) ? queuedRunId : start(taskId, trigger, null);
        finish(id, RunStatus.SKIPPED, new RunCounters(id), reason);
        return id;
    }

    private static void insertErrors(Connection c, long runId, List<RunCounters.ItemError> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO task_run_error (run_id, item_key, field, message) VALUES (?, ?, ?, ?)")) {
            for (RunCounters.ItemError e : errors) {
                ps.setLong(1, runId);
                ps.setString(2, e.itemKey());
                ps.setString(3, e.field());
                ps.setString(4, e.message());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Newest first; {@code task} and {@code status} are optional filters. */
    public List<Run> list(String task, RunStatus status, int limit) {
        return Tx.read(hub, c -> {
            try (PreparedStatement ps = c.prepareStatement(LIST)) {
                ps.setString(1, task);
                ps.setString(2, task);
                ps.setString(3, status == null ? null : status.column());
                ps.setString(4, status == null ? null : status.column());
                ps.setInt(5, limit);
                return readRuns(ps);
            }
        });
    }

    public Optional<RunDetail> get(long runId) {
        return Tx.read(hub, c -> {
            Run run;
            try (PreparedStatement ps = c.prepareStatement(ONE)) {
                ps.setLong(1, runId);
                List<Run> runs = readRuns(ps);
                if (runs.isEmpty()) {
                    return Optional.empty();
                }
                run = runs.get(0);
            }
            List<RunCounters.ItemError> errors = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT item_key, field, message FROM task_run_error WHERE run_id = ? ORDER BY id")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        errors.add(new RunCounters.ItemError(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return Optional.of(new RunDetail(run, errors));
        });
    }

    /** The newest run of a task with one of the given statuses. */
    public Optional<Run> latest(String taskId, RunStatus... statuses) {
        return Tx.read(hub, c -> {
            // up to six statuses, bound (unused places repeat the last one)
            try (PreparedStatement ps = c.prepareStatement(LATEST)) {
                ps.setString(1, taskId);
                for (int i = 0; i < 6; i++) {
                    ps.setString(i + 2, statuses[Math.min(i, statuses.length - 1)].column());
                }
                List<Run> runs = readRuns(ps);
                return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
            }
        });
    }

    private static List<Run> readRuns(PreparedStatement ps) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), iso(rs, 5), iso(rs, 6),
                        rs.getInt(7), rs.getInt(8), rs.getInt(9), (Integer) rs.getObject(10, Integer.class),
                        rs.getString(11), rs.getObject(12, Long.class)));
            }
        }
        return runs;
    }
}
