package routes.schedule;

/** {@code {"type":"default"}}: follow the global default schedule (see {@link Planner#resolve}). */
public record DefaultSchedule() implements Schedule {

    @Override
    public String type() {
        return "default";
    }
}
