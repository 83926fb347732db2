package routes.schedule;

import java.util.List;

/**
 * A calendar preview from {@link Planner#calendarPage}: {@code capped} is true when more fires exist in the
 * requested range than {@link Planner#CALENDAR_CAP}; {@code fires} then holds the first CALENDAR_CAP of them.
 */
public record CalendarPage(List<PlannedFire> fires, boolean capped) {

    public CalendarPage {
        fires = List.copyOf(fires);
    }
}
