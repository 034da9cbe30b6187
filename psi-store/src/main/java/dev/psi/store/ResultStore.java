package dev.psi.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * The results database: tasks, studies, trials, the epochs of each trial and the surface samples of
 * sampling studies, written as they happen. Each table, or group of tables that belong together, has a
 * small store of its own reached from here; this class opens, migrates and closes the database.
 *
 * <h2>Lifecycle</h2>
 * {@link #open(String)} connects and brings the schema up to date. A training run then calls
 * {@link Catalog#ensureTask} and, for a study, {@link Catalog#ensureStudy} (both idempotent, through
 * {@link #catalog()}); {@link TrialStore#start}, which records the trial as {@code running}
 * ({@link #trials()}); {@link EvaluationStore#record} and {@link EpochStore#record} after every epoch
 * ({@link #evaluations()}, {@link #epochs()}); and {@link TrialStore#finish} with the outcome; a sampling
 * study adds {@link SurfaceStore#record} rows ({@link #surface()}) and, for an oracle trajectory,
 * {@link TrialStore#recordEpochsTrained}. {@link #close()} releases the connection. Each write is committed
 * before its method returns, so a killed process loses at most the epoch it was training; its trial stays
 * {@code running}.
 *
 * <h2>Databases</h2>
 * A file path (or {@code jdbc:sqlite:PATH}) selects SQLite, opened in WAL mode with a 10 s busy timeout and
 * foreign keys enforced; a {@code jdbc:postgresql:} URL selects PostgreSQL. Several processes may write one
 * SQLite file at once: every write is a single statement or a short transaction, and a writer waits up to
 * the busy timeout for another's lock. One instance may be shared by threads; the calls of all its stores
 * share one connection and run one at a time, each holding this instance's lock.
 *
 * <h2>Values</h2>
 * Non-finite measurements ({@code NaN}, {@code ±Infinity}) are stored as SQL {@code NULL} and read back as
 * {@code NaN}. Times are stored as ISO-8601 UTC text. Every failure is a {@link StoreException} whose message
 * is one line naming the database.
 */
public final class ResultStore implements AutoCloseable {

    private final StoreLocation location;
    private final Connection connection;
    private final JobQueue jobs;
    private final Catalog catalog;
    private final TrialStore trials;
    private final EpochStore epochs;
    private final EvaluationStore evaluations;
    private final RecoveryStore recoveries;
    private final CheckpointStore checkpoints;
    private final FileStore files;
    private final SurfaceStore surface;
    private final PsiModelStore psiModels;
    private final CsvExport csvExport;
    private final StoreViews views;

    private ResultStore(StoreLocation location, Connection connection, Clock clock) {
        this.location = location;
        this.connection = connection;
        this.jobs = new JobQueue(this, connection, clock);
        this.catalog = new Catalog(this, connection, clock);
        this.trials = new TrialStore(this, connection, clock, catalog);
        this.epochs = new EpochStore(this, connection);
        this.evaluations = new EvaluationStore(this, connection);
        this.recoveries = new RecoveryStore(this, connection);
        this.checkpoints = new CheckpointStore(this, connection, clock, trials);
        this.files = new FileStore(this, connection, clock);
        this.surface = new SurfaceStore(this, connection);
        this.psiModels = new PsiModelStore(this, connection, clock, catalog);
        this.csvExport = new CsvExport(location);
        this.views = new StoreViews(this, connection);
    }

    /**
     * Opens (creating if needed) the results database at {@code location} and migrates its schema.
     *
     * @param location a file path such as {@code psi.db}, {@code jdbc:sqlite:PATH}, or a
     *     {@code jdbc:postgresql:} URL
     * @throws StoreException if the location is unusable (missing or unwritable directory, a directory, a
     *     file that is not a SQLite database, an unreachable server) or the database has a newer schema than
     *     this code; an existing database is left as it was
     */
    public static ResultStore open(String location) {
        return open(location, Clock.systemUTC());
    }

    /**
     * Opens the results database like {@link #open(String)}, taking the times it records from {@code clock}
     * (for reproducible tests and exports).
     */
    public static ResultStore open(String location, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        StoreLocation parsed = StoreLocation.parse(location);
        Connection connection = Connections.openWriter(parsed);
        try {
            Migrations.apply(connection, parsed, clock);
            Connections.enableWal(connection, parsed);
        } catch (RuntimeException e) {
            Connections.closeQuietly(connection, e);
            throw e;
        }
        return new ResultStore(parsed, connection, clock);
    }

    /**
     * Opens an existing results database for reading only: nothing is created, migrated or written, and a
     * database that is not a Psi store of this version is refused. For commands that only read (listing,
     * export); their write calls fail.
     *
     * @throws StoreException if the location cannot be opened, is not a Psi store, or has another schema
     *     version than this code
     */
    public static ResultStore openReadOnly(String location) {
        StoreLocation parsed = StoreLocation.parse(location);
        Connection connection = Connections.openSnapshotReader(parsed);
        try {
            Migrations.requireCurrent(connection, parsed);
        } catch (RuntimeException e) {
            Connections.closeQuietly(connection, e);
            throw e;
        }
        return new ResultStore(parsed, connection, Clock.systemUTC());
    }

    /** The work queue of studies run by worker processes, in this database. */
    public JobQueue jobs() {
        return jobs;
    }

    /** The tasks and studies that trials belong to. */
    public Catalog catalog() {
        return catalog;
    }

    /** The trials: started, finished, resumed, and read back with their figures. */
    public TrialStore trials() {
        return trials;
    }

    /** The finished epochs of each trial. */
    public EpochStore epochs() {
        return epochs;
    }

    /** The evaluations each trial takes within its epochs. */
    public EvaluationStore evaluations() {
        return evaluations;
    }

    /** The roll-backs of guarded trials. */
    public RecoveryStore recoveries() {
        return recoveries;
    }

    /** The checkpoint of each unfinished trial, to resume it from. */
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** The files jobs need (Ψ models, task specs and their data), by the SHA-256 of their content. */
    public FileStore files() {
        return files;
    }

    /** The surface samples of sampling studies. */
    public SurfaceStore surface() {
        return surface;
    }

    /** The fitted Ψ models. */
    public PsiModelStore psiModels() {
        return psiModels;
    }

    /** The export of every table as CSV files, for tools without a database driver. */
    public CsvExport csvExport() {
        return csvExport;
    }

    /** Paged, read-only views of studies and trials, for a live dashboard. */
    public StoreViews views() {
        return views;
    }

    /** The database as messages name it: the path as given, or the URL with any password masked. */
    public String location() {
        return location.display();
    }

    /**
     * Whether the connection still answers (JDBC's {@code isValid}, waiting at most 2 s): false once it is closed, or
     * the server restarted or dropped it, which no later call on this store can recover from. Under the store's lock,
     * as every call: the driver changes the connection's network timeout while it checks.
     */
    public synchronized boolean connected() {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Closes the connection; later calls fail. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close the connection", e);
        }
    }

    StoreException failure(String action, SQLException e) {
        return new StoreException(
                "Cannot " + action + " in " + location.display() + ": " + location.dialect().reason(e), e);
    }

    StoreException failure(String action, String reason) {
        return new StoreException("Cannot " + action + " in " + location.display() + ": " + reason);
    }
}
