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

    /**
     * A route file that does not parse, as one line: "what, in FILE, line N, column M"; null when the failure is not
     * about a route file.
     */
    public static String routeFileError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("in file:") && message.contains("line ")) {
                String[] lines = message.strip().split("\\R");
                String where = lines.length > 1 ? lines[1].strip() : "";
                return lines[0].strip() + (where.isEmpty() ? "" : " " + where)
                        + " (fix the route file; synchub.routes.dir files override the built-in ones)";
            }
        }
        return null;
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
