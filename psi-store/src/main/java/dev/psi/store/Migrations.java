package dev.psi.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database's schema up to the version this code knows, in one transaction.
 *
 * <p>The schema is defined by SQL scripts under {@code dev/psi/store/migration/}, named
 * {@code V<version>__<description>.sql} and listed in {@link #SCRIPTS} (a jar offers no portable way to list
 * its resources). Version 1 creates the tables; each later script changes them and is never edited once
 * released. Table {@code schema_version} holds one row per applied script, so opening a database applies
 * exactly the scripts it lacks, and a database written by a newer Psi is refused rather than misread.
 *
 * <p>In a script, {@code ${id}} stands for the dialect's generated primary key column, and a statement ends
 * with {@code ;} at the end of a line.
 *
 * <p>A version whose SQL must differ between the dialects (SQLite cannot alter a constraint, PostgreSQL can)
 * has a script per dialect, named with the dialect's name in lower case before {@code .sql}:
 * {@code V5__pruned_status.sqlite.sql} and {@code V5__pruned_status.postgresql.sql}. {@link #SCRIPTS} still
 * lists the version once, by the shared name {@code V5__pruned_status.sql}; where the jar holds a dialect's
 * own script, that dialect runs it instead of the shared one.
 */
final class Migrations {

    /** Every migration by its shared script name, oldest first; versions must run 1, 2, 3, ... */
    private static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__recoveries.sql", "V3__surface.sql",
            "V4__jobs.sql", "V5__pruned_status.sql", "V6__checkpoints.sql", "V7__test_split.sql",
            "V8__evaluations.sql", "V9__files.sql");

    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([a-z0-9_]+)\\.sql");
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");

    private static final List<Migration> MIGRATIONS = parse(SCRIPTS);

    private Migrations() {
    }

    /** The script each version runs on {@code dialect}, oldest first. */
    static List<String> scripts(Dialect dialect) {
        return MIGRATIONS.stream().map(migration -> migration.resource(dialect)).toList();
    }

    /** The schema version this code writes. */
    static int latestVersion() {
        return MIGRATIONS.size();
    }

    /**
     * Applies the missing migrations, or none; the database is unchanged if this throws.
     *
     * @throws StoreException if the database has a newer schema than this code knows, or a migration fails
     */
    static void apply(Connection connection, StoreLocation location, Clock clock) {
        try {
            // Read first, outside any transaction: a database that is up to date is then never write-locked on
            // opening, so another process's long write cannot make opening it fail.
            OptionalInt stored = storedVersion(connection, location.dialect());
            if (stored.isPresent()) {
                requireKnown(stored.getAsInt(), location);
                if (stored.getAsInt() == latestVersion()) {
                    return;
                }
            } else if (hasTables(connection, location.dialect())) {
                throw notPsi(location, "it holds tables but no schema_version table");
            }
        } catch (SQLException e) {
            throw Connections.cannotOpen(location, location.dialect().reason(e), e);
        }
        migrate(connection, location, clock);
    }

    /**
     * Checks, without writing, that the database is a Psi store of the schema version this code reads: for
     * commands that open the store read-only, which cannot migrate it.
     *
     * @throws StoreException if it is not a Psi store, or its schema is older or newer than this code's
     */
    static void requireCurrent(Connection connection, StoreLocation location) {
        OptionalInt stored;
        try {
            stored = storedVersion(connection, location.dialect());
        } catch (SQLException e) {
            throw Connections.cannotOpen(location, location.dialect().reason(e), e);
        }
        if (stored.isEmpty()) {
            throw notPsi(location, "it has no schema_version table");
        }
        requireKnown(stored.getAsInt(), location);
        if (stored.getAsInt() < latestVersion()) {
            throw Connections.cannotOpen(location, "its schema version " + stored.getAsInt()
                    + " is older than this Psi's (" + latestVersion() + "); a command that writes to it, such as "
                    + "psi train, upgrades it", null);
        }
    }

    private static StoreException notPsi(StoreLocation location, String why) {
        return Connections.cannotOpen(location, "not a Psi database: " + why
                + "; give a new file, or one that Psi made", null);
    }

    private static void requireKnown(int version, StoreLocation location) {
        if (version > latestVersion()) {
            throw Connections.cannotOpen(location, "its schema version " + version
                    + " is newer than the newest this Psi knows (" + latestVersion() + "); use a newer Psi", null);
        }
    }

    /** The schema version recorded in the database, or empty if it has no {@code schema_version} table. */
    private static OptionalInt storedVersion(Connection connection, Dialect dialect) throws SQLException {
        if (!tables(connection, dialect).contains("schema_version")) {
            return OptionalInt.empty();
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            row.next();
            return OptionalInt.of(row.getInt(1));
        }
    }

    private static boolean hasTables(Connection connection, Dialect dialect) throws SQLException {
        return !tables(connection, dialect).isEmpty();
    }

    private static Set<String> tables(Connection connection, Dialect dialect) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(dialect.tablesQuery())) {
            while (rows.next()) {
                names.add(rows.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** Applies the missing migrations under the dialect's migration lock, in one transaction. */
    private static void migrate(Connection connection, StoreLocation location, Clock clock) {
        try {
            connection.setAutoCommit(false);
            try {
                location.dialect().lockForMigration(connection);
                // Read again under the lock: another process may have migrated meanwhile.
                int current = currentVersion(connection);
                requireKnown(current, location);
                for (Migration migration : MIGRATIONS.subList(current, MIGRATIONS.size())) {
                    migration.apply(connection, location, clock);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Connections.cannotOpen(location,
                    "updating its schema failed: " + location.dialect().reason(e), e);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            try (ResultSet row = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static List<Migration> parse(List<String> scripts) {
        List<Migration> migrations = scripts.stream().map(Migration::of).toList();
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("migration " + scripts.get(i) + " should be version " + (i + 1));
            }
        }
        return migrations;
    }

    /** One version: its number, the words after {@code __}, and the resource name it is listed by. */
    private record Migration(int version, String description, String resource) {

        static Migration of(String resource) {
            Matcher name = NAME.matcher(resource);
            if (!name.matches()) {
                throw new IllegalStateException("migration " + resource + " is not named V<version>__<words>.sql");
            }
            return new Migration(Integer.parseInt(name.group(1)), name.group(2), resource);
        }

        /**
         * The script this version runs on {@code dialect}: the dialect's own, where the jar holds one, or else
         * the shared one.
         */
        String resource(Dialect dialect) {
            String own = resource.substring(0, resource.length() - ".sql".length()) + "."
                    + dialect.name().toLowerCase(Locale.ROOT) + ".sql";
            if (Migrations.class.getResource("migration/" + own) != null) {
                return own;
            }
            if (Migrations.class.getResource("migration/" + resource) != null) {
                return resource;
            }
            throw new IllegalStateException("migration script " + resource + " (or " + own
                    + ") is missing from the jar");
        }

        void apply(Connection connection, StoreLocation location, Clock clock) throws SQLException {
            String script = resource(location.dialect());
            String text = read(script).replace("${id}", location.dialect().identityColumn());
            try (Statement statement = connection.createStatement()) {
                for (String sql : STATEMENT_END.split(text)) {
                    if (!isBlank(sql)) {
                        statement.execute(sql);
                    }
                }
            } catch (SQLException e) {
                throw Connections.cannotOpen(location, "schema migration " + script + " failed: "
                        + location.dialect().reason(e), e);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, description);
                insert.setString(3, Jdbc.timestamp(clock.instant()));
                insert.executeUpdate();
            }
        }

        private static String read(String script) {
            try (InputStream in = Migrations.class.getResourceAsStream("migration/" + script)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** True for a chunk that holds only white space and {@code --} comment lines. */
        private static boolean isBlank(String sql) {
            return sql.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("--"));
        }
    }
}
