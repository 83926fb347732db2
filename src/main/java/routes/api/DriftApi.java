package routes.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import routes.changelog.EntityType;
import routes.changelog.PauseSwitches;
import routes.drift.DriftRepair;
import routes.drift.DriftReport;
import routes.drift.DriftStore;
import routes.task.TaskTrigger;
import routes.task.Trigger;

/**
 * The drift report's admin API (/api/v1/openapi.json; README, Drift): the list, the repair's dry run and the repair,
 * which queues the hub's levels in the change log and starts stock-push. routes/rest/admin-api.yaml maps the paths.
 */
public class DriftApi {

    static final int MAX_LIMIT = 1000;
    private static final String PUSH_TASK = "stock-push";

    private final DriftReport report;
    private final DriftRepair repair;
    private final TaskTrigger trigger;
    private final PauseSwitches pauses;

    public DriftApi(DriftReport report, DriftRepair repair, TaskTrigger trigger, PauseSwitches pauses) {
        this.report = report;
        this.repair = repair;
        this.trigger = trigger;
        this.pauses = pauses;
    }

    /** GET /drift: the count and one page of drifted levels, in SKU and location order. */
    public Map<String, Object> list(@Header("limit") String limit, @Header("offset") String offset) {
        long skip = offset == null || offset.isBlank() ? 0 : AdminApi.number("offset", offset);
        if (skip < 0) {
            throw ApiError.badRequest("offset", offset + " is negative");
        }
        DriftReport.Page page = report.page(skip, AdminApi.limit(limit, 100, MAX_LIMIT));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", page.count());
        out.put("offset", page.offset());
        out.put("limit", page.limit());
        out.put("threshold", report.threshold());
        out.put("items", page.items().stream().map(DriftApi::item).toList());
        return out;
    }

    /** GET /drift/repair: the dry run, what a repair would send now. */
    public Map<String, Object> preview(@Header("limit") String limit) {
        DriftRepair.Plan plan = repair.preview(AdminApi.limit(limit, 100, MAX_LIMIT));
        Map<String, Object> out = plan(plan);
        out.put("dryRun", true);
        return out;
    }

    /** POST /drift/repair: queues the updates in the change log and starts stock-push (202 when any were queued). */
    public Map<String, Object> repair(@Header("limit") String limit, Exchange exchange) {
        DriftRepair.Plan plan = repair.repair(AdminApi.limit(limit, 100, MAX_LIMIT));
        Map<String, Object> out = plan(plan);
        out.put("dryRun", false);
        out.put("pushTask", PUSH_TASK);
        out.put("runId", plan.updates() > 0 ? trigger.fire(PUSH_TASK, Trigger.EVENT) : null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, plan.updates() > 0 ? 202 : 200);
        return out;
    }

    private Map<String, Object> plan(DriftRepair.Plan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("updates", plan.updates());
        // a repair is a change like any other: while inventory is paused it waits in the change log
        out.put("inventoryPaused", pauses.get(EntityType.INVENTORY).paused());
        List<Map<String, Object>> items = plan.items().stream().map(u -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sku", u.sku());
            row.put("location", u.location());
            row.put("locationId", u.locationId());
            row.put("kind", u.kind().column());
            row.put("store", u.store());
            row.put("quantity", u.quantity());
            return row;
        }).toList();
        out.put("items", items);
        return out;
    }

    private static Map<String, Object> item(DriftStore.Item i) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sku", i.sku());
        row.put("location", i.location());
        row.put("locationId", i.locationId());
        row.put("kind", i.kind().column());
        row.put("hub", i.hub());
        row.put("store", i.store());
        row.put("lastPush", i.pushed());
        row.put("lastPushAt", text(i.pushedAt()));
        row.put("since", text(i.firstSeenAt()));
        row.put("seenAt", text(i.seenAt()));
        row.put("storeChangedAt", text(i.storeChangedAt()));
        row.put("repairQueued", i.repairQuantity());
        row.put("repairQueuedAt", text(i.repairedAt()));
        return row;
    }

    private static String text(java.time.Instant at) {
        return at == null ? null : at.toString();
    }
}
