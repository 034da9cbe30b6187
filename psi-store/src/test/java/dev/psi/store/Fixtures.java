package dev.psi.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Shared values and a raw JDBC view of a store, independent of the code under test. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {
    }

    static NewTrial trial(String study, String task, String controller) {
        return NewTrial.builder().study(study).task(task).controller(controller).optimizer("SGD(momentum=0.9)")
                .seed(7).epochs(3).batchSize(32).host("node-1").build();
    }

    /** A plain connection of its own, as another process would have. */
    static Connection raw(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** The rows of a query, each row's columns joined by {@code |}. */
    static List<String> query(Path file, String sql) throws SQLException {
        try (Connection connection = raw(file)) {
            return query(connection, sql);
        }
    }

    static List<String> query(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                StringBuilder line = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    line.append(column == 1 ? "" : "|").append(row.getString(column));
                }
                rows.add(line.toString());
            }
        }
        return rows;
    }
}
