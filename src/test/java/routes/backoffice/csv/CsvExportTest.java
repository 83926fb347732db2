package routes.backoffice.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvExportTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd", "\u0000cmd", "=", "-", "=HYPERLINK(\"http://x\")"})
    void formulaTriggersGetAnApostrophe(String cell) {
        assertThat(CsvCells.isDangerous(cell)).isTrue();
        assertThat(CsvCells.safe(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A-1", "1", " =1", "'=1", "a=b", "SKU+1", "x@y", "\n=1", "é"})
    void otherCellsAreUnchanged(String cell) {
        assertThat(CsvCells.isDangerous(cell)).isFalse();
        assertThat(CsvCells.safe(cell)).isEqualTo(cell);
    }

    @Test
    void nullIsEmpty() {
        assertThat(CsvCells.safe(null)).isEmpty();
    }

    @Test
    void rowsAreRfc4180WithCrlfAndEveryTextCellIsSafe() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(out, List.of("sku", "quantity", "note"), List.of(
                Arrays.asList("=A", 5, "has, comma"),
                Arrays.asList("B", -3, "has \"quote\"\nand newline"),
                Arrays.asList("@C", "-3", null),
                Arrays.asList("\tD", new BigDecimal("1E+3"), Double.NaN)));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("sku,quantity,note\r\n"
                + "'=A,5,\"has, comma\"\r\n"
                + "B,-3,\"has \"\"quote\"\"\nand newline\"\r\n"
                + "'@C,'-3,\r\n"
                + "'\tD,1000,NaN\r\n");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        assertThat(records.get(2).toList()).containsExactly("B", "-3", "has \"quote\"\nand newline");
    }

    @Test
    void rowHelperWorksOnAnyPrinter() throws IOException {
        java.io.StringWriter sw = new java.io.StringWriter();
        try (CSVPrinter p = CsvExport.printer(sw)) {
            CsvExport.row(p, "+x", 1L);
            CsvExport.row(p, List.of("@y"));
        }
        assertThat(sw).hasToString("'+x,1\r\n'@y\r\n");
    }

    @Test
    void rowHelperReportsIoFailuresUnchecked() throws IOException {
        Writer broken = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        CSVPrinter p = CsvExport.printer(broken);
        assertThatThrownBy(() -> CsvExport.row(p, "a")).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
    }

    @Test
    void writeAtomicallyCreatesTheTargetAndLeavesNoTemp() throws IOException {
        Path target = dir.resolve("export.csv");
        CsvExport.writeAtomically(target, p -> {
            CsvExport.row(p, "sku", "quantity");
            CsvExport.row(p, "=X", 1);
        });
        assertThat(target).hasContent("sku,quantity\r\n'=X,1\r\n");
        assertThat(listing()).containsExactly("export.csv");
    }

    @Test
    void writeAtomicallyReplacesAnExistingTarget() throws IOException {
        Path target = dir.resolve("export.csv");
        Files.writeString(target, "old\r\n");
        CsvExport.writeAtomically(target, p -> CsvExport.row(p, "new"));
        assertThat(target).hasContent("new\r\n");
        assertThat(listing()).containsExactly("export.csv");
    }

    @Test
    void failureLeavesNoPartialTargetAndNoTemp() {
        Path target = dir.resolve("export.csv");
        assertThatThrownBy(() -> CsvExport.writeAtomically(target, p -> {
            for (int i = 0; i < 10_000; i++) {
                CsvExport.row(p, "row", i);
            }
            throw new IllegalStateException("source failed half-way");
        })).isInstanceOf(IllegalStateException.class).hasMessage("source failed half-way");
        assertThat(target).doesNotExist();
        assertThat(listing()).isEmpty();
    }

    @Test
    void failureKeepsThePreviousTargetIntact() throws IOException {
        Path target = dir.resolve("export.csv");
        Files.writeString(target, "previous\r\n");
        assertThatThrownBy(() -> CsvExport.writeAtomically(target, p -> {
            CsvExport.row(p, "partial");
            throw new UncheckedIOException(new IOException("source gone"));
        })).isInstanceOf(IOException.class).hasMessage("source gone");
        assertThat(target).hasContent("previous\r\n");
        assertThat(listing()).containsExactly("export.csv");
    }

    @Test
    void missingDirectoryIsCreated() throws IOException {
        Path target = dir.resolve("out/sub/export.csv");
        CsvExport.writeAtomically(target, p -> CsvExport.row(p, "a"));
        assertThat(target).hasContent("a\r\n");
    }

    private List<String> listing() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
