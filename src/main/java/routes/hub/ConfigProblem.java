package routes.hub;

/**
 * A setting SyncHub cannot start with. Its message is one line for the operator: which key, what is wrong, an example.
 */
public final class ConfigProblem extends RuntimeException {

    public ConfigProblem(String key, String problem, String example) {
        super(key + ": " + problem + " (example: " + example + ")");
    }

    public ConfigProblem(String key, String problem, String example, Throwable cause) {
        super(key + ": " + problem + " (example: " + example + ")", cause);
    }

    /** The first ConfigProblem in a cause chain, or null. */
    public static ConfigProblem in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigProblem problem) {
                return problem;
            }
        }
        return null;
    }
}
