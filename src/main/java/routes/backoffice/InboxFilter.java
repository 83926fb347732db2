package routes.backoffice;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which names in a partner inbox are drops: a regular {@code *.csv} file (not an {@code .errors.csv}) whose name has
 * no control characters, line breaks or leading dot, and, for a local inbox, not a symbolic link and not resolving
 * outside the inbox. Every other name is left where it is and logged once (escaped), so a partner learns why a file
 * is never read. Directories are left to the consumer (it does not descend).
 */
public class InboxFilter implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger("synchub.inbox");
    private static final int REMEMBERED = 10_000;

    private final String inbox;
    private final String doneFileSuffix;
    /** Names already logged, so each skipped name costs one line (bounded: the oldest are forgotten). */
    private final Set<String> logged = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /**
     * @param inbox          shown in log lines (e.g. the route's task id and directory)
     * @param doneFileSuffix the done-file convention's suffix ({@code .done}), whose files are skipped silently; empty
     *                       when partners use none
     */
    public InboxFilter(String inbox, String doneFileSuffix) {
        this.inbox = inbox;
        this.doneFileSuffix = doneFileSuffix == null ? "" : doneFileSuffix;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return true;
        }
        String name = file.getFileNameOnly();
        if (!doneFileSuffix.isEmpty() && name.endsWith(doneFileSuffix)) {
            return false;
        }
        String why = refusal(name, file.getFile());
        if (why == null) {
            return true;
        }
        synchronized (logged) {
            if (logged.add(why + '\u0000' + name)) {
                LOG.warn("{}: skipped '{}': {}", inbox, FileNames.escaped(name), why);
            }
        }
        return false;
    }

    /** Why {@code name} is not read, or null. */
    static String refusal(String name, Object file) {
        if (name.startsWith(".")) {
            return "a name starting with '.' is hidden (a partner's temporary file); rename it to read it";
        }
        if (name.codePoints().anyMatch(InboxFilter::isControl)) {
            return "the name has control characters or line breaks; rename it to read it";
        }
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return "not a .csv file";
        }
        if (name.endsWith(".errors.csv")) {
            return "an errors report, not a drop";
        }
        if (file instanceof File local) {
            return localRefusal(local.toPath());
        }
        return null;
    }

    private static String localRefusal(Path path) {
        if (Files.isSymbolicLink(path)) {
            return "a symbolic link (never followed); drop the file itself";
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return "not a regular file";
        }
        try {
            Path real = path.toRealPath();
            Path dir = path.toAbsolutePath().getParent().toRealPath();
            if (!dir.equals(real.getParent())) {
                return "resolves outside the inbox";
            }
        } catch (IOException e) {
            return "cannot be resolved (" + e.getClass().getSimpleName() + ")";
        }
        return null;
    }

    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
