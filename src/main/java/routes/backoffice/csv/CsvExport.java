package routes.backoffice.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writing CSV exports: RFC 4180 (comma, double quotes, CRLF), UTF-8 without BOM, every text cell through
 * {@link CsvCells#safe(String)}.
 * <p>
 * Use {@link #row(CSVPrinter, Object...)} (never {@code CSVPrinter.printRecord} directly) so that cells are neutralised.
 * Cells typed as JDK numbers (Integer, Long, Short, Byte, BigInteger, BigDecimal, finite Double/Float) are written as
 * they are: a number such as {@code -5} cannot carry a formula and stays numeric in a spreadsheet.
 */
public final class CsvExport {

    /** RFC 4180: comma, double quote, CRLF record separator. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private CsvExport() {
    }

    /** A printer on {@code out} (the caller closes it; closing it closes {@code out}). */
    public static CSVPrinter printer(Writer out) throws IOException {
        return new CSVPrinter(out, FORMAT);
    }

    /** A printer on {@code out} in UTF-8 (closing the printer closes {@code out}). */
    public static CSVPrinter printer(OutputStream out) throws IOException {
        return printer(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** One record, each cell neutralised; I/O failures come out as {@link UncheckedIOException} (usable in lambdas). */
    public static void row(CSVPrinter out, Object... cells) {
        row(out, cells == null ? List.of() : java.util.Arrays.asList(cells));
    }

    /** One record, each cell neutralised; I/O failures come out as {@link UncheckedIOException}. */
    public static void row(CSVPrinter out, Iterable<?> cells) {
        List<String> safe = new ArrayList<>();
        for (Object cell : cells) {
            safe.add(cell(cell));
        }
        try {
            out.printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text written for one cell. */
    static String cell(Object cell) {
        if (cell == null) {
            return "";
        }
        if (isPlainNumber(cell)) {
            return cell instanceof BigDecimal big ? big.toPlainString() : cell.toString();
        }
        return CsvCells.safe(cell.toString());
    }

    private static boolean isPlainNumber(Object cell) {
        if (cell instanceof Integer || cell instanceof Long || cell instanceof Short || cell instanceof Byte
                || cell instanceof BigInteger || cell instanceof BigDecimal) {
            return true;
        }
        if (cell instanceof Double d) {
            return Double.isFinite(d);
        }
        if (cell instanceof Float f) {
            return Float.isFinite(f);
        }
        return false;
    }

    /** Header and rows to {@code out} (UTF-8); {@code out} is flushed, not closed. */
    public static void write(OutputStream out, List<String> header, Iterable<? extends Iterable<?>> rows) throws IOException {
        Writer writer = new OutputStreamWriter(NonClosing.of(out), StandardCharsets.UTF_8);
        try (CSVPrinter printer = printer(writer)) {
            if (header != null) {
                row(printer, header);
            }
            for (Iterable<?> r : rows) {
                row(printer, r);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes {@code target} so that no reader ever sees it half-written: the rows go to a hidden temp file in the same
     * directory ({@code .name.<random>.tmp}, ignored by Camel's file consumer as a dot-file), which is flushed to disk
     * and then moved over the target with {@code ATOMIC_MOVE, REPLACE_EXISTING}. If anything fails, the temp file is
     * deleted and the previous target (if any) is left untouched.
     *
     * @param rows writes the records, preferably with {@link #row(CSVPrinter, Object...)}
     */
    public static void writeAtomically(Path target, Consumer<CSVPrinter> rows) throws IOException {
        Objects.requireNonNull(rows, "rows");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        boolean moved = false;
        try {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream stream = java.nio.channels.Channels.newOutputStream(channel);
                CSVPrinter printer = printer(new OutputStreamWriter(NonClosing.of(stream), StandardCharsets.UTF_8));
                try {
                    rows.accept(printer);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                printer.close(true);
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure matters more
                }
            }
        }
    }

    /** Shields a stream from close(), so wrapping writers can be closed without closing the caller's stream. */
    static final class NonClosing extends java.io.FilterOutputStream {
        private NonClosing(OutputStream out) {
            super(out);
        }

        static OutputStream of(OutputStream out) {
            return new NonClosing(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
