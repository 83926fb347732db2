package routes.platform;

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

    private ConfigProblem(String message) {
        super(message);
    }

    /** A route file that parses but breaks a rule: "FILE: rule (fix: what to do)". */
    public static ConfigProblem inRouteFile(String file, String rule, String fix) {
        return new ConfigProblem(file + ": " + rule + " (fix: " + fix + ")");
    }

    /**
     * A route file that does not parse, as one line: "what, in FILE, line N, column M"; null when the failure is not
     * about a route file.
     */
    public static String routeFileError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("in file:") && message.contains("line ")) {
                return oneLine(message) + " (fix the route file; synchub.routes.dir files override the built-in ones)";
            }
        }
        return null;
    }

    /**
     * Parser messages come as pairs of lines, "what" then "in FILE, line N, column M", then a source excerpt; the last
     * pair is the problem, an earlier one its context. Returns "problem in FILE, line N, column M (context ...)".
     */
    static String oneLine(String message) {
        String[] lines = message.strip().split("\\R");
        java.util.List<String> pairs = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < lines.length; i++) {
            String next = lines[i + 1].strip();
            if (next.startsWith("in ") && !lines[i].isBlank()) {
                String what = lines[i].strip().replaceFirst("^[\\w.$]+(Exception|Error): ", "");
                pairs.add(what + " " + next.replaceAll(":$", ""));
            }
        }
        if (pairs.isEmpty()) {
            return lines[0].strip();
        }
        String problem = pairs.get(pairs.size() - 1);
        return pairs.size() == 1 ? problem : problem + " (" + pairs.get(0) + ")";
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
