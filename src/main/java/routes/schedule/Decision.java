package routes.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a task's route policy should do at a tick, from {@link Planner#decide}. After {@link Run} and {@link Skip}
 * the caller records {@link #handled()} as the task's new {@code lastHandled}; after {@link NotDue} nothing.
 */
public sealed interface Decision {

    /** The planned fire to record as the new lastHandled (Run and Skip), empty for NotDue. */
    Optional<Instant> handled();

    /**
     * Run now, for planned fire {@code planned} (the latest due one). {@code missedFires} earlier due fires
     * (process down, or fires that fell inside a window that has ended since) are collapsed into this single run.
     */
    record Run(Instant planned, int missedFires) implements Decision {
        public Run {
            Objects.requireNonNull(planned, "planned");
        }

        @Override
        public Optional<Instant> handled() {
            return Optional.of(planned);
        }
    }

    /** A fire is due but the current time is inside black-out {@code window}: do not run, record {@code planned}. */
    record Skip(Instant planned, BlackoutWindow window) implements Decision {
        public Skip {
            Objects.requireNonNull(planned, "planned");
            Objects.requireNonNull(window, "window");
        }

        @Override
        public Optional<Instant> handled() {
            return Optional.of(planned);
        }
    }

    /** Nothing due; {@code next} is the next planned fire (ignoring black-outs), empty if the schedule never fires again. */
    record NotDue(Optional<Instant> next) implements Decision {
        public NotDue {
            Objects.requireNonNull(next, "next");
        }

        @Override
        public Optional<Instant> handled() {
            return Optional.empty();
        }
    }
}
