package routes.backoffice.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import routes.backoffice.csv.InventoryCsv.ParseResult;
import routes.backoffice.csv.InventoryCsv.RejectedRow;
import routes.backoffice.csv.InventoryCsv.StockRow;

class InventoryCsvTest {

    static ParseResult parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static ParseResult parse(byte[] bytes) {
        try {
            return InventoryCsv.parse("stock.csv", new ByteArrayInputStream(bytes), "MAIN");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static RejectedRow onlyRejection(ParseResult r) {
        assertThat(r.fileProblem()).isNull();
        assertThat(r.rejected()).hasSize(1);
        return r.rejected().get(0);
    }

    // ---- Accepting ----

    @Test
    void rowsWithAndWithoutLocation() {
        ParseResult r = parse("sku,quantity,location\nA-1,5,WH2\nB-2,0,\n");
        assertThat(r.fileProblem()).isNull();
        assertThat(r.rejected()).isEmpty();
        assertThat(r.accepted()).containsExactly(new StockRow(2, "A-1", 5, "WH2"), new StockRow(3, "B-2", 0, "MAIN"));
    }

    @Test
    void noLocationColumnUsesDefault() {
        assertThat(parse("sku,quantity\nA,1").accepted()).containsExactly(new StockRow(2, "A", 1, "MAIN"));
    }

    @Test
    void headerIsCaseInsensitiveTrimmedAnyOrderExtraColumnsIgnored() {
        ParseResult r = parse(" Note , QUANTITY,Location ,  Sku\nhello,7,WH,A\n");
        assertThat(r.fileProblem()).isNull();
        assertThat(r.accepted()).containsExactly(new StockRow(2, "A", 7, "WH"));
    }

    @Test
    void valuesAreTrimmedAndPlusSignAndLeadingZerosAreFine() {
        assertThat(parse("sku,quantity\n  A  , +007 \n").accepted()).containsExactly(new StockRow(2, "A", 7, "MAIN"));
    }

    @Test
    void minusZeroIsZero() {
        assertThat(parse("sku,quantity\nA,-0\n").accepted()).containsExactly(new StockRow(2, "A", 0, "MAIN"));
    }

    @Test
    void maxIntIsAccepted() {
        assertThat(parse("sku,quantity\nA,2147483647\n").accepted()).extracting(StockRow::quantity)
                .containsExactly(Integer.MAX_VALUE);
    }

    @Test
    void utf8BomIsDropped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ParseResult r = parse(concat(bom, utf8("sku,quantity\nÄ-ß,3\n")));
        assertThat(r.fileProblem()).isNull();
        assertThat(r.accepted()).containsExactly(new StockRow(2, "Ä-ß", 3, "MAIN"));
    }

    @Test
    void crlfCrAndLfLineEndingsCountAsOneLineEach() {
        ParseResult r = parse("sku,quantity\r\nA,1\rB,2\nC,3\r\n\r\nD,4");
        assertThat(r.accepted()).extracting(StockRow::line, StockRow::sku)
                .containsExactly(tuple(2, "A"), tuple(3, "B"), tuple(4, "C"), tuple(6, "D"));
    }

    @Test
    void quotedFieldsWithCommasQuotesAndNewlinesKeepPhysicalLineNumbers() {
        String csv = "sku,quantity,location\n"
                + "\"A,1\",1,\"W\"\"H\"\n"          // line 2
                + "\"multi\nline\",2,X\n"           // line 3-4: rejected (control char), line reported 3
                + "\"B\",\"3\",\"line\r\nbreak\"\n" // line 5-6: rejected location (control char)
                + "C,4\r\n";                         // line 7: too few columns
        ParseResult r = parse(csv + "D,5,Y\n");      // line 8
        assertThat(r.accepted()).containsExactly(new StockRow(2, "A,1", 1, "W\"H"), new StockRow(8, "D", 5, "Y"));
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::field)
                .containsExactly(tuple(3, "sku"), tuple(5, "location"), tuple(7, "location"));
        assertThat(r.rejected().get(0).reason()).startsWith("contains control characters");
        assertThat(r.rejected().get(0).rawLine()).isEqualTo("\"multi\nline\",2,X");
    }

