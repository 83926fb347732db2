package routes.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import routes.changelog.DeadLetters;
import routes.schedule.CalendarPage;
import routes.schedule.InvalidSchedule;
import routes.schedule.Schedule;
import routes.schedule.TaskBoard;
import routes.schedule.ScheduleJson;
import routes.schedule.TaskScheduler;
import routes.task.RunHistory;
import routes.task.RunStatus;
import routes.task.TaskCatalog;
import routes.task.TaskKind;
import routes.task.TaskTrigger;
import routes.task.Trigger;
import routes.platform.JsonAnswer;

/** The admin API's read and command operations; the REST DSL in routes/rest/ maps paths onto these methods. */
public class AdminApi {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Set<String> RUN_STATUSES = Set.of(RunStatus.RUNNING.column(), RunStatus.OK.column(),
            RunStatus.PARTIAL.column(), RunStatus.FAILED.column(), RunStatus.SKIPPED.column());

    private final TaskCatalog tasks;
    private final TaskBoard board;
    private final RunHistory runs;
    private final DeadLetters deadLetters;
    private final TaskScheduler scheduler;
    private final TaskTrigger trigger;

    private final java.time.Clock clock;

    public AdminApi(TaskCatalog tasks, TaskBoard board, RunHistory runs, DeadLetters deadLetters, TaskScheduler scheduler, TaskTrigger trigger,
                    java.time.Clock clock) {
        this.clock = clock;
        this.tasks = tasks;
        this.board = board;
        this.runs = runs;
        this.deadLetters = deadLetters;
        this.scheduler = scheduler;
        this.trigger = trigger;
    }

    public List<TaskBoard.TaskView> tasks() {
        return board.list();
    }

