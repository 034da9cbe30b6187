package dev.psi.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Conversions between Java values and columns that both dialects share.
 *
 * <p>Non-finite doubles ({@code NaN}, {@code ±Infinity}) are stored as SQL {@code NULL} and read back as
 * {@code NaN}: neither JDBC nor PostgreSQL's {@code DOUBLE PRECISION} round-trips them through every SQL tool,
 * and {@code NULL} is what aggregates such as {@code MAX} and {@code AVG} already skip. A diverged loss is
 * recorded by the trial's status, not by the value.
 *
 * <p>Times are ISO-8601 UTC text of fixed width ({@code 2025-01-02T03:04:05.678Z}), so they sort as text
 * and read the same in SQLite and PostgreSQL ({@code started_at::timestamptz} converts them there).
 */
final class Jdbc {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Jdbc() {
    }

    static void setDouble(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, Types.DOUBLE);
        }
    }

    static double getDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? Double.NaN : value;
    }

    static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static Integer getInteger(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static Instant instant(String timestamp) {
        return timestamp == null ? null : Instant.parse(timestamp);
    }

    /** The first line of a driver message: PostgreSQL appends detail and hint lines that a user need not see. */
    static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
