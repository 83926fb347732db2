package routes.backoffice.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import routes.backoffice.csv.InventoryCsv.ParseResult;
import routes.backoffice.csv.InventoryCsv.RejectedRow;
import routes.backoffice.csv.InventoryCsv.StockRow;
import routes.platform.Generator;

import static routes.platform.Generator.weight;

/**
 * Hostile-input properties for {@link InventoryCsv}: 1,000 generated files mixing valid rows with garbage (where the
 * expected outcome of every row is known), 500 files of random bytes and 500 of CSV "token soup". Seeded
 * ({@link Generator}): a failure names the seed and case that replay it.
 */
class InventoryCsvProperties {

    static final Generator.Seed SEED = Generator.seed(InventoryCsvProperties.class);

    static final String DEFAULT_LOCATION = "MAIN";
    static final String SKU = "sku";
    static final String QTY = "quantity";
    static final String LOC = "location";
    static final String NOTE = "note";

    // ---------------------------------------------------------------------------------------------------------
    // 1. valid rows mixed with garbage: accepted rows are exactly the valid ones, every other row rejected once

    enum Expect { ACCEPT, REJECT, BLANK }

    record Header(List<String> columns, String rendered) {
        int needed() {
            int n = Math.max(columns.indexOf(SKU), columns.indexOf(QTY));
            return Math.max(n, columns.indexOf(LOC)) + 1;
        }
    }

    /** Values of a valid row; {@code location} null means "not given". */
    record Values(String sku, String quantityText, int quantity, String location, byte[] note) {
    }

    /** A rendered row and what the parser must make of it (field / reasonStart null: any). */
    record Row(byte[] content, String ending, Expect expect, String sku, int quantity, String location, String field,
               String reasonStart, String kind) {
    }

    record FileSpec(Header header, boolean bom, List<Row> rows) {
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (bom) {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            out.writeBytes(header.rendered.getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            for (Row row : rows) {
                out.writeBytes(row.content);
                out.writeBytes(row.ending.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        }
    }

    @TestFactory
    Stream<DynamicTest> mixedFilesAccountForEveryRow() {
        return SEED.cases("mixedFilesAccountForEveryRow", 1000, g -> mixedFilesAccountForEveryRow(files(g)));
    }

    void mixedFilesAccountForEveryRow(FileSpec spec) throws IOException {
        byte[] bytes = spec.bytes();
        ParseResult result = InventoryCsv.parse("drop.csv", new ByteArrayInputStream(bytes), DEFAULT_LOCATION);
        assertThat(result.fileProblem()).isNull();

        // expected outcome, line by line
        Map<Integer, Row> byLine = new TreeMap<>();
        Map<String, Integer> lastLineByKey = new LinkedHashMap<>();
        Map<Integer, Integer> supersededBy = new TreeMap<>();
        int line = 2;
        for (Row row : spec.rows()) {
            if (row.expect != Expect.BLANK) {
                byLine.put(line, row);
            }
            if (row.expect == Expect.ACCEPT) {
                Integer previous = lastLineByKey.put(row.sku + '\u0000' + row.location, line);
                if (previous != null) {
                    supersededBy.put(previous, line);
                }
            }
            line += 1 + lineBreaks(row.content);
        }
        List<StockRow> expectedAccepted = new ArrayList<>();
        byLine.forEach((l, row) -> {
            if (row.expect == Expect.ACCEPT && !supersededBy.containsKey(l)) {
                expectedAccepted.add(new StockRow(l, row.sku, row.quantity, row.location));
            }
        });
        assertThat(result.accepted()).containsExactlyElementsOf(expectedAccepted);

        Set<Integer> expectedRejectedLines = new HashSet<>(supersededBy.keySet());
        byLine.forEach((l, row) -> {
            if (row.expect == Expect.REJECT) {
                expectedRejectedLines.add(l);
            }
        });
        assertThat(result.rejected()).extracting(RejectedRow::line).containsExactlyInAnyOrderElementsOf(expectedRejectedLines);
        for (RejectedRow rejected : result.rejected()) {
            assertRejectionWellFormed(rejected);
            if (supersededBy.containsKey(rejected.line())) {
                assertThat(rejected.field()).isEqualTo(SKU);
                assertThat(rejected.reason()).isEqualTo("superseded by line " + supersededBy.get(rejected.line()));
                continue;
            }
            Row row = byLine.get(rejected.line());
            if (row.field != null) {
                assertThat(rejected.field()).as("field of %s row on line %d", row.kind, rejected.line()).isEqualTo(row.field);
            }
            if (row.reasonStart != null) {
                assertThat(rejected.reason()).as("reason of %s row on line %d", row.kind, rejected.line())
                        .startsWith(row.reasonStart);
            }
        }
        assertErrorsCsvWritable(result);
    }

    static int lineBreaks(byte[] content) {
        int breaks = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                breaks++;
            } else if (content[i] == '\r') {
                breaks++;
                if (i + 1 < content.length && content[i + 1] == '\n') {
                    i++;
                }
            }
        }
        return breaks;
    }