    @Test
    void quotedNewlineInIgnoredColumnIsFine() {
        ParseResult r = parse("sku,quantity,note\nA,1,\"two\nlines\"\nB,2,x\n");
        assertThat(r.accepted()).extracting(StockRow::line, StockRow::sku).containsExactly(tuple(2, "A"), tuple(4, "B"));
    }

    @Test
    void blankLinesAndEmptyRowsAreSkipped() {
        ParseResult r = parse("\n\nsku,quantity\n\n   \n,\n\"\",\nA,1\n\n");
        assertThat(r.fileProblem()).isNull();
        assertThat(r.rejected()).isEmpty();
        assertThat(r.accepted()).containsExactly(new StockRow(8, "A", 1, "MAIN"));
    }

    @Test
    void headerOnlyIsAnEmptyButFineFile() {
        ParseResult r = parse("sku,quantity\r\n");
        assertThat(r.fileProblem()).isNull();
        assertThat(r.accepted()).isEmpty();
        assertThat(r.rejected()).isEmpty();
    }

    @Test
    void formulaLookingSkusAreKeptAsData() {
        ParseResult r = parse("sku,quantity\n=1+1,1\n+A,2\n-B,3\n@C,4\n");
        assertThat(r.rejected()).isEmpty();
        assertThat(r.accepted()).extracting(StockRow::sku).containsExactly("=1+1", "+A", "-B", "@C");
    }

    @Test
    void strayQuoteInsideUnquotedFieldIsLiteral() {
        assertThat(parse("sku,quantity\n12\" PIPE,1\n").accepted()).extracting(StockRow::sku).containsExactly("12\" PIPE");
    }

    @Test
    void sameSkuAtDifferentLocationsAreDifferentRows() {
        ParseResult r = parse("sku,quantity,location\nA,1,X\nA,2,Y\nA,3,\n");
        assertThat(r.rejected()).isEmpty();
        assertThat(r.accepted()).hasSize(3);
    }

