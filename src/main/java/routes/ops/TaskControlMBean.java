package routes.ops;

/** JMX view of one task: {@code synchub:type=tasks,name=<id>}. */
public interface TaskControlMBean {

    String getState();

    /** The schedule in words, e.g. "every 15 minutes, not 22:00–04:00 Mon–Fri". */
    String getSchedule();

    /** The schedule as the JSON body of PUT /api/v1/tasks/{id}/schedule. */
    String getScheduleJson();

    /** The last run: "ok at 2026-11-23T10:15:00Z (run 42)", or "never". */
    String getLastRun();

    String getNextRun();

    /** Runs the task now; returns the run id. */
    long runNow();

    /** Suspends the task's route: triggers wait (one queued run), nothing is lost. */
    void pause();

    void resume();

    /** Sets the schedule from a JSON body, e.g. {"type":"daily","at":"00:00"}. */
    void setSchedule(String json);
}