    FileSpec files(Generator g) {
        Header header = headers(g);
        boolean bom = g.bool();
        return new FileSpec(header, bom, g.list(0, 30, () -> rows(g, header)));
    }

    Header headers(Generator g) {
        Random random = g.random();
        List<String> columns = new ArrayList<>(List.of(SKU, QTY));
        if (g.bool()) {
            columns.add(LOC);
        }
        if (g.bool()) {
            columns.add(NOTE);
        }
        java.util.Collections.shuffle(columns, random);
        List<String> rendered = new ArrayList<>();
        for (String column : columns) {
            String name = switch (random.nextInt(3)) {
                case 0 -> column.toUpperCase();
                case 1 -> Character.toUpperCase(column.charAt(0)) + column.substring(1);
                default -> column;
            };
            rendered.add(random.nextInt(4) == 0 ? " " + name + " " : name);
        }
        return new Header(List.copyOf(columns), String.join(",", rendered));
    }

    Row rows(Generator g, Header header) {
        String ending = g.oneOf("\n", "\r\n", "\r");
        return g.frequency(
                weight(6, () -> {
                    Values v = values(g, header);
                    return new Row(render(header, v, Map.of(), g.random()), ending, Expect.ACCEPT, v.sku, v.quantity,
                            v.location == null || v.location.isEmpty() ? DEFAULT_LOCATION : v.location, null, null, "valid");
                }),
                weight(5, () -> mutations(g, header).apply(header, values(g, header), ending, g.random())),
                weight(1, () -> new Row(utf8(g.oneOf("   ", ",", " , ,", "\t")), ending, Expect.BLANK, null, 0, null, null,
                        null, "blank")));
    }

    Values values(Generator g, Header header) {
        String sku = g.frequency(
                weight(3, () -> g.oneOf("A-1", "=DUP", "dup \"quoted\", with comma")),
                weight(7, () -> text(g, 1, 100)));
        int quantity = g.frequency(
                weight(1, () -> g.oneOf(0, Integer.MAX_VALUE)),
                weight(5, () -> g.between(0, Integer.MAX_VALUE)));
        String decoration = g.oneOf("", " ", "+", "00");
        String location = !header.columns.contains(LOC) ? null : g.frequency(
                weight(3, () -> g.oneOf("", "MAIN", "WH-1", " WH-1 ")),
                weight(3, () -> text(g, 1, 50)));
        byte[] note = !header.columns.contains(NOTE) ? new byte[0] : g.frequency(
                weight(3, () -> quoted(g.string("ab ,\"\n\r=é", 0, 30))),
                weight(1, () -> new byte[] {'x', (byte) 0xFF, (byte) 0xE9}),
                weight(1, () -> new byte[0]));
        String quantityText = switch (decoration) {
            case " " -> " " + quantity + " ";
            case "+" -> "+" + quantity;
            case "00" -> "00" + quantity;
            default -> Integer.toString(quantity);
        };
        return new Values(sku, quantityText, quantity, location == null ? null : location.strip(), note);
    }

