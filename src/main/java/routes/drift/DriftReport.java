package routes.drift;

import java.util.List;

import javax.sql.DataSource;

import routes.platform.Tx;

/** The drift report as ops read it: how many levels differ and a page of them (the admin API, the dashboard, metrics). */
public class DriftReport {

    /** One page of the report, with the total. */
    public record Page(long count, long offset, int limit, List<DriftStore.Item> items) {
    }

    private final DataSource hub;
    private final int threshold;

    /** @param threshold drift above this many levels is reported by the health check (0: any drift) */
    public DriftReport(DataSource hub, int threshold) {
        this.hub = hub;
        this.threshold = threshold;
    }

    public long count() {
        return Tx.read(hub, DriftStore::count);
    }

    public Page page(long offset, int limit) {
        return Tx.read(hub, c -> new Page(DriftStore.count(c), offset, limit, DriftStore.page(c, offset, limit)));
    }

    public int threshold() {
        return threshold;
    }

    /** Why the drift is worth an operator's look (more levels differ than the threshold), or null when it is not. */
    public String problem(long count) {
        return count > threshold ? count + " storefront levels differ from the hub (more than synchub.drift.threshold="
                + threshold + "); GET /api/v1/drift lists them, POST /api/v1/drift/repair sends the hub's levels" : null;
    }
}
