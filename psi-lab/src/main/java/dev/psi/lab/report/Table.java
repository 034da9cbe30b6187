package dev.psi.lab.report;

import dev.psi.store.CsvField;
import java.util.List;

/**
 * A table of the report, kept as text cells so that the HTML page and its CSV file show the same
 * values, formatted once.
 *
 * @param file the CSV file it is written to, e.g. {@code results.csv}; {@code null} for a table shown only
 *     on the page
 * @param header the column names
 * @param rows the cells, each row as long as the header
 */
record Table(String file, List<String> header, List<List<String>> rows) {

    Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " cells under " + header.size()
                        + " columns: " + row);
            }
        }
    }

    /** The table as an HTML {@code <table>}. */
    String toHtml() {
        StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
        header.forEach(cell -> html.append("<th>").append(Html.escape(cell)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(Html.escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    /** The table as RFC 4180 CSV: fields with a comma, quote or line break are quoted. */
    String toCsv() {
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        rows.forEach(row -> line(csv, row));
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int k = 0; k < cells.size(); k++) {
            if (k > 0) {
                csv.append(',');
            }
            csv.append(CsvField.quote(cells.get(k)));
        }
        csv.append("\r\n");
    }
}