    /** SKU / location text: letters, digits, punctuation, quotes, commas, formula starters, non-BMP; no outer spaces. */
    static String text(Generator g, int min, int max) {
        while (true) {
            String s = g.string("abcdefghijklmnopqrstuvwxyz0123456789ABXYZ-_./ #=+@,\"'éß中~", min, max)
                    .replace("~", "\uD83D\uDE00"); // one code point, two chars
            if (!s.isBlank() && s.strip().equals(s)) {
                return s;
            }
        }
    }

    /** One way to break a valid row. */
    interface Mutation {
        Row apply(Header header, Values values, String ending, Random random);
    }

    Mutation mutations(Generator g, Header header) {
        List<String> needed = new ArrayList<>(List.of(SKU, QTY));
        if (header.columns.contains(LOC)) {
            needed.add(LOC);
        }
        List<Supplier<Mutation>> kinds = new ArrayList<>();
        kinds.add(() -> cell(SKU, g.oneOf("", "  "), "empty", "empty sku"));
        kinds.add(() -> cell(SKU, g.string("abcdefghijklmnopqrstuvwxyz", 101, 300), "longer than 100 characters", "long sku"));
        kinds.add(() -> cell(SKU, "A" + g.oneOf("\u0000", "\u0001", "\u0007", "\t", "\u001b", "\u007f", "\u200b", "\u202e",
                "\n", "\r\n", "\r") + "B", "contains control characters", "control sku"));
        kinds.add(() -> cell(SKU, "NUL\u0000", "contains control characters", "nul sku"));
        kinds.add(() -> cell(QTY, g.oneOf("", "   "), "empty", "empty quantity"));
        kinds.add(() -> cell(QTY, g.oneOf("abc", "1.5", "1e3", "five", "\u0661\u0662", "12abc", "0x1F", "--1", "+-1", "1 000",
                "\u221e", "NaN", "5\u0000", "=1+1", "\"5\"\"", "5'"), "not an integer", "non-numeric quantity"));
        kinds.add(() -> cell(QTY, "-" + g.between(1, Integer.MAX_VALUE), "negative", "negative quantity"));
        kinds.add(() -> cell(QTY, String.valueOf(g.between(Integer.MAX_VALUE + 1L, Long.MAX_VALUE)),
                "beyond int range", "overflowing quantity"));
        kinds.add(() -> cell(QTY, "9" + g.string("0123456789", 20, 60), "beyond int range", "very long quantity"));
        if (header.columns.contains(LOC)) {
            kinds.add(() -> cell(LOC, g.string("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 51, 200), "longer than 50 characters",
                    "long location"));
            kinds.add(() -> cell(LOC, g.oneOf("L\u0000", "L\u0085X", "L\u2029X"), "contains control characters",
                    "control location"));
        }
        kinds.add(() -> {
            String column = g.oneOf(needed);
            byte[] bytes = g.oneOf(
                    new byte[] {'C', 'A', 'F', (byte) 0xE9},                          // ISO-8859-1
                    "A\u00e9".getBytes(StandardCharsets.UTF_16LE),                    // UTF-16
                    new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '5'},                     // UTF-16 with BOM
                    new byte[] {(byte) 0xC3, (byte) 0x28},                            // broken 2-byte sequence
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},               // encoded surrogate
                    new byte[] {(byte) 0xC0, (byte) 0xAF},                            // overlong '/'
                    new byte[] {'1', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xE2, (byte) 0x82});                           // truncated sequence
            return (h, v, ending, random) -> row(h, v, Map.of(column, bytes), ending, random, column, "not valid UTF-8",
                    "bad bytes");
        });
        kinds.add(() -> {
            String column = g.oneOf(header.columns);
            int size = g.between(65_537, 140_000);
            return (h, v, ending, random) -> row(h, v, Map.of(column, utf8("X".repeat(size))), ending, random, column,
                    "record longer than 65536 bytes", "huge field");
        });
        kinds.add(() -> {
            String column = g.oneOf(header.columns);
            String text = g.oneOf("\"A\"B", "\"\"x", "\"5\" ");
            return (h, v, ending, random) -> row(h, v, Map.of(column, utf8(text)), ending, random, column,
                    "text after the closing quote", "stray quote");
        });
        kinds.add(() -> {
            int k = g.between(1, header.needed() - 1);
            return (h, v, ending, random) -> {
                List<byte[]> cells = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    cells.add(utf8("x"));
                }
                String firstMissing = h.columns.subList(k, h.columns.size()).stream().filter(needed::contains).findFirst()
                        .orElseThrow();
                return new Row(join(cells), ending, Expect.REJECT, null, 0, null, firstMissing, "too few columns",
                        "too few columns");
            };
        });
        kinds.add(() -> {
            List<byte[]> garbage = g.list(header.columns.size(), header.columns.size(), () -> garbageCell(g));
            return (h, v, ending, random) -> {
                List<byte[]> cells = new ArrayList<>(garbage);
                int q = h.columns.indexOf(QTY);
                cells.set(q, concat(new byte[] {(byte) 0xFF}, cells.get(q)));
                return new Row(join(cells), ending, Expect.REJECT, null, 0, null, null, null, "garbage");
            };
        });
        return g.oneOf(kinds).get();
    }

    /** Up to 40 random bytes, none of them a line break, quote or comma. */
    static byte[] garbageCell(Generator g) {
        byte[] cell = g.bytes(0, 40);
        for (int i = 0; i < cell.length; i++) {
            while (cell[i] == '\r' || cell[i] == '\n' || cell[i] == '"' || cell[i] == ',') {
                cell[i] = (byte) g.between(-128, 127);
            }
        }
        return cell;
    }

    /** A mutation putting {@code text} (rendered as CSV) in {@code column}. */
    static Mutation cell(String column, String text, String reasonStart, String kind) {
        return (h, v, ending, random) -> row(h, v, Map.of(column, quoted(text)), ending, random, column, reasonStart, kind);
    }

    static Row row(Header h, Values v, Map<String, byte[]> overrides, String ending, Random random, String field,
                   String reasonStart, String kind) {
        return new Row(render(h, v, overrides, random), ending, Expect.REJECT, null, 0, null, field, reasonStart, kind);
    }

    static byte[] render(Header header, Values v, Map<String, byte[]> overrides, Random random) {
        List<byte[]> cells = new ArrayList<>();
        for (String column : header.columns) {
            byte[] cell = overrides.get(column);
            if (cell == null) {
                cell = switch (column) {
                    case SKU -> maybeQuoted(v.sku, random);
                    case QTY -> maybeQuoted(v.quantityText, random);
                    case LOC -> v.location == null ? new byte[0] : maybeQuoted(v.location, random);
                    default -> v.note;
                };
            }
            cells.add(cell);
        }
        return join(cells);
    }

    static byte[] maybeQuoted(String text, Random random) {
        return random.nextInt(4) == 0 ? forceQuoted(text) : quoted(text);
    }

    /** RFC 4180 cell: quoted when it must be. */
    static byte[] quoted(String text) {
        boolean must = text.contains(",") || text.contains("\"") || text.contains("\r") || text.contains("\n");
        return must ? forceQuoted(text) : utf8(text);
    }

    static byte[] forceQuoted(String text) {
        return utf8("\"" + text.replace("\"", "\"\"") + "\"");
    }

    static byte[] join(List<byte[]> cells) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(cells.get(i));
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. random bytes and token soup: never an exception, and the result is always self-consistent

    @TestFactory
    Stream<DynamicTest> randomBytesNeverBreakTheParser() {
        return SEED.cases("randomBytesNeverBreakTheParser", 500, g -> randomBytesNeverBreakTheParser(g.bytes(0, 400), g.bool()));
    }

    void randomBytesNeverBreakTheParser(byte[] noise, boolean withHeader) throws IOException {
        byte[] input = withHeader ? concat(utf8("sku,quantity,location\n"), noise) : noise;
        assertConsistent(InventoryCsv.parse("noise.csv", new ByteArrayInputStream(input), DEFAULT_LOCATION), input);
    }

    @TestFactory
    Stream<DynamicTest> tokenSoupNeverBreaksTheParser() {
        return SEED.cases("tokenSoupNeverBreaksTheParser", 500, g -> tokenSoupNeverBreaksTheParser(soup(g), g.bool()));
    }

    void tokenSoupNeverBreaksTheParser(List<byte[]> tokens, boolean bom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        out.writeBytes(utf8("Location,SKU,Quantity\r\n"));
        for (byte[] token : tokens) {
            if (java.util.Arrays.equals(token, HUGE_CELL)) {
                out.writeBytes(utf8("Y".repeat(70_000)));
            } else if (java.util.Arrays.equals(token, HUGE_QUOTED)) {
                out.writeBytes(utf8("\"" + "Z\n".repeat(40_000)));
            } else {
                out.writeBytes(token);
            }
        }
        byte[] input = out.toByteArray();
        ParseResult result = InventoryCsv.parse("soup.csv", new ByteArrayInputStream(input), DEFAULT_LOCATION);
        assertThat(result.fileProblem()).isNull();
        assertConsistent(result, input);
    }

    /** Markers expanded when the file is assembled (the token list stays small). */
    static final byte[] HUGE_CELL = utf8("<huge cell>");
    static final byte[] HUGE_QUOTED = utf8("<huge quoted multi-line cell>");

    List<byte[]> soup(Generator g) {
        return g.list(0, 80, () -> g.frequency(
                weight(80, () -> utf8(g.oneOf(",", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\t", "A", "B-1", "5", "0", "-3",
                        "=1+1", "@x", "99999999999", "\u0000", "é", "WH"))),
                weight(20, () -> g.oneOf(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xE9}, new byte[] {(byte) 0xC3},
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {0, 'A'})),
                weight(1, () -> g.oneOf(HUGE_CELL, HUGE_QUOTED))));
    }

    /** What must hold for any input. */
    static void assertConsistent(ParseResult result, byte[] input) {
        if (result.fileProblem() != null) {
            assertThat(result.fileProblem()).isNotBlank();
            assertThat(result.accepted()).isEmpty();
            assertThat(result.rejected()).isEmpty();
            return;
        }
        Set<Integer> lines = new HashSet<>();
        Set<String> keys = new HashSet<>();
        int physicalLines = lineBreaks(input) + 1;
        for (StockRow row : result.accepted()) {
            assertThat(row.line()).isBetween(2, physicalLines);
            assertThat(lines.add(row.line())).as("line %d reported once", row.line()).isTrue();
            assertThat(keys.add(row.sku() + '\u0000' + row.location())).isTrue();
            assertThat(InventoryCsv.textProblem(row.sku(), InventoryCsv.MAX_SKU_LENGTH)).isNull();
            assertThat(row.sku()).isEqualTo(row.sku().strip());
            assertThat(InventoryCsv.textProblem(row.location(), InventoryCsv.MAX_LOCATION_LENGTH)).isNull();
            assertThat(row.quantity()).isNotNegative();
        }
        for (RejectedRow row : result.rejected()) {
            assertRejectionWellFormed(row);
            assertThat(row.line()).isBetween(2, physicalLines);
            assertThat(lines.add(row.line())).as("line %d reported once", row.line()).isTrue();
        }
        assertErrorsCsvWritable(result);
    }

    static void assertRejectionWellFormed(RejectedRow row) {
        assertThat(row.line()).isGreaterThanOrEqualTo(2);
        assertThat(row.field()).isNotBlank();
        assertThat(row.reason()).isNotBlank();
        assertThat(row.value()).isNotNull().hasSizeLessThanOrEqualTo(InventoryCsv.MAX_VALUE_CHARS + 1);
        assertThat(row.rawLine()).isNotNull().hasSizeLessThanOrEqualTo(InventoryCsv.MAX_RAW_CHARS + 1);
    }

    static void assertErrorsCsvWritable(ParseResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            InventoryCsv.writeErrors(result, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // every cell of the errors file is injection-safe: no record starts a cell with a formula trigger
        try {
            for (var record : org.apache.commons.csv.CSVFormat.RFC4180.parse(
                    new java.io.StringReader(out.toString(StandardCharsets.UTF_8)))) {
                for (String cell : record) {
                    assertThat(CsvCells.isDangerous(cell)).as("cell %s", cell).isFalse();
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
