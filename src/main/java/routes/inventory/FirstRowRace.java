package routes.inventory;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether a database failure means a transaction lost the race to insert a row another one inserted at the same time
 * (a unique violation, or the lock wait / serialization failure some databases report instead): running it again is
 * safe, because it rolled back whole.
 */
final class FirstRowRace {

    /** SQLSTATEs: unique violation; serialization failure; PostgreSQL's deadlock; H2's lock time-out. */
    private static final Set<String> LOST = Set.of("23505", "40001", "40P01", "HYT00");

    private FirstRowRace() {
    }

    static boolean lost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (e.getSQLState() != null && LOST.contains(e.getSQLState())) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
