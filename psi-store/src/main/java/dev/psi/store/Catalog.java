package dev.psi.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The named things trials belong to, in the {@code tasks} and {@code studies} tables: each stored once under
 * its name, with the definition (a task's spec, a study's purpose) that every later use of the name must
 * repeat. Obtained from {@link ResultStore#catalog()}; its calls run one at a time with the store's.
 */
public final class Catalog {

    private final ResultStore store;
    private final Connection connection;
    private final Clock clock;

    Catalog(ResultStore store, Connection connection, Clock clock) {
        this.store = store;
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * Returns the id of task {@code name}, storing it first if it is new.
     *
     * @param specJson the task spec as JSON; compared as text with the stored one
     * @throws StoreException if the task is already stored with a different spec: results under one name
     *     must come from one task
     */
    public long ensureTask(String name, String specJson) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specJson, "specJson");
        return ensureNamed("tasks", "spec", name, specJson, "task");
    }

    /**
     * Returns the id of study {@code name}, storing it first if it is new.
     *
     * @param purpose what the study is for, e.g. {@code sample}, {@code search} or {@code evaluate}
     * @throws StoreException if the study is already stored with a different purpose
     */
    public long ensureStudy(String name, String purpose) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(purpose, "purpose");
        return ensureNamed("studies", "purpose", name, purpose, "study");
    }

    private long ensureNamed(String table, String column, String name, String value, String kind) {
        synchronized (store) {
            String action = "store " + kind + " " + name;
            try {
                // Two processes may ensure the same name at once: insert-if-absent, then read whichever row won.
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (name, " + column
                        + ", created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                    insert.setString(1, name);
                    insert.setString(2, value);
                    insert.setString(3, Jdbc.timestamp(clock.instant()));
                    insert.executeUpdate();
                }
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, " + column + " FROM " + table + " WHERE name = ?")) {
                    select.setString(1, name);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        if (!value.equals(row.getString(2))) {
                            throw store.failure(action, "it is already stored with a different " + column
                                    + "; give the changed " + kind + " a new name");
                        }
                        return row.getLong(1);
                    }
                }
            } catch (SQLException e) {
                throw store.failure(action, e);
            }
        }
    }

    /** The id of task {@code name}, if it is stored; the caller holds the store's lock. */
    OptionalLong taskId(String name) throws SQLException {
        return idByName("tasks", name);
    }

    /** The id of study {@code name}, if it is stored; the caller holds the store's lock. */
    OptionalLong studyId(String name) throws SQLException {
        return idByName("studies", name);
    }

    private OptionalLong idByName(String table, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
