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

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

import routes.backoffice.csv.InventoryCsv.ParseResult;
import routes.backoffice.csv.InventoryCsv.RejectedRow;
import routes.backoffice.csv.InventoryCsv.StockRow;

/**
 * Hostile-input properties for {@link InventoryCsv}: 1,000 generated files mixing valid rows with garbage (where the
 * expected outcome of every row is known), 500 files of random bytes and 500 of CSV "token soup".
 */
class InventoryCsvProperties {

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

    @Property(tries = 1000)
    void mixedFilesAccountForEveryRow(@ForAll("files") FileSpec spec) throws IOException {
        byte[] bytes = spec.bytes();
        ParseResult result = InventoryCsv.parse("drop.csv", new ByteArrayInputStream(bytes), DEFAULT_LOCATION);
        assertThat(result.fileProblem()).isNull();

        // expected outcome, line by line
        Map<Integer, Row> byLine = new TreeMap<>();
        Map<String, Integer> lastLineByKey = new LinkedHashMap<>();
        Map<Integer, Integer> supersededBy = new TreeMap<>();
        int line = 2;
        for (Row row : spec.rows()) {
            Statistics.label("row kind").collect(row.kind);
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

    @Provide
    Arbitrary<FileSpec> files() {
        return headers().flatMap(header -> Combinators.combine(
                Arbitraries.of(true, false),
                rows(header).list().ofMaxSize(30)
        ).as((bom, rows) -> new FileSpec(header, bom, rows)));
    }

    Arbitrary<Header> headers() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.randoms())
                .as((hasLocation, hasNote, random) -> {
                    List<String> columns = new ArrayList<>(List.of(SKU, QTY));
                    if (hasLocation) {
                        columns.add(LOC);
                    }
                    if (hasNote) {
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
                });
    }

    Arbitrary<Row> rows(Header header) {
        Arbitrary<String> endings = Arbitraries.of("\n", "\r\n", "\r");
        Arbitrary<Values> values = values(header);
        Arbitrary<Row> valid = Combinators.combine(values, endings, Arbitraries.randoms())
                .as((v, ending, random) -> new Row(render(header, v, Map.of(), random), ending, Expect.ACCEPT,
                        v.sku, v.quantity, v.location == null || v.location.isEmpty() ? DEFAULT_LOCATION : v.location,
                        null, null, "valid"));
        Arbitrary<Row> broken = Combinators.combine(values, mutations(header), endings, Arbitraries.randoms())
                .as((v, m, ending, random) -> m.apply(header, v, ending, random));
        Arbitrary<Row> blank = Combinators.combine(Arbitraries.of("   ", ",", " , ,", "\t"), endings)
                .as((text, ending) -> new Row(utf8(text), ending, Expect.BLANK, null, 0, null, null, null, "blank"));
        return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(5, broken), Tuple.of(1, blank));
    }