    @Test
    void inputStreamIsNotClosed() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(utf8("sku,quantity\nA,1\n")) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        InventoryCsv.parse("x.csv", in, "MAIN");
        assertThat(closed[0]).isFalse();
    }

    @Test
    void defaultLocationMustBeAValidLocation() {
        for (String bad : List.of("", "  ", "L".repeat(51), "A\u0000")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> InventoryCsv.parse("x.csv", new ByteArrayInputStream(new byte[0]), bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("default location");
        }
    }

    @Test
    void fileNameIsMaskedInMessages() throws IOException {
        assertThat(InventoryCsv.parse("evil\n.csv", new ByteArrayInputStream(utf8("x\n")), "MAIN").fileProblem())
                .startsWith("evil?.csv line 1: ");
    }

    @Test
    void ioFailureIsThrown() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("network share gone");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("network share gone");
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InventoryCsv.parse("x.csv", failing, "MAIN"))
                .isInstanceOf(IOException.class).hasMessage("network share gone");
    }

    // ---- Duplicates ----

    @Test
    void lastRowWinsEarlierOnesAreSuperseded() {
        ParseResult r = parse("sku,quantity,location\nA,1,\nB,1,\nA,2,MAIN\nA,3,main\n");
        assertThat(r.accepted()).containsExactly(new StockRow(3, "B", 1, "MAIN"), new StockRow(4, "A", 2, "MAIN"),
                new StockRow(5, "A", 3, "main"));
        assertThat(r.rejected()).containsExactly(new RejectedRow(2, "sku", "A", "superseded by line 4", "A,1,"));
    }

    @Test
    void supersededRowsAreReportedWithTheLineThatWon() {
        ParseResult r = parse("sku,quantity\nA,1\nB,1\nA,2\nA,3\n");
        assertThat(r.accepted()).containsExactly(new StockRow(3, "B", 1, "MAIN"), new StockRow(5, "A", 3, "MAIN"));
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::field, RejectedRow::value, RejectedRow::reason,
                RejectedRow::rawLine).containsExactly(
                tuple(2, "sku", "A", "superseded by line 4", "A,1"),
                tuple(4, "sku", "A", "superseded by line 5", "A,2"));
    }

    @Test
    void anInvalidRowDoesNotSupersedeAValidOne() {
        ParseResult r = parse("sku,quantity\nA,1\nA,x\n");
        assertThat(r.accepted()).containsExactly(new StockRow(2, "A", 1, "MAIN"));
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::reason).containsExactly(tuple(3, "not an integer"));
    }

    @Test
    void skuComparisonIsExactAfterTrimming() {
        ParseResult r = parse("sku,quantity\nA,1\n a ,2\n A ,3\n");
        assertThat(r.accepted()).extracting(StockRow::line).containsExactly(3, 4);
        assertThat(r.rejected()).extracting(RejectedRow::reason).containsExactly("superseded by line 4");
    }

    // ---- Rejecting ----

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "',5,X'                       | sku      | empty",
        "'   ,5,X'                    | sku      | empty",
        "'A,,X'                       | quantity | empty",
        "'A,abc,X'                    | quantity | not an integer",
        "'A,1.5,X'                    | quantity | not an integer",
        "'A,1e3,X'                    | quantity | not an integer",
        "'A,0x10,X'                   | quantity | not an integer",
        "'A,2147483648,X'             | quantity | beyond int range (max 2147483647)",
        "'A,99999999999999999999999,X' | quantity | beyond int range (max 2147483647)",
        "'A,-1,X'                     | quantity | negative (quantity is an absolute stock level)",
        "'A,-99999999999999,X'        | quantity | negative (quantity is an absolute stock level)",
        "'A'                          | quantity | too few columns (found 1, expected 3)",
        "'A,5'                        | location | too few columns (found 2, expected 3)",
    })
    void eachRuleNamesLineFieldAndReason(String row, String field, String reason) {
        RejectedRow rejection = onlyRejection(parse("sku,quantity,location\nOK,1,X\n" + row + "\n"));
        assertThat(rejection.line()).isEqualTo(3);
        assertThat(rejection.field()).isEqualTo(field);
        assertThat(rejection.reason()).isEqualTo(reason);
        assertThat(rejection.rawLine()).isEqualTo(row);
    }

    @Test
    void skuLongerThan100() {
        String sku = "S".repeat(101);
        RejectedRow r = onlyRejection(parse("sku,quantity\n" + sku + ",1\n" + "S".repeat(100) + ",1\n"));
        assertThat(r).extracting(RejectedRow::line, RejectedRow::field, RejectedRow::value, RejectedRow::reason)
                .containsExactly(2, "sku", sku, "longer than 100 characters (101)");
    }

    @Test
    void skuLengthCountsCharactersNotBytes() {
        assertThat(parse("sku,quantity\n" + "é".repeat(100) + ",1\n").accepted()).hasSize(1);
    }

    @Test
    void skuWithControlCharacters() {
        for (String bad : List.of("A\u0000B", "A\u0007", "A\u001bB", "A\u007fB", "A\u200eB", "A\u202eB", "A\u2028B")) {
            RejectedRow r = onlyRejection(parse("sku,quantity\n" + bad + ",1\n"));
            assertThat(r.field()).isEqualTo("sku");
            assertThat(r.reason()).startsWith("contains control characters (U+");
        }
        assertThat(onlyRejection(parse("sku,quantity\n\"A\tB\",1\n")).reason())
                .isEqualTo("contains control characters (U+0009 at position 2)");
    }

    @Test
    void locationLongerThan50OrWithControlCharacters() {
        ParseResult r = parse("sku,quantity,location\nA,1," + "L".repeat(51) + "\nB,1,\"L\u0001\"\nC,1," + "L".repeat(50) + "\n");
        assertThat(r.accepted()).extracting(StockRow::sku).containsExactly("C");
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::field, RejectedRow::reason).containsExactly(
                tuple(2, "location", "longer than 50 characters (51)"),
                tuple(3, "location", "contains control characters (U+0001 at position 2)"));
    }

    @Test
    void invalidUtf8IsRejectedPerFieldAndNeighboursSurvive() {
        byte[] file = concat(
                utf8("sku,quantity,location\n"),
                utf8("GOOD-1,1,X\n"),
                utf8("CAF"), new byte[] {(byte) 0xE9}, utf8(",2,X\n"),        // ISO-8859-1 é in sku
                utf8("B,3,"), new byte[] {(byte) 0xC3, (byte) 0x28}, utf8("\n"), // broken sequence in location
                utf8("C,"), new byte[] {(byte) 0xFF}, utf8("4,X\n"),            // bad byte in quantity
                utf8("D,5,X,"), new byte[] {(byte) 0xFE}, utf8("\n"),           // bad byte in an ignored column
                utf8("E,"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8(",X\n"), // UTF-8 encoded surrogate
                utf8("GOOD-2,6,X\n"));
        ParseResult r = parse(file);
        assertThat(r.accepted()).extracting(StockRow::sku).containsExactly("GOOD-1", "D", "GOOD-2");
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::field, RejectedRow::reason).containsExactly(
                tuple(3, "sku", "not valid UTF-8"),
                tuple(4, "location", "not valid UTF-8"),
                tuple(5, "quantity", "not valid UTF-8"),
                tuple(7, "quantity", "not valid UTF-8"));
        assertThat(r.rejected().get(0).value()).isEqualTo("CAF\uFFFD");
    }

    @Test
    void aMegabyteCellIsRejectedAndTheNextRowStillRead() {
        String huge = "X".repeat(1024 * 1024);
        ParseResult r = parse("sku,quantity\nA,1\n" + huge + ",2\nB,3\n\"" + huge + "\",4\nC,5\n");
        assertThat(r.accepted()).extracting(StockRow::line, StockRow::sku)
                .containsExactly(tuple(2, "A"), tuple(4, "B"), tuple(6, "C"));
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::field, RejectedRow::reason).containsExactly(
                tuple(3, "sku", "record longer than 65536 bytes"),
                tuple(5, "sku", "record longer than 65536 bytes"));
        assertThat(r.rejected()).allSatisfy(rej -> {
            assertThat(rej.value().length()).isLessThanOrEqualTo(InventoryCsv.MAX_VALUE_CHARS + 1);
            assertThat(rej.rawLine().length()).isLessThanOrEqualTo(InventoryCsv.MAX_RAW_CHARS + 1);
        });
    }

    @Test
    void hugeQuotedFieldSpanningLinesIsOneRejection() {
        String huge = "line\n".repeat(20_000);
        ParseResult r = parse("sku,quantity\nA,\"" + huge + "\"\nB,1\n");
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::field).containsExactly(tuple(2, "quantity"));
        assertThat(r.accepted()).extracting(StockRow::line).containsExactly(20_003);
    }

    @Test
    void textAfterClosingQuote() {
        RejectedRow r = onlyRejection(parse("sku,quantity\n\"A\"B,1\nC,2\n"));
        assertThat(r).extracting(RejectedRow::line, RejectedRow::field, RejectedRow::reason)
                .containsExactly(2, "sku", "text after the closing quote of a quoted field");
    }

    @Test
    void unterminatedQuoteSwallowsTheRestAndSaysSo() {
        ParseResult r = parse("sku,quantity\nA,1\nB,\"2\nC,3\n");
        assertThat(r.accepted()).extracting(StockRow::sku).containsExactly("A");
        assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::field, RejectedRow::reason).containsExactly(
                tuple(3, "quantity", "unterminated quoted field (opened on line 3, the file ended inside it)"));
    }

    @Test
    void problemBeyondTheHeaderColumnsIsNamedByPosition() {
        RejectedRow r = onlyRejection(parse("sku,quantity\nA,1,x,\"y\"z\n"));
        assertThat(r.field()).isEqualTo("column 4");
    }

    // ---- FileProblems ----

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                arguments("foo,bar\nA,1\n", "stock.csv line 1: header must name columns sku and quantity (found: foo,bar)"),
                arguments("A-1,5\nA-2,6\n", "stock.csv line 1: header must name columns sku and quantity (found: A-1,5)"),
                arguments("sku\nA\n", "stock.csv line 1: header must name columns sku and quantity (found: sku)"),
                arguments("sku,qty\nA,1\n", "stock.csv line 1: header must name columns sku and quantity (found: sku,qty)"),
                arguments("\n\nquantity,location\n",
                        "stock.csv line 3: header must name columns sku and quantity (found: quantity,location)"),
                arguments("sku,quantity,SKU\nA,1,B\n",
                        "stock.csv line 1: header names column sku twice (found: sku,quantity,SKU)"),
                arguments("\"sku,quantity\nA,1\n", "stock.csv line 1: header is unreadable: unterminated quoted field "
                        + "(opened on line 1, the file ended inside it)"),
                arguments("", "stock.csv: empty file, header must name columns sku and quantity"),
                arguments("\n\r\n  \n,,\n", "stock.csv: empty file, header must name columns sku and quantity"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void badHeaders(String csv, String problem) {
        ParseResult r = parse(csv);
        assertThat(r.fileProblem()).isEqualTo(problem);
        assertThat(r.accepted()).isEmpty();
        assertThat(r.rejected()).isEmpty();
    }

    @Test
    void bomOnlyIsEmpty() {
        assertThat(parse(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).fileProblem())
                .isEqualTo("stock.csv: empty file, header must name columns sku and quantity");
    }

    @Test
    void undecodableHeader() {
        ParseResult r = parse(concat(utf8("sk"), new byte[] {(byte) 0xFC}, utf8(",quantity\nA,1\n")));
        assertThat(r.fileProblem()).isEqualTo(
                "stock.csv line 1: header is not valid UTF-8, it must name columns sku and quantity (found: sk\uFFFD,quantity)");
        assertThat(r.accepted()).isEmpty();
    }

    @Test
    void utf16WithBom() {
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "sku,quantity\nA,1\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(parse(le).fileProblem()).isEqualTo("stock.csv: file is UTF-16 (byte order mark FF FE), save it as UTF-8");
        assertThat(parse("sku,quantity\nA,1\n".getBytes(StandardCharsets.UTF_16)).fileProblem())
                .isEqualTo("stock.csv: file is UTF-16 (byte order mark FE FF), save it as UTF-8");
    }

    @Test
    void utf16WithoutBomGetsAHint() {
        ParseResult r = parse("sku,quantity\nA,1\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(r.fileProblem()).startsWith("stock.csv line 1: header must name columns sku and quantity (found: s?k?u?")
                .endsWith("; the file looks like UTF-16, save it as UTF-8");
    }

    @Test
    void hugeHeader() {
        ParseResult r = parse("sku,quantity," + "x".repeat(100_000) + "\nA,1\n");
        assertThat(r.fileProblem()).isEqualTo("stock.csv line 1: header is unreadable: record longer than 65536 bytes");
    }

    @Test
    void controlCharactersInFoundListAreMasked() {
        assertThat(parse("a\u0000b,c\u001b\n").fileProblem()).contains("(found: a?b,c?)");
    }

    // ---- ErrorsCsv ----

    @Test
    void writesHeaderAndOneRowPerRejectionInjectionSafe() throws IOException {
        ParseResult r = parse("sku,quantity\n=HYPERLINK(\"x\"),-5\n\"multi,\nline\",1\n@A,1\n@A,2\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InventoryCsv.writeErrors(r, out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("line,field,value,reason,raw\r\n");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new java.io.StringReader(text)).getRecords();
        assertThat(records).hasSize(4);
        assertThat(records.get(1).toList()).containsExactly("2", "quantity", "'-5",
                "negative (quantity is an absolute stock level)", "'=HYPERLINK(\"x\"),-5");
        assertThat(records.get(2).toList()).containsExactly("3", "sku", "multi,\nline",
                "contains control characters (U+000A at position 7)", "\"multi,\nline\",1");
        assertThat(records.get(3).toList()).containsExactly("5", "sku", "'@A", "superseded by line 6", "'@A,1");
    }

    @Test
    void fileProblemIsARow() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InventoryCsv.writeErrors(parse("foo\n"), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line,field,value,reason,raw\r\n"
                + "\"\",file,,stock.csv line 1: header must name columns sku and quantity (found: foo),\r\n");
    }

    @Test
    void outputStreamIsNotClosed() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        InventoryCsv.writeErrors(parse("sku,quantity\nA,x\n"), out);
        assertThat(closed[0]).isFalse();
        assertThat(out.size()).isPositive();
    }
}
