package dev.psi.lab.report;

import java.util.List;

/**
 * One section of the report page.
 *
 * @param id the HTML anchor
 * @param title the heading
 * @param html the body, inline SVG included
 * @param tables the tables of the body that are also written as CSV files
 */
record Section(String id, String title, String html, List<Table> tables) {

    Section {
        tables = List.copyOf(tables);
    }
}
