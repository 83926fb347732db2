package routes.backoffice.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Partner inventory drops: {@code sku,quantity[,location]} files with a header row.
 * <p>
 * The reader works on bytes: it splits records and fields itself (RFC 4180 quoting, CR / LF / CRLF, BOM) and decodes
 * every field on its own with a strict UTF-8 decoder, so one bad byte costs one row, never the file, and the rejection
 * names the field that holds it. A record is never held beyond {@link #MAX_RECORD_BYTES}; larger ones are skipped to
 * their end and rejected. Bad content never throws: it ends up as a {@link RejectedRow} or as the {@code fileProblem}.
 */
public final class InventoryCsv {

    /** Largest record (all its bytes, quotes included, line break excluded) that is read; larger ones are rejected. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;
    public static final int MAX_SKU_LENGTH = 100;
    public static final int MAX_LOCATION_LENGTH = 50;
    /** Rejections quote at most this many characters of a value, and {@link #MAX_RAW_CHARS} of the raw record. */
    public static final int MAX_VALUE_CHARS = 200;
    public static final int MAX_RAW_CHARS = 1000;

    public static final String SKU = "sku";
    public static final String QUANTITY = "quantity";
    public static final String LOCATION = "location";

    static final String NOT_UTF8 = "not valid UTF-8";

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    /** A row to apply: absolute stock level of {@code sku} at {@code location}. */
    public record StockRow(int line, String sku, int quantity, String location) {
    }

    /** A row not applied: line where its record starts, the field at fault, its value, why, and the raw record. */
    public record RejectedRow(int line, String field, String value, String reason, String rawLine) {
    }

    /**
     * The outcome of one file. With a {@code fileProblem} nothing is accepted (and no row is rejected one by one);
     * otherwise every non-blank data row is in exactly one of the lists, both in line order.
     */
    public record ParseResult(List<StockRow> accepted, List<RejectedRow> rejected, String fileProblem) {
        public ParseResult {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }

        public boolean hasFileProblem() {
            return fileProblem != null;
        }

        /** True when there is something worth an errors.csv. */
        public boolean hasErrors() {
            return fileProblem != null || !rejected.isEmpty();
        }
    }

    private InventoryCsv() {
    }

    /**
     * Reads one inventory file. {@code in} is read to its end but not closed.
     *
     * @param fileName        used in the file problem message only
     * @param defaultLocation the location of rows without one (no location column, or an empty cell); must itself be a
     *                        valid location (non-blank, at most 50 characters, no control characters)
     * @throws IOException              only when reading {@code in} fails
     * @throws IllegalArgumentException when {@code defaultLocation} is not a valid location (a setting, not content)
     */
    public static ParseResult parse(String fileName, InputStream in, String defaultLocation) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(defaultLocation, "defaultLocation");
        String locationProblem = textProblem(defaultLocation.strip(), MAX_LOCATION_LENGTH);
        if (locationProblem != null) {
            throw new IllegalArgumentException("default location '" + printable(defaultLocation, 60) + "': " + locationProblem);
        }
        String name = fileName == null || fileName.isBlank() ? "(unnamed file)" : printable(fileName, 200);
        return new Parser(name, new RecordReader(in), defaultLocation).run();
    }

    /** Rows read in one go from a streamed file: what to apply, what was rejected, and the line of the last record. */
    public record Chunk(List<StockRow> accepted, List<RejectedRow> rejected, int lastLine) {
    }

    /**
     * A file read in bounded chunks ({@link #next(int)}), for files too large to hold: only one chunk's rows are kept.
     * Within a chunk a later row for the same sku + location supersedes the earlier (rejected as superseded); across
     * chunks both are applied in line order, so the later one wins as well.
     */
    public static final class Chunks {
        private final Parser parser;
        private final String fileProblem;
        private final int skipThroughLine;

        private Chunks(Parser parser, int skipThroughLine) throws IOException {
            this.parser = parser;
            this.skipThroughLine = skipThroughLine;
            this.fileProblem = parser.header();
        }

        /** Why the whole file is refused (empty, UTF-16, bad header), or null: then {@link #next} gives its rows. */
        public String fileProblem() {
            return fileProblem;
        }

        /** The next chunk of at most {@code maxRows} data records, or null at the end of the file. */
        public Chunk next(int maxRows) throws IOException {
            if (fileProblem != null) {
                return null;
            }
            return parser.chunk(maxRows, skipThroughLine);
        }
    }

    /**
     * Opens {@code in} for reading in chunks; records starting on or before {@code skipThroughLine} are read past
     * without being parsed (a resumed file). {@code in} is not closed.
     */
    public static Chunks chunks(String fileName, InputStream in, String defaultLocation, int skipThroughLine) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(defaultLocation, "defaultLocation");
        String locationProblem = textProblem(defaultLocation.strip(), MAX_LOCATION_LENGTH);
        if (locationProblem != null) {
            throw new IllegalArgumentException("default location '" + printable(defaultLocation, 60) + "': " + locationProblem);
        }
        String name = fileName == null || fileName.isBlank() ? "(unnamed file)" : printable(fileName, 200);
        return new Chunks(new Parser(name, new RecordReader(in), defaultLocation), skipThroughLine);
    }

    /** The header row of an errors.csv; {@link #errorRows} writes the rows below it. */
    public static void writeErrorsHeader(org.apache.commons.csv.CSVPrinter out) {
        CsvExport.row(out, "line", "field", "value", "reason", "raw");
    }

    /** Rejected rows as errors.csv rows ({@code line,field,value,reason,raw}). */
    public static void errorRows(org.apache.commons.csv.CSVPrinter out, List<RejectedRow> rows) {
        for (RejectedRow row : rows) {
            CsvExport.row(out, row.line(), row.field(), row.value(), row.reason(), row.rawLine());
        }
    }

    /** An errors.csv row for a problem with the whole file. */
    public static void errorFileRow(org.apache.commons.csv.CSVPrinter out, String problem) {
        CsvExport.row(out, "", "file", "", problem, "");
    }

    /** Writes an errors.csv ({@code line,field,value,reason,raw}, injection-safe); {@code out} is flushed, not closed. */
    public static void writeErrors(ParseResult r, OutputStream out) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        if (r.fileProblem() != null) {
            rows.add(Arrays.asList("", "file", "", r.fileProblem(), ""));
        }
        for (RejectedRow row : r.rejected()) {
            rows.add(Arrays.asList(row.line(), row.field(), row.value(), row.reason(), row.rawLine()));
        }
        CsvExport.write(out, List.of("line", "field", "value", "reason", "raw"), rows);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final class Parser {
        private final String fileName;
        private final RecordReader reader;
        private final String defaultLocation;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        private List<String> columns;
        private int skuIdx = -1;
        private int qtyIdx = -1;
        private int locIdx = -1;

        /** Accepted so far, by sku + location; a later row with the same key supersedes the earlier. */
        private final Map<String, Candidate> bySkuAndLocation = new LinkedHashMap<>();
        private final List<RejectedRow> rejected = new ArrayList<>();

        private record Candidate(StockRow row, String raw) {
        }

        Parser(String fileName, RecordReader reader, String defaultLocation) {
            this.fileName = fileName;
            this.reader = reader;
            this.defaultLocation = defaultLocation.strip();
        }

        /** Reads up to and including the header: why the file is refused, or null. */
        String header() throws IOException {
            if (reader.utf16Bom() != null) {
                return fileName + ": file is UTF-16 (byte order mark " + reader.utf16Bom() + "), save it as UTF-8";
            }
            RawRecord header = nextNonBlank();
            if (header == null) {
                return fileName + ": empty file, header must name columns sku and quantity";
            }
            String headerProblem = readHeader(header);
            if (headerProblem != null) {
                return fileName + " line " + header.line + ": " + headerProblem;
            }
            return null;
        }

        Chunk chunk(int maxRows, int skipThroughLine) throws IOException {
            int rows = 0;
            int lastLine = -1;
            RawRecord record;
            while (rows < maxRows && (record = reader.next()) != null) {
                if (record.line <= skipThroughLine) {
                    continue;
                }
                lastLine = record.line;
                if (isBlank(record)) {
                    continue;
                }
                row(record);
                rows++;
            }
            if (lastLine < 0) {
                return null;
            }
            List<StockRow> accepted = new ArrayList<>();
            for (Candidate c : bySkuAndLocation.values()) {
                accepted.add(c.row());
            }
            accepted.sort(Comparator.comparingInt(StockRow::line));
            List<RejectedRow> out = new ArrayList<>(rejected);
            out.sort(Comparator.comparingInt(RejectedRow::line));
            bySkuAndLocation.clear();
            rejected.clear();
            return new Chunk(accepted, out, lastLine);
        }

        ParseResult run() throws IOException {
            String fileProblem = header();
            if (fileProblem != null) {
                return problem(fileProblem);
            }
            RawRecord record;
            while ((record = nextNonBlank()) != null) {
                row(record);
            }
            List<StockRow> accepted = new ArrayList<>();
            for (Candidate c : bySkuAndLocation.values()) {
                accepted.add(c.row());
            }
            accepted.sort(Comparator.comparingInt(StockRow::line));
            rejected.sort(Comparator.comparingInt(RejectedRow::line));
            return new ParseResult(accepted, rejected, null);
        }

        private static ParseResult problem(String message) {
            return new ParseResult(List.of(), List.of(), message);
        }

        private RawRecord nextNonBlank() throws IOException {
            RawRecord record;
            while ((record = reader.next()) != null) {
                if (!isBlank(record)) {
                    return record;
                }
            }
            return null;
        }

        private boolean isBlank(RawRecord record) {
            if (record.problem != null) {
                return false;
            }
            for (byte[] field : record.fields) {
                String text = decode(field);
                if (text == null || !text.isBlank()) {
                    return false;
                }
            }
            return true;
        }

        private String readHeader(RawRecord header) {
            if (header.problem != null) {
                return "header is unreadable: " + header.problem;
            }
            List<String> names = new ArrayList<>();
            boolean undecodable = false;
            for (byte[] field : header.fields) {
                String text = decode(field);
                if (text == null) {
                    undecodable = true;
                    text = lenient(field);
                }
                names.add(text.strip());
            }
            String found = "(found: " + printable(String.join(",", names), MAX_VALUE_CHARS) + ")";
            if (undecodable) {
                return "header is " + NOT_UTF8 + ", it must name columns sku and quantity " + found;
            }
            columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String column = names.get(i).toLowerCase(Locale.ROOT);
                columns.add(column);
                int already = switch (column) {
                    case SKU -> skuIdx;
                    case QUANTITY -> qtyIdx;
                    case LOCATION -> locIdx;
                    default -> -1;
                };
                if (already >= 0) {
                    return "header names column " + column + " twice " + found;
                }
                switch (column) {
                    case SKU -> skuIdx = i;
                    case QUANTITY -> qtyIdx = i;
                    case LOCATION -> locIdx = i;
                    default -> {
                        // extra columns are ignored
                    }
                }
            }
            if (skuIdx < 0 || qtyIdx < 0) {
                String hint = String.join(",", names).indexOf('\u0000') >= 0
                        ? "; the file looks like UTF-16, save it as UTF-8" : "";
                return "header must name columns sku and quantity " + found + hint;
            }
            return null;
        }

        private String columnName(int index) {
            return index < columns.size() && !columns.get(index).isEmpty()
                    ? printable(columns.get(index), 50) : "column " + (index + 1);
        }

        private void row(RawRecord record) {
            String raw = truncate(lenient(record.raw), MAX_RAW_CHARS);
            if (record.problem != null) {
                byte[] partial = record.problemColumn < record.fields.size() ? record.fields.get(record.problemColumn) : new byte[0];
                reject(record, columnName(record.problemColumn), lenient(partial), record.problem, raw);
                return;
            }
            int needed = Math.max(Math.max(skuIdx, qtyIdx), locIdx) + 1;
            if (record.fields.size() < needed) {
                int firstMissing = Integer.MAX_VALUE;
                for (int idx : new int[] {skuIdx, qtyIdx, locIdx}) {
                    if (idx >= record.fields.size() && idx < firstMissing) {
                        firstMissing = idx;
                    }
                }
                reject(record, columnName(firstMissing), "",
                        "too few columns (found " + record.fields.size() + ", expected " + needed + ")", raw);
                return;
            }
            String sku = decodeOrReject(record, skuIdx, raw);
            if (sku == null) {
                return;
            }
            String quantityText = decodeOrReject(record, qtyIdx, raw);
            if (quantityText == null) {
                return;
            }
            String locationText = locIdx < 0 ? "" : decodeOrReject(record, locIdx, raw);
            if (locationText == null) {
                return;
            }

            sku = sku.strip();
            String skuProblem = textProblem(sku, MAX_SKU_LENGTH);
            if (skuProblem != null) {
                reject(record, SKU, sku, skuProblem, raw);
                return;
            }

            quantityText = quantityText.strip();
            int quantity;
            if (quantityText.isEmpty()) {
                reject(record, QUANTITY, quantityText, "empty", raw);
                return;
            }
            if (!INTEGER.matcher(quantityText).matches()) {
                reject(record, QUANTITY, quantityText, "not an integer", raw);
                return;
            }
            if (quantityText.startsWith("-") && !quantityText.substring(1).chars().allMatch(c -> c == '0')) {
                reject(record, QUANTITY, quantityText, "negative (quantity is an absolute stock level)", raw);
                return;
            }
            try {
                quantity = Integer.parseInt(quantityText);
            } catch (NumberFormatException e) {
                reject(record, QUANTITY, quantityText, "beyond int range (max " + Integer.MAX_VALUE + ")", raw);
                return;
            }

            String location = locationText.strip();
            if (location.isEmpty()) {
                location = defaultLocation;
            } else {
                String locationProblem = textProblem(location, MAX_LOCATION_LENGTH);
                if (locationProblem != null) {
                    reject(record, LOCATION, location, locationProblem, raw);
                    return;
                }
            }

            StockRow row = new StockRow(record.line, sku, quantity, location);
            Candidate previous = bySkuAndLocation.remove(sku + '\u0000' + location);
            if (previous != null) {
                rejected.add(new RejectedRow(previous.row().line(), SKU, truncate(previous.row().sku(), MAX_VALUE_CHARS),
                        "superseded by line " + record.line, previous.raw()));
            }
            bySkuAndLocation.put(sku + '\u0000' + location, new Candidate(row, raw));
        }

        private String decodeOrReject(RawRecord record, int index, String raw) {
            byte[] bytes = record.fields.get(index);
            String text = decode(bytes);
            if (text == null) {
                reject(record, columnName(index), lenient(bytes), NOT_UTF8, raw);
            }
            return text;
        }

        private void reject(RawRecord record, String field, String value, String reason, String raw) {
            rejected.add(new RejectedRow(record.line, field, truncate(value, MAX_VALUE_CHARS), reason, raw));
        }

        /** Strict UTF-8, or null when the bytes are not valid UTF-8. */
        private String decode(byte[] bytes) {
            if (bytes.length == 0) {
                return "";
            }
            try {
                decoder.reset();
                return decoder.decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }

    /** Why a sku or location is not acceptable, or null. */
    static String textProblem(String value, int maxLength) {
        if (value.isEmpty()) {
            return "empty";
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            return "longer than " + maxLength + " characters (" + length + ")";
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (isControl(cp)) {
                return "contains control characters (" + String.format("U+%04X", cp) + " at position "
                        + (value.codePointCount(0, i) + 1) + ")";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** Control, format (zero-width, bidi overrides, BOM) and line/paragraph separator characters. */
    static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    static String lenient(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** For messages: control characters shown as '?', truncated. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.appendCodePoint(isControl(cp) ? '?' : cp));
        return truncate(out.toString(), max);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One record as bytes: its fields (quotes removed), the raw bytes (line break excluded), or why it is unreadable. */
    static final class RawRecord {
        int line;
        final List<byte[]> fields = new ArrayList<>();
        byte[] raw = new byte[0];
        String problem;
        int problemColumn;
    }

    /** Splits a byte stream into records: RFC 4180 quotes, CR / LF / CRLF, leading UTF-8 BOM dropped, size capped. */
    static final class RecordReader {
        private static final int CR = '\r';
        private static final int LF = '\n';
        private static final int QUOTE = '"';
        private static final int COMMA = ',';

        private final InputStream in;
        private final byte[] buf = new byte[16 * 1024];
        private int pos;
        private int limit;
        private boolean eof;
        private int line = 1;
        private String utf16Bom;

        RecordReader(InputStream in) throws IOException {
            this.in = in;
            fill(3);
            if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            } else if (limit >= 2 && (buf[0] & 0xFF) == 0xFE && (buf[1] & 0xFF) == 0xFF) {
                utf16Bom = "FE FF";
            } else if (limit >= 2 && (buf[0] & 0xFF) == 0xFF && (buf[1] & 0xFF) == 0xFE) {
                utf16Bom = "FF FE";
            }
        }

        String utf16Bom() {
            return utf16Bom;
        }

        /** Reads until at least {@code wanted} bytes are buffered or the stream ends. */
        private void fill(int wanted) throws IOException {
            while (!eof && limit - pos < wanted) {
                if (pos == limit) {
                    pos = 0;
                    limit = 0;
                }
                if (limit == buf.length) {
                    return;
                }
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
        }

        private int read() throws IOException {
            if (pos == limit) {
                fill(1);
                if (pos == limit) {
                    return -1;
                }
            }
            return buf[pos++] & 0xFF;
        }

        private int peek() throws IOException {
            if (pos == limit) {
                fill(1);
                if (pos == limit) {
                    return -1;
                }
            }
            return buf[pos] & 0xFF;
        }

        /** The next record, or null at the end of the stream. */
        RawRecord next() throws IOException {
            if (peek() < 0) {
                return null;
            }
            RawRecord record = new RawRecord();
            record.line = line;
            Bytes raw = new Bytes();
            Bytes field = new Bytes();
            int size = 0;
            boolean overflow = false;
            boolean fieldStart = true;
            boolean inQuotes = false;
            boolean closed = false; // just after the closing quote of a quoted field
            while (true) {
                int b = read();
                if (b < 0) {
                    if (inQuotes) {
                        problem(record, "unterminated quoted field (opened on line " + record.line
                                + ", the file ended inside it)");
                    }
                    break;
                }
                if (!inQuotes && (b == CR || b == LF)) {
                    if (b == CR && peek() == LF) {
                        read();
                    }
                    line++;
                    break;
                }
                size++;
                if (!overflow && size > MAX_RECORD_BYTES) {
                    overflow = true;
                    problem(record, "record longer than " + MAX_RECORD_BYTES + " bytes");
                }
                if (!overflow) {
                    raw.add(b);
                }
                if (inQuotes) {
                    if (b == QUOTE) {
                        if (peek() == QUOTE) {
                            read();
                            size++;
                            if (!overflow) {
                                raw.add(QUOTE);
                                field.add(QUOTE);
                            }
                        } else {
                            inQuotes = false;
                            closed = true;
                        }
                        continue;
                    }
                    if (b == CR || b == LF) {
                        line++;
                        if (b == CR && peek() == LF) {
                            read();
                            size++;
                            if (!overflow) {
                                raw.add(CR);
                                field.add(CR);
                                raw.add(LF);
                                field.add(LF);
                            }
                            continue;
                        }
                    }
                    if (!overflow) {
                        field.add(b);
                    }
                    continue;
                }
                if (b == COMMA) {
                    record.fields.add(field.toArray());
                    field = new Bytes();
                    fieldStart = true;
                    closed = false;
                    continue;
                }
                if (fieldStart && b == QUOTE) {
                    inQuotes = true;
                    fieldStart = false;
                    continue;
                }
                if (closed) {
                    problem(record, "text after the closing quote of a quoted field");
                    closed = false;
                }
                fieldStart = false;
                if (!overflow) {
                    field.add(b);
                }
            }
            record.fields.add(field.toArray());
            record.raw = raw.toArray();
            return record;
        }

        private static void problem(RawRecord record, String problem) {
            if (record.problem == null) {
                record.problem = problem;
                record.problemColumn = record.fields.size();
            }
        }
    }

    /** A growable byte array (the record cap bounds it). */
    private static final class Bytes {
        private byte[] data = new byte[64];
        private int size;

        void add(int b) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = (byte) b;
        }

        byte[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
