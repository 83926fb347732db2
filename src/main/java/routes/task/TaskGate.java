package routes.task;

import org.apache.camel.Exchange;

/** Decides, when a task's route is fired, whether this fire runs, is skipped with a reason, or is ignored. */
public interface TaskGate {

    /** The outcome for one fire. */
    record Verdict(Kind kind, String reason) {
        public enum Kind { RUN, SKIP, IGNORE }

        public static final Verdict RUN = new Verdict(Kind.RUN, null);
        public static final Verdict IGNORE = new Verdict(Kind.IGNORE, null);

        public static Verdict skip(String reason) {
            return new Verdict(Kind.SKIP, reason);
        }
    }

    Verdict admit(String taskId, Exchange fire);

    /** Told when an admitted run has ended. */
    default void ended(String taskId, Exchange run, boolean ok) {
    }

    TaskGate ALWAYS = (taskId, fire) -> Verdict.RUN;
}
