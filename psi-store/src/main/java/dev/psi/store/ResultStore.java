package dev.psi.store;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.SurfaceRow;
import dev.psi.core.result.TrialStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The results database: tasks, studies, trials, the epochs of each trial and the surface samples of
 * sampling studies, written as they happen.
 *
 * <h2>Lifecycle</h2>
 * {@link #open(String)} connects and brings the schema up to date. A training run then calls
 * {@link #ensureTask} and, for a study, {@link #ensureStudy} (both idempotent); {@link #startTrial}, which
 * records the trial as {@code running}; {@link #recordEvaluations} and {@link #recordEpoch} after every epoch;
 * and {@link #finishTrial}
 * with the outcome; a sampling study adds {@link #recordSurface} rows and, for an oracle trajectory,
 * {@link #recordEpochsTrained}. {@link #close()} releases the connection. Each write is committed before its method
 * returns, so a killed process loses at most the epoch it was training; its trial stays {@code running}.
 *
 * <h2>Databases</h2>
 * A file path (or {@code jdbc:sqlite:PATH}) selects SQLite, opened in WAL mode with a 10 s busy timeout and
 * foreign keys enforced; a {@code jdbc:postgresql:} URL selects PostgreSQL. Several processes may write one
 * SQLite file at once: every write is a single statement or a short transaction, and a writer waits up to
 * the busy timeout for another's lock. One instance may be shared by threads; its calls run one at a time.
 *
 * <h2>Values</h2>
 * Non-finite measurements ({@code NaN}, {@code ±Infinity}) are stored as SQL {@code NULL} and read back as
 * {@code NaN}. Times are stored as ISO-8601 UTC text. Every failure is a {@link StoreException} whose message
 * is one line naming the database.
 */
public final class ResultStore implements AutoCloseable {

    private static final String TRIAL_SUMMARY = """
            SELECT t.id, s.name AS study, k.name AS task, t.controller, t.optimizer, t.seed, t.status,
                   t.diverged_epoch, t.error, t.epochs, t.wall_seconds, t.started_at,
                   (SELECT COUNT(*) FROM epochs e WHERE e.trial_id = t.id) AS epochs_done,
                   (SELECT MAX(e.val_accuracy) FROM epochs e WHERE e.trial_id = t.id) AS best_val_accuracy,
                   (SELECT e.val_loss FROM epochs e WHERE e.trial_id = t.id
                    ORDER BY e.epoch DESC LIMIT 1) AS final_val_loss
            FROM trials t
            JOIN tasks k ON k.id = t.task_id
            LEFT JOIN studies s ON s.id = t.study_id
            """;

    /** The error of a trial a killed process left running, once a later run has found it. */
    public static final String INTERRUPTED = "interrupted";

    private final StoreLocation location;
    private final Connection connection;
    private final Clock clock;
    private final JobQueue jobs;

    private ResultStore(StoreLocation location, Connection connection, Clock clock) {
        this.location = location;
        this.connection = connection;
        this.clock = clock;
        this.jobs = new JobQueue(this, connection, clock);
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

    /** The database as messages name it: the path as given, or the URL with any password masked. */
    public String location() {
        return location.display();
    }

    /**
     * Returns the id of task {@code name}, storing it first if it is new.
     *
     * @param specJson the task spec as JSON; compared as text with the stored one
     * @throws StoreException if the task is already stored with a different spec: results under one name
     *     must come from one task
     */
    public synchronized long ensureTask(String name, String specJson) {
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
    public synchronized long ensureStudy(String name, String purpose) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(purpose, "purpose");
        return ensureNamed("studies", "purpose", name, purpose, "study");
    }

    /**
     * Records a trial as {@code running}, started now.
     *
     * @return the trial's id, for {@link #recordEpoch} and {@link #finishTrial}
     * @throws StoreException if its task or study is not stored
     */
    public synchronized long startTrial(NewTrial trial) {
        Objects.requireNonNull(trial, "trial");
        String action = "start a trial of task " + trial.task();
        try {
            long taskId = idByName("tasks", trial.task())
                    .orElseThrow(() -> failure(action, "task " + trial.task() + " is not stored (ensureTask first)"));
            Long studyId = null;
            if (trial.study() != null) {
                studyId = idByName("studies", trial.study()).orElseThrow(
                        () -> failure(action, "study " + trial.study() + " is not stored (ensureStudy first)"));
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO trials (study_id, task_id, controller, optimizer, seed, epochs, batch_size,
                                        train_size, status, started_at, host, config)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    RETURNING id""")) {
                insert.setObject(1, studyId, Types.BIGINT);
                insert.setLong(2, taskId);
                insert.setString(3, trial.controller());
                insert.setString(4, trial.optimizer());
                insert.setLong(5, trial.seed());
                insert.setInt(6, trial.epochs());
                insert.setInt(7, trial.batchSize());
                Jdbc.setInteger(insert, 8, trial.trainSize());
                insert.setString(9, TrialStatus.RUNNING.word());
                insert.setString(10, Jdbc.timestamp(clock.instant()));
                insert.setString(11, trial.host());
                insert.setString(12, trial.configJson());
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    return id.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /**
     * Records one finished epoch of a trial, committed before this returns. Recording an epoch that is
     * already stored replaces it, so a trial resumed from an earlier checkpoint can replay epochs.
     */
    public synchronized void recordEpoch(long trialId, EpochResult epoch) {
        Objects.requireNonNull(epoch, "epoch");
        // The connection is in autocommit mode: this one statement is its own transaction.
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO epochs (trial_id, epoch, lr, train_loss, val_loss, val_accuracy, steps, wall_seconds,
                    test_loss, test_accuracy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (trial_id, epoch) DO UPDATE SET
                    lr = excluded.lr, train_loss = excluded.train_loss, val_loss = excluded.val_loss,
                    val_accuracy = excluded.val_accuracy, steps = excluded.steps,
                    wall_seconds = excluded.wall_seconds, test_loss = excluded.test_loss,
                    test_accuracy = excluded.test_accuracy""")) {
            upsert.setLong(1, trialId);
            upsert.setInt(2, epoch.epoch());
            Jdbc.setDouble(upsert, 3, epoch.lr());
            Jdbc.setDouble(upsert, 4, epoch.trainLoss());
            Jdbc.setDouble(upsert, 5, epoch.valLoss());
            Jdbc.setDouble(upsert, 6, epoch.valAccuracy());
            upsert.setLong(7, epoch.steps());
            Jdbc.setDouble(upsert, 8, epoch.wallSeconds());
            Jdbc.setDouble(upsert, 9, epoch.testLoss());
            Jdbc.setDouble(upsert, 10, epoch.testAccuracy());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("record epoch " + epoch.epoch() + " of trial " + trialId, e);
        }
    }

    /**
     * Records the evaluations of epoch {@code epoch} of a trial in one transaction, committed before this
     * returns: one transaction per epoch rather than per row, since a trial evaluates several times an epoch.
     * They replace whatever rows that epoch had, so a trial resumed from an earlier checkpoint can replay it.
     */
    public synchronized void recordEvaluations(long trialId, int epoch, List<Evaluation> evaluations) {
        Objects.requireNonNull(evaluations, "evaluations");
        for (Evaluation e : evaluations) {
            if (e.epoch() != epoch) {
                throw new IllegalArgumentException("an evaluation of epoch " + e.epoch() + " was given with those of"
                        + " epoch " + epoch);
            }
        }
        String action = "record the evaluations of epoch " + epoch + " of trial " + trialId;
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM evaluations WHERE trial_id = ? AND epoch = ?");
                 PreparedStatement insert = connection.prepareStatement("""
                         INSERT INTO evaluations (trial_id, step, epoch, epochs, val_loss, val_accuracy, examples,
                                                  train_seconds)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                delete.setLong(1, trialId);
                delete.setInt(2, epoch);
                delete.executeUpdate();
                for (Evaluation e : evaluations) {
                    insert.setLong(1, trialId);
                    insert.setLong(2, e.step());
                    insert.setInt(3, epoch);
                    insert.setDouble(4, e.epochs());
                    Jdbc.setDouble(insert, 5, e.valLoss());
                    Jdbc.setDouble(insert, 6, e.valAccuracy());
                    insert.setInt(7, e.examples());
                    insert.setDouble(8, e.trainSeconds());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /** The recorded evaluations of a trial in step order; empty for an unknown trial or one stored without them. */
    public synchronized List<Evaluation> evaluations(long trialId) {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT epoch, step, epochs, val_loss, val_accuracy, examples, train_seconds
                FROM evaluations WHERE trial_id = ? ORDER BY step""")) {
            query.setLong(1, trialId);
            List<Evaluation> evaluations = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    evaluations.add(new Evaluation(
                            row.getInt("epoch"),
                            row.getLong("step"),
                            row.getDouble("epochs"),
                            Jdbc.getDouble(row, "val_loss"),
                            Jdbc.getDouble(row, "val_accuracy"),
                            row.getInt("examples"),
                            row.getDouble("train_seconds")));
                }
            }
            return evaluations;
        } catch (SQLException e) {
            throw failure("read evaluations of trial " + trialId, e);
        }
    }

    /** Records a roll-back of a trial, committed at once like an epoch. */
    public synchronized void recordRecovery(long trialId, Recovery recovery) {
        Objects.requireNonNull(recovery, "recovery");
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO recoveries (trial_id, epoch, step, reason, lr) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (trial_id, epoch, step) DO UPDATE SET reason = excluded.reason, lr = excluded.lr""")) {
            insert.setLong(1, trialId);
            insert.setInt(2, recovery.epoch());
            insert.setLong(3, recovery.step());
            insert.setString(4, recovery.reason());
            Jdbc.setDouble(insert, 5, recovery.learningRate());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure("record a recovery of trial " + trialId, e);
        }
    }

    /** The roll-backs of a trial, in order. */
    public synchronized List<Recovery> recoveries(long trialId) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT epoch, step, reason, lr FROM recoveries WHERE trial_id = ? ORDER BY step, epoch")) {
            query.setLong(1, trialId);
            List<Recovery> recoveries = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    recoveries.add(new Recovery(row.getInt("epoch"), row.getLong("step"), row.getString("reason"),
                            Jdbc.getDouble(row, "lr")));
                }
            }
            return recoveries;
        } catch (SQLException e) {
            throw failure("read recoveries of trial " + trialId, e);
        }
    }

    /**
     * Records how a trial ended, at the current time.
     *
     * @param status {@code COMPLETED}, {@code DIVERGED}, {@code FAILED} or {@code PRUNED}
     * @param divergedEpoch the epoch whose loss became non-finite, only for {@code DIVERGED}; may be null
     * @param error what stopped a failed trial, or {@code null}
     * @param wallSeconds wall-clock seconds of the whole trial
     * @throws IllegalArgumentException for status {@code RUNNING}, or a diverged epoch with another status
     * @throws StoreException if there is no such trial
     */
    public synchronized void finishTrial(
            long trialId, TrialStatus status, Integer divergedEpoch, String error, double wallSeconds) {
        Objects.requireNonNull(status, "status");
        if (status == TrialStatus.RUNNING) {
            throw new IllegalArgumentException("a trial cannot finish as running");
        }
        if (divergedEpoch != null && status != TrialStatus.DIVERGED) {
            throw new IllegalArgumentException("a diverged epoch was given for a trial that " + status.word());
        }
        String action = "finish trial " + trialId;
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE trials SET status = ?, diverged_epoch = ?, error = ?, ended_at = ?, wall_seconds = ?
                WHERE id = ?""")) {
            update.setString(1, status.word());
            Jdbc.setInteger(update, 2, divergedEpoch);
            update.setString(3, error);
            update.setString(4, Jdbc.timestamp(clock.instant()));
            Jdbc.setDouble(update, 5, wallSeconds);
            update.setLong(6, trialId);
            if (update.executeUpdate() == 0) {
                throw failure(action, "there is no trial " + trialId);
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /**
     * Marks trial {@code trialId} running again in process {@code host}: a trial a killed process left
     * running (or that was marked interrupted since), resumed from its stored checkpoint.
     *
     * @throws StoreException if there is no such trial
     */
    public synchronized void resumeTrial(long trialId, String host) {
        String action = "resume trial " + trialId;
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE trials SET status = 'running', error = NULL, ended_at = NULL, host = ? WHERE id = ?""")) {
            update.setString(1, host);
            update.setLong(2, trialId);
            if (update.executeUpdate() == 0) {
                throw failure(action, "there is no trial " + trialId);
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /**
     * Marks trial {@code trialId} failed with error {@value #INTERRUPTED} if it is still {@code running}: the
     * process training it was stopped, or is gone. Its checkpoint stays, so that the trial can resume
     * ({@link #resumable}).
     *
     * @return whether the trial was running
     */
    public synchronized boolean interruptTrial(long trialId) {
        return failRunningTrial(trialId, INTERRUPTED);
    }

    /**
     * Marks trial {@code trialId} failed with {@code error} if it is still {@code running}: a trial that the
     * process's shutdown marked interrupted meanwhile keeps that mark, so it can resume.
     *
     * @return whether the trial was running
     */
    public synchronized boolean failRunningTrial(long trialId, String error) {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE trials SET status = 'failed', error = ?, ended_at = ? WHERE id = ? AND status = 'running'""")) {
            update.setString(1, error);
            update.setString(2, Jdbc.timestamp(clock.instant()));
            update.setLong(3, trialId);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("finish trial " + trialId, e);
        }
    }

    /** The trials whose status is {@code running}, oldest first, with the process that runs each. */
    public synchronized List<RunningTrial> runningTrials() {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, host, started_at FROM trials WHERE status = 'running' ORDER BY id");
             ResultSet row = query.executeQuery()) {
            List<RunningTrial> running = new ArrayList<>();
            while (row.next()) {
                running.add(new RunningTrial(row.getLong(1), row.getString(2), Jdbc.instant(row.getString(3))));
            }
            return running;
        } catch (SQLException e) {
            throw failure("read running trials", e);
        }
    }

    /**
     * Replaces the checkpoint of trial {@code trialId} with {@code state}, the trial's state at the end of
     * {@code epoch}; committed before this returns, like an epoch row.
     */
    public synchronized void saveCheckpoint(long trialId, int epoch, byte[] state) {
        Objects.requireNonNull(state, "state");
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO checkpoints (trial_id, epoch, state, saved_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (trial_id) DO UPDATE
                SET epoch = excluded.epoch, state = excluded.state, saved_at = excluded.saved_at""")) {
            upsert.setLong(1, trialId);
            upsert.setInt(2, epoch);
            upsert.setBytes(3, state);
            upsert.setString(4, Jdbc.timestamp(clock.instant()));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("save the checkpoint of trial " + trialId, e);
        }
    }

    /** The stored checkpoint of trial {@code trialId}, if it has one. */
    public synchronized Optional<StoredCheckpoint> checkpoint(long trialId) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT epoch, state FROM checkpoints WHERE trial_id = ?")) {
            select.setLong(1, trialId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new StoredCheckpoint(trialId, row.getInt(1), row.getBytes(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the checkpoint of trial " + trialId, e);
        }
    }

    /**
     * The checkpoint to resume a trial from: that of the latest of {@code attempts} (as {@link #trialsLike}
     * lists them, oldest first) that a killed process left unfinished — still {@code running}, or marked
     * {@code interrupted} since — and that stored one.
     */
    public synchronized Optional<StoredCheckpoint> resumable(List<TrialSummary> attempts) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            TrialSummary attempt = attempts.get(i);
            boolean unfinished = attempt.status() == TrialStatus.RUNNING
                    || attempt.status() == TrialStatus.FAILED && INTERRUPTED.equals(attempt.error());
            if (unfinished) {
                Optional<StoredCheckpoint> checkpoint = checkpoint(attempt.id());
                if (checkpoint.isPresent()) {
                    return checkpoint;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Gives up the checkpoint of trial {@code trialId}, which could not be restored ({@code why}): it is
     * deleted and the attempt marked failed, so that the trial starts afresh instead of failing on every
     * rerun.
     */
    public synchronized void abandonCheckpoint(long trialId, String why) {
        deleteCheckpoint(trialId);
        finishTrial(trialId, TrialStatus.FAILED, null, INTERRUPTED + "; its checkpoint could not be restored: " + why,
                Double.NaN);
    }

    /** Deletes the checkpoint of trial {@code trialId}, if any: once a trial ends it is of no use. */
    public synchronized void deleteCheckpoint(long trialId) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM checkpoints WHERE trial_id = ?")) {
            delete.setLong(1, trialId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete the checkpoint of trial " + trialId, e);
        }
    }

    /** Every trial, oldest first. */
    public synchronized List<TrialSummary> trials() {
        try (PreparedStatement query = connection.prepareStatement(TRIAL_SUMMARY + "ORDER BY t.id")) {
            return summaries(query);
        } catch (SQLException e) {
            throw failure("read trials", e);
        }
    }

    /** The trials of one study, oldest first; empty for an unknown study. */
    public synchronized List<TrialSummary> trials(String study) {
        Objects.requireNonNull(study, "study");
        try (PreparedStatement query = connection.prepareStatement(TRIAL_SUMMARY + "WHERE s.name = ? ORDER BY t.id")) {
            query.setString(1, study);
            return summaries(query);
        } catch (SQLException e) {
            throw failure("read trials of study " + study, e);
        }
    }

    /** The recorded epochs of a trial in epoch order; empty for an unknown trial. */
    public synchronized List<EpochResult> epochs(long trialId) {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT epoch, lr, train_loss, val_loss, val_accuracy, steps, wall_seconds, test_loss, test_accuracy
                FROM epochs WHERE trial_id = ? ORDER BY epoch""")) {
            query.setLong(1, trialId);
            List<EpochResult> epochs = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    epochs.add(new EpochResult(
                            row.getInt("epoch"),
                            Jdbc.getDouble(row, "lr"),
                            Jdbc.getDouble(row, "train_loss"),
                            Jdbc.getDouble(row, "val_loss"),
                            Jdbc.getDouble(row, "val_accuracy"),
                            row.getLong("steps"),
                            Jdbc.getDouble(row, "wall_seconds"),
                            Jdbc.getDouble(row, "test_loss"),
                            Jdbc.getDouble(row, "test_accuracy")));
                }
            }
            return epochs;
        } catch (SQLException e) {
            throw failure("read epochs of trial " + trialId, e);
        }
    }

    /**
     * Records one sample of the surface, committed before this returns. Recording a row whose key (trial,
     * epoch, kind, learning rate) is already stored replaces it.
     *
     * @throws StoreException if there is no trial {@code sample.trialId()} of that study and task
     */
    public synchronized void recordSurface(SurfaceRow sample) {
        Objects.requireNonNull(sample, "sample");
        String action = "record a surface row of trial " + sample.trialId();
        try {
            // The row repeats its trial's study and task for the fitting tools; they must not disagree.
            try (PreparedStatement check = connection.prepareStatement("""
                    SELECT 1 FROM trials t JOIN tasks k ON k.id = t.task_id JOIN studies s ON s.id = t.study_id
                    WHERE t.id = ? AND s.name = ? AND k.name = ?""")) {
                check.setLong(1, sample.trialId());
                check.setString(2, sample.study());
                check.setString(3, sample.task());
                try (ResultSet row = check.executeQuery()) {
                    if (!row.next()) {
                        throw failure(action, "there is no trial " + sample.trialId() + " of task " + sample.task()
                                + " in study " + sample.study());
                    }
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO surface (trial_id, study, task, kind, dataset_size, parameter_count, batch_size,
                                         optimizer_family, epochs, loss0, epoch, loss, mean_loss, lr, next_loss,
                                         convergence, val_loss, val_accuracy)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (trial_id, epoch, kind, lr) DO UPDATE SET
                        study = excluded.study, task = excluded.task, dataset_size = excluded.dataset_size,
                        parameter_count = excluded.parameter_count, batch_size = excluded.batch_size,
                        optimizer_family = excluded.optimizer_family, epochs = excluded.epochs,
                        loss0 = excluded.loss0, loss = excluded.loss, mean_loss = excluded.mean_loss,
                        next_loss = excluded.next_loss, convergence = excluded.convergence,
                        val_loss = excluded.val_loss, val_accuracy = excluded.val_accuracy""")) {
                upsert.setLong(1, sample.trialId());
                upsert.setString(2, sample.study());
                upsert.setString(3, sample.task());
                upsert.setString(4, sample.kind());
                upsert.setLong(5, sample.datasetSize());
                upsert.setLong(6, sample.parameterCount());
                upsert.setInt(7, sample.batchSize());
                upsert.setString(8, sample.optimizerFamily());
                upsert.setInt(9, sample.epochs());
                Jdbc.setDouble(upsert, 10, sample.loss0());
                upsert.setInt(11, sample.epoch());
                Jdbc.setDouble(upsert, 12, sample.loss());
                Jdbc.setDouble(upsert, 13, sample.meanLoss());
                upsert.setDouble(14, sample.lr());
                Jdbc.setDouble(upsert, 15, sample.nextLoss());
                Jdbc.setDouble(upsert, 16, sample.convergence());
                Jdbc.setDouble(upsert, 17, sample.valLoss());
                Jdbc.setDouble(upsert, 18, sample.valAccuracy());
                upsert.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /**
     * The surface sampled by a study, ordered by task, trial seed, trial controller, epoch, kind and learning
     * rate; empty for an unknown study. Not by trial id: parallel workers start trials in any order, and a fit
     * must see the same rows in the same order whichever worker ran what (the symbolic regression is
     * sensitive to it). Rows of failed trials are left out: such a trial was cut short (an interrupted one is
     * restarted from scratch), and its restart samples the same epochs again.
     */
    public synchronized List<SurfaceRow> surface(String study) {
        Objects.requireNonNull(study, "study");
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT v.* FROM surface v JOIN trials t ON t.id = v.trial_id
                WHERE v.study = ? AND t.status <> ?
                ORDER BY v.task, t.seed, t.controller, v.trial_id, v.epoch, v.kind, v.lr""")) {
            query.setString(1, study);
            query.setString(2, TrialStatus.FAILED.word());
            List<SurfaceRow> samples = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    samples.add(new SurfaceRow(
                            row.getLong("trial_id"),
                            row.getString("study"),
                            row.getString("task"),
                            row.getString("kind"),
                            row.getLong("dataset_size"),
                            row.getLong("parameter_count"),
                            row.getInt("batch_size"),
                            row.getString("optimizer_family"),
                            row.getInt("epochs"),
                            Jdbc.getDouble(row, "loss0"),
                            row.getInt("epoch"),
                            Jdbc.getDouble(row, "loss"),
                            Jdbc.getDouble(row, "mean_loss"),
                            row.getDouble("lr"),
                            Jdbc.getDouble(row, "next_loss"),
                            Jdbc.getDouble(row, "convergence"),
                            Jdbc.getDouble(row, "val_loss"),
                            Jdbc.getDouble(row, "val_accuracy")));
                }
            }
            return samples;
        } catch (SQLException e) {
            throw failure("read the surface of study " + study, e);
        }
    }

    /**
     * Records how many epochs a trial trained in all, lookahead branches included (an oracle trajectory's
     * cost), committed at once.
     *
     * @throws StoreException if there is no such trial
     */
    public synchronized void recordEpochsTrained(long trialId, long epochsTrained) {
        if (epochsTrained < 0) {
            throw new IllegalArgumentException("epochs trained must be >= 0, got " + epochsTrained);
        }
        String action = "record the epochs trained by trial " + trialId;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE trials SET epochs_trained = ? WHERE id = ?")) {
            update.setLong(1, epochsTrained);
            update.setLong(2, trialId);
            if (update.executeUpdate() == 0) {
                throw failure(action, "there is no trial " + trialId);
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /**
     * Records a fitted Ψ model in {@code psi_models}, committed at once. Recording a model under a name
     * already stored replaces that row, so fitting again to the same name keeps the latest fit.
     *
     * @param name the model's name, unique in the store
     * @param kind the model's kind, e.g. {@code formula} or {@code network}
     * @param path the file the model was saved to, or {@code null}
     * @param content the model as JSON
     * @param study the study whose surface was fitted, or {@code null}
     * @return the row's id
     * @throws StoreException if {@code study} is not stored
     */
    public synchronized long recordPsiModel(String name, String kind, String path, String content, String study) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        String action = "record Psi model " + name;
        try {
            Long studyId = null;
            if (study != null) {
                studyId = idByName("studies", study).orElseThrow(
                        () -> failure(action, "study " + study + " is not stored"));
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO psi_models (name, kind, path, content, created_at, study_id)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, path = excluded.path,
                        content = excluded.content, created_at = excluded.created_at, study_id = excluded.study_id
                    RETURNING id""")) {
                upsert.setString(1, name);
                upsert.setString(2, kind);
                upsert.setString(3, path);
                upsert.setString(4, content);
                upsert.setString(5, Jdbc.timestamp(clock.instant()));
                upsert.setObject(6, studyId, Types.BIGINT);
                try (ResultSet id = upsert.executeQuery()) {
                    id.next();
                    return id.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    /**
     * The stored trials that {@code trial} would repeat, oldest first: same study, task, controller,
     * optimizer, seed, epoch budget, batch size and training size. A command that reruns a study uses
     * them to skip what is done and to find what a killed process left {@code running}. The host and the
     * configuration JSON are not compared.
     */
    public synchronized List<TrialSummary> trialsLike(NewTrial trial) {
        Objects.requireNonNull(trial, "trial");
        // "= NULL" matches nothing, so a missing study or training size is matched with IS NULL instead.
        String sql = TRIAL_SUMMARY + "WHERE " + (trial.study() == null ? "t.study_id IS NULL" : "s.name = ?")
                + " AND k.name = ? AND t.controller = ? AND t.optimizer = ? AND t.seed = ? AND t.epochs = ?"
                + " AND t.batch_size = ? AND "
                + (trial.trainSize() == null ? "t.train_size IS NULL" : "t.train_size = ?")
                + " ORDER BY t.id";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int index = 1;
            if (trial.study() != null) {
                query.setString(index++, trial.study());
            }
            query.setString(index++, trial.task());
            query.setString(index++, trial.controller());
            query.setString(index++, trial.optimizer());
            query.setLong(index++, trial.seed());
            query.setInt(index++, trial.epochs());
            query.setInt(index++, trial.batchSize());
            if (trial.trainSize() != null) {
                query.setInt(index, trial.trainSize());
            }
            return summaries(query);
        } catch (SQLException e) {
            throw failure("read trials of task " + trial.task(), e);
        }
    }

    /**
     * Writes every table to {@code directory} as {@code studies.csv}, {@code tasks.csv}, {@code trials.csv},
     * {@code epochs.csv}, {@code evaluations.csv}, {@code recoveries.csv}, {@code psi_models.csv}, {@code surface.csv} and
     * {@code jobs.csv} (RFC 4180, header row, {@code NULL} as an empty field), creating the directory if needed and replacing those
     * files. The files show one consistent moment of the database; writers are not blocked meanwhile.
     *
     * @throws StoreException if the directory or a file cannot be written
     */
    public void exportCsv(Path directory) {
        Objects.requireNonNull(directory, "directory");
        String action = "Cannot export results database " + location.display() + " to " + directory + ": ";
        // A separate read-only connection gives a snapshot without holding the writer's lock.
        try (Connection reader = Connections.openSnapshotReader(location)) {
            reader.setAutoCommit(false);
            CsvExport.write(reader, directory);
            reader.commit();
        } catch (IOException e) {
            throw new StoreException(action + CsvExport.describe(e), e);
        } catch (SQLException e) {
            throw new StoreException(action + location.dialect().reason(e), e);
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

    private long ensureNamed(String table, String column, String name, String value, String kind) {
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
                        throw failure(action, "it is already stored with a different " + column
                                + "; give the changed " + kind + " a new name");
                    }
                    return row.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    private OptionalLong idByName(String table, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static List<TrialSummary> summaries(PreparedStatement query) throws SQLException {
        List<TrialSummary> summaries = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                summaries.add(new TrialSummary(
                        row.getLong("id"),
                        row.getString("study"),
                        row.getString("task"),
                        row.getString("controller"),
                        row.getString("optimizer"),
                        row.getLong("seed"),
                        TrialStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                        Jdbc.getInteger(row, "diverged_epoch"),
                        row.getString("error"),
                        row.getInt("epochs"),
                        row.getInt("epochs_done"),
                        Jdbc.getDouble(row, "best_val_accuracy"),
                        Jdbc.getDouble(row, "final_val_loss"),
                        Jdbc.getDouble(row, "wall_seconds"),
                        Jdbc.instant(row.getString("started_at"))));
            }
        }
        return summaries;
    }

    StoreException failure(String action, SQLException e) {
        return new StoreException(
                "Cannot " + action + " in " + location.display() + ": " + location.dialect().reason(e), e);
    }

    StoreException failure(String action, String reason) {
        return new StoreException("Cannot " + action + " in " + location.display() + ": " + reason);
    }
}
