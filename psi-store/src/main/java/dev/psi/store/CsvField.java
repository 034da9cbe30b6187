package dev.psi.store;

/**
 * One field of an RFC 4180 CSV line, the rule every CSV that Psi writes follows (the store's export, the
 * report's tables): a field that holds a comma, a double quote or a line break is quoted, with quotes doubled;
 * any other is written as it is.
 */
public final class CsvField {

    private CsvField() {
    }

    /** {@code text} as a CSV field: {@code a,b} is {@code "a,b"}, {@code say "hi"} is {@code "say ""hi"""}. */
    public static String quote(String text) {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
