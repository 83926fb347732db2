package routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One store per table: every SQL statement on a hub table (a table the Flyway migrations create) lives in one class,
 * the table's store. A statement is about the first hub table it names ({@code INSERT INTO t}, {@code UPDATE t},
 * {@code DELETE FROM t}, a SELECT's first {@code FROM t}); the tables it joins or looks into further on belong to
 * that statement, so a join lives in the store of the table it answers about. Reads the string literals and text
 * blocks of the main sources; {@code routes.sandbox} (a peer's own database) is left out.
 */
class TableOwnersTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final List<Path> MIGRATIONS = List.of(Path.of("src/main/resources/db/migration"),
            Path.of("src/main/resources/db/hub-h2"));
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+(\\w+)");
    private static final Pattern TABLE_REFERENCE = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE)\\s+(\\w+)");

    @Test
    void everyHubTableHasItsSqlInOneClass() throws IOException {
        Set<String> tables = hubTables();
        Map<String, Set<String>> classesByTable = new TreeMap<>();
        for (Path source : mainSources()) {
            String owner = className(source);
            for (String literal : literals(Files.readString(source))) {
                String table = subject(literal, tables);
                if (table != null) {
                    classesByTable.computeIfAbsent(table, t -> new TreeSet<>()).add(owner);
                }
            }
        }
        Map<String, Set<String>> shared = new TreeMap<>(classesByTable);
        shared.values().removeIf(classes -> classes.size() < 2);
        classesByTable.forEach((table, classes) -> System.out.println("table " + table + ": " + classes));
        assertThat(shared).as("hub tables whose SQL is in more than one class (give each table one store)").isEmpty();
    }

    @Test
    void readsTheTablesOfTheMigrations() throws IOException {
        assertThat(hubTables()).contains("item", "stock_level", "change_log", "pause_switch", "sync_now_job");
    }

    @Test
    void aStatementIsAboutTheFirstHubTableItNames() {
        Set<String> tables = Set.of("item", "stock_level", "pause_switch", "change_log");
        assertThat(subject("SELECT s.sku FROM UNNEST(?) AS k(sku) JOIN stock_level s ON s.sku = k.sku", tables))
                .isEqualTo("stock_level");
        assertThat(subject("UPDATE change_log SET state = ? WHERE NOT EXISTS (SELECT 1 FROM pause_switch p)", tables))
                .isEqualTo("change_log");
        assertThat(subject("SELECT COUNT(*) FROM (SELECT sku FROM item) k", tables)).isEqualTo("item");
        assertThat(subject("no SKU in the hub; GET /api/v1/products lists them", tables)).isNull();
    }

    private static Set<String> hubTables() throws IOException {
        Set<String> tables = new TreeSet<>();
        for (Path dir : MIGRATIONS) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                    Matcher m = CREATE_TABLE.matcher(Files.readString(file));
                    while (m.find()) {
                        tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return tables;
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !MAIN.relativize(f).startsWith(Path.of("routes", "sandbox")))
                    .sorted().toList();
        }
    }

    private static String className(Path source) {
        String name = MAIN.relativize(source).toString().replace(source.getFileSystem().getSeparator(), ".");
        return name.substring(0, name.length() - ".java".length());
    }

    /** The first hub table the statement names, or null when it names none. */
    static String subject(String statement, Set<String> tables) {
        Matcher m = TABLE_REFERENCE.matcher(statement);
        while (m.find()) {
            if (tables.contains(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The contents of the source's string literals and text blocks (comments and char literals skipped). */
    static List<String> literals(String java) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < java.length()) {
            if (java.startsWith("//", i)) {
                i = end(java, "\n", i + 2);
            } else if (java.startsWith("/*", i)) {
                i = end(java, "*/", i + 2);
            } else if (java.startsWith("\"\"\"", i)) {
                int close = closing(java, "\"\"\"", i + 3);
                out.add(java.substring(i + 3, close));
                i = close + 3;
            } else if (java.charAt(i) == '"' || java.charAt(i) == '\'') {
                String quote = String.valueOf(java.charAt(i));
                int close = closing(java, quote, i + 1);
                if (quote.equals("\"")) {
                    out.add(java.substring(i + 1, close));
                }
                i = close + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int end(String java, String marker, int from) {
        int at = java.indexOf(marker, from);
        return at < 0 ? java.length() : at + marker.length();
    }

    /** Where the unescaped {@code quote} closing a literal opened before {@code from} starts. */
    private static int closing(String java, String quote, int from) {
        int i = from;
        while (!java.startsWith(quote, i)) {
            i += java.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }
}
