package dev.psi.store;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * Writes every table of a results database as one CSV file, {@code <table>.csv}, for tools without a
 * database driver.
 *
 * <p>Files follow RFC 4180: a header row of column names, CRLF line ends, and fields quoted when they hold a
 * comma, a double quote or a line break, with quotes doubled. SQL {@code NULL} is an empty field; an empty
 * string is written {@code ""} so the two stay apart. Numbers are written as Java prints them
 * ({@code 0.1}, {@code 1.0E-5}), which round-trips every double exactly. Rows are ordered by primary key, so
 * two exports of the same data are byte for byte equal. Obtained from {@link ResultStore#csvExport()}.
 */
public final class CsvExport {

    /** A table to export and the order of its rows. */
    private record Table(String name, String orderBy) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("studies", "id"),
            new Table("tasks", "id"),
            new Table("trials", "id"),
            new Table("epochs", "trial_id, epoch"),
            new Table("evaluations", "trial_id, step"),
            new Table("recoveries", "trial_id, step"),
            new Table("psi_models", "id"),
            new Table("surface", "trial_id, epoch, kind, lr"),
            new Table("jobs", "id"));

    private static final String LINE_END = "\r\n";

    private final StoreLocation location;

    CsvExport(StoreLocation location) {
        this.location = location;
    }

    /**
     * Writes every table to {@code directory} as {@code studies.csv}, {@code tasks.csv}, {@code trials.csv},
     * {@code epochs.csv}, {@code evaluations.csv}, {@code recoveries.csv}, {@code psi_models.csv},
     * {@code surface.csv} and {@code jobs.csv}, creating the directory if needed and replacing those files.
     * The files show one consistent moment of the database; writers are not blocked meanwhile.
     *
     * @throws StoreException if the directory or a file cannot be written
     */
    public void write(Path directory) {
        Objects.requireNonNull(directory, "directory");
        String action = "Cannot export results database " + location.display() + " to " + directory + ": ";
        // A separate read-only connection gives a snapshot without holding the writer's lock.
        try (Connection reader = Connections.openSnapshotReader(location)) {
            reader.setAutoCommit(false);
            write(reader, directory);
            reader.commit();
        } catch (IOException e) {
            throw new StoreException(action + describe(e), e);
        } catch (SQLException e) {
            throw new StoreException(action + location.dialect().reason(e), e);
        }
    }

    /**
     * Writes all tables into {@code directory}, creating it if needed and replacing files of the same names.
     * The caller runs this inside one read transaction so that the files agree with each other.
     *
     * @throws IOException if a file cannot be written, described by {@link #describe(IOException)}
     */
    private static void write(Connection connection, Path directory) throws IOException, SQLException {
        Files.createDirectories(directory);
        try (Statement statement = connection.createStatement()) {
            for (Table table : TABLES) {
                try (ResultSet rows = statement.executeQuery(
                        "SELECT * FROM " + table.name() + " ORDER BY " + table.orderBy());
                     Writer out = Files.newBufferedWriter(
                             directory.resolve(table.name() + ".csv"), StandardCharsets.UTF_8)) {
                    writeRows(rows, out);
                }
            }
        }
    }

    /** One line naming the file and what is wrong with it; see {@link FileFailures#describe(IOException)}. */
    static String describe(IOException e) {
        return FileFailures.describe(e);
    }

    private static void writeRows(ResultSet rows, Writer out) throws IOException, SQLException {
        ResultSetMetaData columns = rows.getMetaData();
        int count = columns.getColumnCount();
        for (int column = 1; column <= count; column++) {
            out.write(column == 1 ? "" : ",");
            out.write(field(columns.getColumnLabel(column)));
        }
        out.write(LINE_END);
        while (rows.next()) {
            for (int column = 1; column <= count; column++) {
                out.write(column == 1 ? "" : ",");
                out.write(field(rows.getObject(column)));
            }
            out.write(LINE_END);
        }
    }

    /** The CSV field for a column value. */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        return text.isEmpty() ? "\"\"" : CsvField.quote(text);
    }
}
