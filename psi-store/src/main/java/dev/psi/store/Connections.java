package dev.psi.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * Opens JDBC connections to a {@link StoreLocation}, configured for several writer processes.
 *
 * <p>Drivers are instantiated directly rather than looked up through {@code DriverManager}, which misses
 * drivers that a child class loader holds, as in Spark executors and other plug-in loaders.
 */
final class Connections {

    /** How long a writer waits for another process's write transaction before giving up. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /**
     * How long a read-only PostgreSQL connection waits for the server's answer before it fails, unless its URL sets
     * pgjdbc's {@code socketTimeout}: a connection that a firewall dropped without closing it would otherwise wait
     * for the operating system to give up on it (hours), and a dashboard's reads with it; failed, the dashboard opens
     * the store again ({@code ReopeningStore}). Generous, since a read of a large study may take seconds: reading every
     * study's counts of 100 000 trials took about 0.7 s.
     */
    static final int READ_TIMEOUT_SECONDS = 300;

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int WAL_VERSION_OFFSET = 18;

    private Connections() {
    }

    /**
     * Opens a connection for the store's own reads and writes, in autocommit mode. Once the schema is
     * migrated, {@link #enableWal} completes its setup.
     *
     * @throws StoreException with a one-line message if the database cannot be opened; an existing file that
     *     fails the checks is not touched
     */
    static Connection openWriter(StoreLocation location) {
        if (location.dialect() != Dialect.SQLITE) {
            return postgresql(location);
        }
        SqliteFile file = inspect(location);
        SQLiteConfig config = sqliteConfig();
        if (file != SqliteFile.ROLLBACK_DATABASE) {
            // Switching to WAL while connecting is what survives several processes opening a new file at once;
            // for a file already in WAL mode it changes nothing.
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        // NORMAL sync in WAL mode is still durable against a killed process, the failure the store must
        // survive; only a power cut may lose the last commits.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // A deferred transaction that reads first and then writes fails at once with SQLITE_BUSY when another
        // process wrote meanwhile; IMMEDIATE takes the write lock up front, so the busy timeout applies instead.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return sqlite(location, config);
    }

    /**
     * Makes sure a SQLite database is in WAL mode, which lets readers (dashboard, export) run beside the
     * writer. A database that was not in WAL mode (made by another tool) is switched only here, after the
     * migrations succeeded, so that one they refuse keeps its journal mode. Does nothing for PostgreSQL.
     *
     * @throws StoreException if SQLite cannot use WAL here (e.g. on a network file system)
     */
    static void enableWal(Connection connection, StoreLocation location) {
        if (location.dialect() != Dialect.SQLITE) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
            String result = mode.next() ? mode.getString(1) : "";
            if (!"wal".equalsIgnoreCase(result)) {
                throw cannotOpen(location, "SQLite cannot use WAL journal mode for it (the mode stays " + result
                        + "); keep the database on a local file system", null);
            }
        } catch (SQLException e) {
            throw cannotOpen(location, "switching it to WAL journal mode failed: " + location.dialect().reason(e), e);
        }
    }

    /**
     * Opens a read-only connection whose transactions see one snapshot of the database and do not block
     * writers, in autocommit mode.
     */
    static Connection openSnapshotReader(StoreLocation location) {
        if (location.dialect() == Dialect.SQLITE) {
            SQLiteConfig config = sqliteConfig();
            config.setReadOnly(true);
            return sqlite(location, config);
        }
        Properties defaults = new Properties();
        // A default: pgjdbc lets the URL's own socketTimeout override it.
        defaults.setProperty("socketTimeout", Integer.toString(READ_TIMEOUT_SECONDS));
        Connection connection = postgresql(location, defaults);
        try {
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw cannotOpen(location, location.dialect().reason(e), e);
        }
    }

    static StoreException cannotOpen(StoreLocation location, String reason, Throwable cause) {
        return new StoreException("Cannot open results database " + location.display() + ": " + reason, cause);
    }

    /** Closes a connection after a failure, keeping the close's own failure with the original one. */
    static void closeQuietly(Connection connection, Throwable failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static SQLiteConfig sqliteConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        return config;
    }

    private static Connection sqlite(StoreLocation location, SQLiteConfig config) {
        try {
            return config.createConnection(location.url());
        } catch (SQLException e) {
            throw cannotOpen(location, location.dialect().reason(e), e);
        }
    }

    private static Connection postgresql(StoreLocation location) {
        return postgresql(location, new Properties());
    }

    private static Connection postgresql(StoreLocation location, Properties defaults) {
        try {
            Connection connection = new org.postgresql.Driver().connect(location.url(), defaults);
            if (connection == null) {
                throw cannotOpen(location, "not a valid PostgreSQL JDBC URL", null);
            }
            return connection;
        } catch (SQLException e) {
            throw cannotOpen(location, location.dialect().reason(e), e);
        }
    }

    /** What a SQLite path holds, as far as opening it is concerned. */
    private enum SqliteFile {
        /** Nothing yet, or an empty file: SQLite makes a new database. */
        NEW,
        /** A database in WAL mode, as every database this store made. */
        WAL_DATABASE,
        /** A database in a rollback-journal mode, made by another tool. */
        ROLLBACK_DATABASE
    }

    /**
     * Says what the path holds, first rejecting one that SQLite would fail on with an unclear message or, for
     * a file that is not a database, might start writing journal files beside.
     */
    private static SqliteFile inspect(StoreLocation location) {
        Path file = location.file();
        Path directory = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw cannotOpen(location, "it is a directory", null);
        }
        if (!Files.exists(directory)) {
            throw cannotOpen(location, "directory " + directory + " does not exist", null);
        }
        if (!Files.isDirectory(directory)) {
            throw cannotOpen(location, directory + " is not a directory", null);
        }
        // SQLite creates the -wal and -shm files beside the database, even when the database exists.
        if (!Files.isWritable(directory)) {
            throw cannotOpen(location, "directory " + directory + " is not writable", null);
        }
        if (!Files.exists(file)) {
            return SqliteFile.NEW;
        }
        if (!Files.isRegularFile(file)) {
            throw cannotOpen(location, "it is not a regular file", null);
        }
        if (!Files.isReadable(file) || !Files.isWritable(file)) {
            throw cannotOpen(location, "the file is not readable and writable", null);
        }
        return readHeader(location, file);
    }

    /**
     * Classifies a file by its first bytes: SQLite's magic string, then (bytes 18 and 19) the file format
     * versions, which are 2 for WAL mode and 1 for a rollback journal.
     */
    private static SqliteFile readHeader(StoreLocation location, Path file) {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(WAL_VERSION_OFFSET + 2);
        } catch (IOException e) {
            throw cannotOpen(location, "cannot read the file (" + Jdbc.firstLine(e) + ")", e);
        }
        if (start.length == 0) {
            return SqliteFile.NEW;
        }
        if (start.length < WAL_VERSION_OFFSET + 2
                || !Arrays.equals(start, 0, SQLITE_HEADER.length, SQLITE_HEADER, 0, SQLITE_HEADER.length)) {
            throw cannotOpen(location, "not a SQLite database", null);
        }
        boolean wal = start[WAL_VERSION_OFFSET] == 2 && start[WAL_VERSION_OFFSET + 1] == 2;
        return wal ? SqliteFile.WAL_DATABASE : SqliteFile.ROLLBACK_DATABASE;
    }
}