    Arbitrary<Values> values(Header header) {
        Arbitrary<String> skus = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("A-1", "=DUP", "dup \"quoted\", with comma")),
                Tuple.of(7, text(1, 100)));
        Arbitrary<Integer> quantities = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0, Integer.MAX_VALUE)),
                Tuple.of(5, Arbitraries.integers().between(0, Integer.MAX_VALUE)));
        Arbitrary<String> locations = !header.columns.contains(LOC) ? Arbitraries.just(null)
                : Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("", "MAIN", "WH-1", " WH-1 ")), Tuple.of(3, text(1, 50)));
        Arbitrary<byte[]> notes = !header.columns.contains(NOTE) ? Arbitraries.just(new byte[0]) : Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().withChars("ab ,\"\n\r=é").ofMaxLength(30).map(InventoryCsvProperties::quoted)),
                Tuple.of(1, Arbitraries.just(new byte[] {'x', (byte) 0xFF, (byte) 0xE9})),
                Tuple.of(1, Arbitraries.just(new byte[0])));
        return Combinators.combine(skus, quantities, Arbitraries.of("", " ", "+", "00"), locations, notes)
                .as((sku, quantity, decoration, location, note) -> {
                    String quantityText = switch (decoration) {
                        case " " -> " " + quantity + " ";
                        case "+" -> "+" + quantity;
                        case "00" -> "00" + quantity;
                        default -> quantity.toString();
                    };
                    return new Values(sku, quantityText, quantity, location == null ? null : location.strip(), note);
                });
    }

    /** SKU / location text: letters, digits, punctuation, quotes, commas, formula starters, non-BMP; no outer spaces. */
    static Arbitrary<String> text(int min, int max) {
        return Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('0', '9')
                .withChars("ABXYZ-_./ #=+@,\"'éß中~")
                .ofMinLength(min).ofMaxLength(max)
                .map(s -> s.replace("~", "\uD83D\uDE00")) // one code point, two chars
                .filter(s -> !s.isBlank() && s.strip().equals(s));
    }

    /** One way to break a valid row. */
    interface Mutation {
        Row apply(Header header, Values values, String ending, Random random);
    }

    Arbitrary<Mutation> mutations(Header header) {
        List<String> needed = new ArrayList<>(List.of(SKU, QTY));
        if (header.columns.contains(LOC)) {
            needed.add(LOC);
        }
        List<Arbitrary<Mutation>> kinds = new ArrayList<>();
        kinds.add(cell(SKU, Arbitraries.of("", "  "), "empty", "empty sku"));
        kinds.add(cell(SKU, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(101).ofMaxLength(300),
                "longer than 100 characters", "long sku"));
        kinds.add(cell(SKU, Arbitraries.of("\u0000", "\u0001", "\u0007", "\t", "\u001b", "\u007f", "\u200b", "\u202e", "\n", "\r\n", "\r")
                .map(c -> "A" + c + "B"), "contains control characters", "control sku"));
        kinds.add(cell(SKU, Arbitraries.of("NUL\u0000"), "contains control characters", "nul sku"));
        kinds.add(cell(QTY, Arbitraries.of("", "   "), "empty", "empty quantity"));
        kinds.add(cell(QTY, Arbitraries.of("abc", "1.5", "1e3", "five", "\u0661\u0662", "12abc", "0x1F", "--1", "+-1", "1 000",
                "\u221e", "NaN", "5\u0000", "=1+1", "\"5\"\"", "5'"), "not an integer", "non-numeric quantity"));
        kinds.add(cell(QTY, Arbitraries.integers().between(1, Integer.MAX_VALUE).map(n -> "-" + n), "negative", "negative quantity"));
        kinds.add(cell(QTY, Arbitraries.longs().between(Integer.MAX_VALUE + 1L, Long.MAX_VALUE).map(String::valueOf),
                "beyond int range", "overflowing quantity"));
        kinds.add(cell(QTY, Arbitraries.strings().numeric().ofMinLength(20).ofMaxLength(60).map(s -> "9" + s),
                "beyond int range", "very long quantity"));
        if (header.columns.contains(LOC)) {
            kinds.add(cell(LOC, Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(51).ofMaxLength(200),
                    "longer than 50 characters", "long location"));
            kinds.add(cell(LOC, Arbitraries.of("L\u0000", "L\u0085X", "L\u2029X"), "contains control characters", "control location"));
        }
        Arbitrary<byte[]> badBytes = Arbitraries.of(
                new byte[] {'C', 'A', 'F', (byte) 0xE9},                          // ISO-8859-1
                "A\u00e9".getBytes(StandardCharsets.UTF_16LE),                    // UTF-16
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '5'},                     // UTF-16 with BOM
                new byte[] {(byte) 0xC3, (byte) 0x28},                            // broken 2-byte sequence
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},               // encoded surrogate
                new byte[] {(byte) 0xC0, (byte) 0xAF},                            // overlong '/'
                new byte[] {'1', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82});                           // truncated sequence
        kinds.add(Combinators.combine(Arbitraries.of(needed), badBytes).as((column, bytes) ->
                (h, v, ending, random) -> row(h, v, Map.of(column, bytes), ending, random, column, "not valid UTF-8", "bad bytes")));
        kinds.add(Combinators.combine(Arbitraries.of(header.columns), Arbitraries.integers().between(65_537, 140_000))
                .as((column, size) -> (h, v, ending, random) -> row(h, v, Map.of(column, utf8("X".repeat(size))), ending,
                        random, column, "record longer than 65536 bytes", "huge field")));
        kinds.add(Combinators.combine(Arbitraries.of(header.columns), Arbitraries.of("\"A\"B", "\"\"x", "\"5\" "))
                .as((column, text) -> (h, v, ending, random) -> row(h, v, Map.of(column, utf8(text)), ending, random, column,
                        "text after the closing quote", "stray quote")));
        kinds.add(Arbitraries.integers().between(1, header.needed() - 1).map(k -> (h, v, ending, random) -> {
            List<byte[]> cells = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                cells.add(utf8("x"));
            }
            String firstMissing = h.columns.subList(k, h.columns.size()).stream().filter(needed::contains).findFirst().orElseThrow();
            return new Row(join(cells), ending, Expect.REJECT, null, 0, null, firstMissing, "too few columns", "too few columns");
        }));
        kinds.add(Arbitraries.bytes().filter(b -> b != '\r' && b != '\n' && b != '"' && b != ',').array(byte[].class)
                .ofMaxSize(40).list().ofSize(header.columns.size()).map(garbage -> (h, v, ending, random) -> {
                    List<byte[]> cells = new ArrayList<>(garbage);
                    int q = h.columns.indexOf(QTY);
                    cells.set(q, concat(new byte[] {(byte) 0xFF}, cells.get(q)));
                    return new Row(join(cells), ending, Expect.REJECT, null, 0, null, null, null, "garbage");
                }));
        return Arbitraries.oneOf(kinds);
    }

    /** A mutation putting {@code text} (rendered as CSV) in {@code column}. */
    static Arbitrary<Mutation> cell(String column, Arbitrary<String> texts, String reasonStart, String kind) {
        return texts.map(text -> (h, v, ending, random) ->
                row(h, v, Map.of(column, quoted(text)), ending, random, column, reasonStart, kind));
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

    @Property(tries = 500)
    void randomBytesNeverBreakTheParser(@ForAll @Size(max = 400) byte[] noise, @ForAll boolean withHeader) throws IOException {
        byte[] input = withHeader ? concat(utf8("sku,quantity,location\n"), noise) : noise;
        assertConsistent(InventoryCsv.parse("noise.csv", new ByteArrayInputStream(input), DEFAULT_LOCATION), input);
    }

    @Property(tries = 500)
    void tokenSoupNeverBreaksTheParser(@ForAll("soup") List<byte[]> tokens, @ForAll boolean bom) throws IOException {
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

    /** Markers expanded when the file is assembled (big arrays slow jqwik's generation down). */
    static final byte[] HUGE_CELL = utf8("<huge cell>");
    static final byte[] HUGE_QUOTED = utf8("<huge quoted multi-line cell>");

    @Provide
    Arbitrary<List<byte[]>> soup() {
        Arbitrary<byte[]> token = Arbitraries.frequencyOf(
                Tuple.of(80, Arbitraries.of(",", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\t", "A", "B-1", "5", "0", "-3", "=1+1",
                        "@x", "99999999999", "\u0000", "é", "WH").map(InventoryCsvProperties::utf8)),
                Tuple.of(20, Arbitraries.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xE9}, new byte[] {(byte) 0xC3},
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {0, 'A'})),
                Tuple.of(1, Arbitraries.of(HUGE_CELL, HUGE_QUOTED)));
        return token.list().ofMaxSize(80);
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
