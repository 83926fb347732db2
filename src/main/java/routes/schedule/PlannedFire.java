package routes.schedule;

import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * One planned fire of a calendar preview: {@code runs} is false when a black-out window covers it, and then
 * {@code skipReason} says which (e.g. "black-out 22:00–04:00 Mon–Fri"); {@code skipReason} is null when it runs.
 */
public record PlannedFire(Instant at, ZonedDateTime local, boolean runs, String skipReason) {
}