    /** One task with its schedule, its stage chain and its queued follow-up run, if any. */
    public Map<String, Object> task(@Header("id") String id) {
        TaskBoard.TaskView view = board.find(id).orElseThrow(() -> unknownTask(id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", view);
        out.put("scheduleBody", TaskKind.of(view.kind()) == TaskKind.SCHEDULED ? ScheduleJson.toJson(scheduler.schedule(id)) : null);
        out.put("stages", tasks.ids().stream().filter(other -> id.equals(drivenBy(other))).toList());
        out.put("drivenBy", drivenBy(id));
        out.put("queuedRunId", trigger.queuedRun(id));
        return out;
    }

    private String drivenBy(String id) {
        return scheduler.drivenBy(id);
    }

    /** Run X sync now: 202 with the run id (an already queued run's id when this collapses into it). */
    public Map<String, Object> runNow(@Header("id") String id, Exchange exchange) {
        TaskBoard.TaskView view = board.find(id).orElseThrow(() -> unknownTask(id));
        if (TaskKind.of(view.kind()) == TaskKind.AS_NEEDED) {
            throw ApiError.conflict("'" + id + "' runs as needed after '" + drivenBy(id) + "': run '" + drivenBy(id) + "' instead");
        }
        if (!view.runnable()) {
            throw ApiError.conflict("'" + id + "' runs when its input arrives (" + view.description() + "); it cannot be run on demand");
        }
        long runId = trigger.fire(id, Trigger.MANUAL);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return Map.of("task", id, "runId", runId);
    }

    /** Sync All: the four-step cycle as one run of task "sync-all"; 202 with the cycle id (that run's id). */
    public Map<String, Object> syncAll(Exchange exchange) {
        tasks.route("sync-all").orElseThrow(() -> unknownTask("sync-all"));
        long cycleId = trigger.fire("sync-all", Trigger.MANUAL);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return Map.of("task", "sync-all", "cycleId", cycleId);
    }

    public Map<String, Object> setSchedule(@Header("id") String id, @Body Object body) {
        tasks.route(id).orElseThrow(() -> unknownTask(id));
        try {
            scheduler.setSchedule(id, parse(body));
        } catch (TaskScheduler.NotSchedulable e) {
            throw ApiError.conflict(e.getMessage());
        } catch (InvalidSchedule e) {
            throw ApiError.badRequest(e.field(), e.getMessage());
        }
        return task(id);
    }

    /** PUT /tasks/{id}/schedule as served: the raw body (REST binding off, so parsing is strict), the answer as JSON. */
    public String setScheduleJson(@Header("id") String id, @Body String body, Exchange exchange) {
        return JsonAnswer.of(exchange, 200, setSchedule(id, body));
    }

    /** PUT /schedule/default as served: the raw body (REST binding off, so parsing is strict), the answer as JSON. */
    public String setDefaultScheduleJson(@Body String body, Exchange exchange) {
        return JsonAnswer.of(exchange, 200, setDefaultSchedule(body));
    }

    public Map<String, Object> setDefaultSchedule(@Body Object body) {
        Schedule schedule = parse(body);
        try {
            scheduler.setGlobalDefault(schedule);
        } catch (InvalidSchedule e) {
            throw ApiError.badRequest(e.field(), e.getMessage());
        }
        return Map.of("schedule", ScheduleJson.toJson(schedule), "words", scheduler.planner().describe(schedule));
    }

    public Map<String, Object> calendar(@Header("id") String id, @Header("from") String from, @Header("to") String to) {
        tasks.route(id).orElseThrow(() -> unknownTask(id));
        Instant start = from == null || from.isBlank() ? clock.instant() : instant("from", from);
        Instant end = to == null || to.isBlank() ? start.plus(Duration.ofHours(24)) : instant("to", to);
        if (!end.isAfter(start)) {
            throw ApiError.badRequest("to", to + " is not after from (" + start + ")");
        }
        if (Duration.between(start, end).toDays() > 366) {
            throw ApiError.badRequest("to", "the range is longer than 366 days");
        }
        CalendarPage page;
        try {
            page = scheduler.calendar(id, start, end);
        } catch (TaskScheduler.NotSchedulable e) {
            throw ApiError.conflict(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", id);
        out.put("from", start.toString());
        out.put("to", end.toString());
        out.put("schedule", scheduler.describe(id));
        out.put("capped", page.capped());
        out.put("fires", page.fires().stream().map(f -> {
            Map<String, Object> fire = new LinkedHashMap<>();
            fire.put("at", f.at().toString());
            fire.put("local", f.local().toOffsetDateTime().toString());
            fire.put("runs", f.runs());
            fire.put("skipReason", f.skipReason());
            return fire;
        }).toList());
        return out;
    }

    /** The body as the REST binding hands it over: already JSON-read (a map), or raw text. */
    private static Schedule parse(Object body) {
        try {
            if (body instanceof String || body instanceof byte[] || body == null) {
                String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : (String) body;
                return ScheduleJson.parse(text == null ? "" : text);
            }
            return ScheduleJson.parse(JSON.valueToTree(body));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("body", "not a JSON object: " + e.getMessage());
        } catch (InvalidSchedule e) {
            throw ApiError.badRequest(e.field(), e.getMessage());
        }
    }

    private static Instant instant(String field, String raw) {
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(raw.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiError.badRequest(field, "'" + raw + "' is not an ISO-8601 instant (e.g. 2026-11-23T00:00:00Z)");
            }
        }
    }

    private static ApiError unknownTask(String id) {
        return ApiError.notFound("no task '" + id + "'; GET /api/v1/tasks lists them");
    }

    public List<RunHistory.Run> runs(@Header("task") String task, @Header("status") String status, @Header("limit") String limit) {
        if (status != null && !status.isBlank() && !RUN_STATUSES.contains(status)) {
            throw ApiError.badRequest("status", "'" + status + "' is not one of " + RUN_STATUSES);
        }
        if (task != null && !task.isBlank() && tasks.route(task).isEmpty()) {
            throw ApiError.notFound("no task '" + task + "'");
        }
        return runs.list(blankToNull(task), blankToNull(status) == null ? null : RunStatus.of(status), limit(limit, 50, 1000));
    }

    public RunHistory.RunDetail run(@Header("id") String id) {
        long runId = number("id", id);
        return runs.get(runId).orElseThrow(() -> ApiError.notFound("no run " + runId));
    }

    public List<DeadLetters.DeadLetter> deadLetters(@Header("state") String state, @Header("task") String task,
                                                    @Header("limit") String limit) {
        return deadLetters.list(blankToNull(state), blankToNull(task), limit(limit, 100, 1000));
    }

    /** Replays a parked failure once: its change goes back to the change log and its task is asked to run (202). */
    public Map<String, Object> replayDeadLetter(@Header("id") String id, Exchange exchange) {
        long letterId = number("id", id);
        DeadLetters.DeadLetter letter = deadLetters.get(letterId)
                .orElseThrow(() -> ApiError.notFound("no dead letter " + letterId + "; GET /api/v1/dead-letters lists them"));
        if (!deadLetters.replay(letterId)) {
            throw ApiError.conflict("dead letter " + letterId + " was already replayed at " + letter.replayedAt()
                    + "; a replay delivers once");
        }
        long runId = trigger.fire(letter.task(), Trigger.REPLAY);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return Map.of("deadLetter", letterId, "task", letter.task(), "runId", runId);
    }

    static int limit(String raw, int fallback, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value = (int) number("limit", raw);
        if (value < 1 || value > max) {
            throw ApiError.badRequest("limit", raw + " is outside 1.." + max);
        }
        return value;
    }

    static long number(String field, String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiError.badRequest(field, "'" + raw + "' is not a whole number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
