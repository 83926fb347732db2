package routes.backoffice.csv;

/**
 * Cell-level protection against CSV / formula injection (OWASP "CSV Injection").
 * <p>
 * A spreadsheet treats a cell starting with {@code = + - @} as a formula, and some also strip a leading TAB, CR or NUL
 * before looking. Such a cell is written with a leading apostrophe, which spreadsheets show as text and do not run.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** True when {@code cell} would be read as a formula by a spreadsheet. */
    public static boolean isDangerous(String cell) {
        if (cell == null || cell.isEmpty()) {
            return false;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\u0000' -> true;
            default -> false;
        };
    }

    /** The cell as it may be written to a CSV export: {@code null} becomes empty, a formula-looking cell gets a leading {@code '}. */
    public static String safe(String cell) {
        if (cell == null) {
            return "";
        }
        return isDangerous(cell) ? "'" + cell : cell;
    }
}
