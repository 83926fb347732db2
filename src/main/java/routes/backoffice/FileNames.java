package routes.backoffice;

/** File names as log lines and run records show them: never a raw control character, ESC or line break. */
final class FileNames {

    private static final int MAX_CHARS = 200;

    private FileNames() {
    }

    /** {@code name} with every control, format and line/paragraph separator character (and {@code \}) escaped. */
    static String escaped(String name) {
        if (name == null) {
            return "(no name)";
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (cp == '\\') {
                out.append("\\\\");
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.length() <= MAX_CHARS ? out.toString() : out.substring(0, MAX_CHARS) + "…";
    }
}
