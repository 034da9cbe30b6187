package dev.psi.store;

import dev.psi.core.result.TrialStatus;
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

/**
 * The {@code trials} table: a trial is {@link #start started} {@code running}, and {@link #finish finished}
 * with its outcome; one that a killed process left running is {@link #interrupt interrupted} or
 * {@link #resume resumed}. Read back as {@link TrialSummary} rows with the figures of their epochs. Obtained
 * from {@link ResultStore#trials()}; its calls run one at a time with the store's.
 */
public final class TrialStore {

    /** The error of a trial a killed process left running, once a later run has found it. */
    public static final String INTERRUPTED = "interrupted";

    /**
     * The columns {@link #summary} reads, of {@code trials t} joined to {@code tasks k} and {@code studies s}; the
     * dashboard's views ({@link StoreViews}) select them too.
     */
    static final String SUMMARY_COLUMNS = """
            SELECT t.id, s.name AS study, k.name AS task, t.controller, t.optimizer, t.seed, t.status,
                   t.diverged_epoch, t.error, t.epochs, t.wall_seconds, t.started_at,
                   (SELECT COUNT(*) FROM epochs e WHERE e.trial_id = t.id) AS epochs_done,
                   (SELECT MAX(e.val_accuracy) FROM epochs e WHERE e.trial_id = t.id) AS best_val_accuracy,
                   (SELECT e.val_loss FROM epochs e WHERE e.trial_id = t.id
                    ORDER BY e.epoch DESC LIMIT 1) AS final_val_loss
            """;

    private static final String TRIAL_SUMMARY = SUMMARY_COLUMNS + """
            FROM trials t
            JOIN tasks k ON k.id = t.task_id
            LEFT JOIN studies s ON s.id = t.study_id
            """;

    private final ResultStore store;
    private final Connection connection;
    private final Clock clock;
    private final Catalog catalog;

    TrialStore(ResultStore store, Connection connection, Clock clock, Catalog catalog) {
        this.store = store;
        this.connection = connection;
        this.clock = clock;
        this.catalog = catalog;
    }

    /**
     * Records a trial as {@code running}, started now.
     *
     * @return the trial's id, for the epochs, evaluations and {@link #finish}
     * @throws StoreException if its task or study is not stored
     */
    public long start(NewTrial trial) {
        Objects.requireNonNull(trial, "trial");
        synchronized (store) {
            String action = "start a trial of task " + trial.task();
            try {
                long taskId = catalog.taskId(trial.task()).orElseThrow(
                        () -> store.failure(action, "task " + trial.task() + " is not stored (ensureTask first)"));
                Long studyId = null;
                if (trial.study() != null) {
                    studyId = catalog.studyId(trial.study()).orElseThrow(() -> store.failure(action,
                            "study " + trial.study() + " is not stored (ensureStudy first)"));
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
                throw store.failure(action, e);
            }
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
    public void finish(long trialId, TrialStatus status, Integer divergedEpoch, String error, double wallSeconds) {
        Objects.requireNonNull(status, "status");
        if (status == TrialStatus.RUNNING) {
            throw new IllegalArgumentException("a trial cannot finish as running");
        }
        if (divergedEpoch != null && status != TrialStatus.DIVERGED) {
            throw new IllegalArgumentException("a diverged epoch was given for a trial that " + status.word());
        }
        String action = "finish trial " + trialId;
        synchronized (store) {
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
                    throw store.failure(action, "there is no trial " + trialId);
                }
            } catch (SQLException e) {
                throw store.failure(action, e);
            }
        }
    }

    /**
     * Marks trial {@code trialId} running again in process {@code host}: a trial a killed process left
     * running (or that was marked interrupted since), resumed from its stored checkpoint.
     *
     * @throws StoreException if there is no such trial
     */
    public void resume(long trialId, String host) {
        String action = "resume trial " + trialId;
        synchronized (store) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trials SET status = 'running', error = NULL, ended_at = NULL, host = ? WHERE id = ?""")) {
                update.setString(1, host);
                update.setLong(2, trialId);
                if (update.executeUpdate() == 0) {
                    throw store.failure(action, "there is no trial " + trialId);
                }
            } catch (SQLException e) {
                throw store.failure(action, e);
            }
        }
    }

    /**
     * Marks trial {@code trialId} failed with error {@value #INTERRUPTED} if it is still {@code running}: the
     * process training it was stopped, or is gone. Its checkpoint stays, so that the trial can resume
     * ({@link CheckpointStore#resumable}).
     *
     * @return whether the trial was running
     */
    public boolean interrupt(long trialId) {
        return failRunning(trialId, INTERRUPTED);
    }

    /**
     * Marks trial {@code trialId} failed with {@code error} if it is still {@code running}: a trial that the
     * process's shutdown marked interrupted meanwhile keeps that mark, so it can resume.
     *
     * @return whether the trial was running
     */
    public boolean failRunning(long trialId, String error) {
        synchronized (store) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trials SET status = 'failed', error = ?, ended_at = ? WHERE id = ? AND status = 'running'""")) {
                update.setString(1, error);
                update.setString(2, Jdbc.timestamp(clock.instant()));
                update.setLong(3, trialId);
                return update.executeUpdate() == 1;
            } catch (SQLException e) {
                throw store.failure("finish trial " + trialId, e);
            }
        }
    }

    /** The trials whose status is {@code running}, oldest first, with the process that runs each. */
    public List<RunningTrial> running() {
        synchronized (store) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, host, started_at FROM trials WHERE status = 'running' ORDER BY id");
                 ResultSet row = query.executeQuery()) {
                List<RunningTrial> running = new ArrayList<>();
                while (row.next()) {
                    running.add(new RunningTrial(row.getLong(1), row.getString(2), Jdbc.instant(row.getString(3))));
                }
                return running;
            } catch (SQLException e) {
                throw store.failure("read running trials", e);
            }
        }
    }

    /**
     * Records how many epochs a trial trained in all, lookahead branches included (an oracle trajectory's
     * cost), committed at once.
     *
     * @throws StoreException if there is no such trial
     */
    public void recordEpochsTrained(long trialId, long epochsTrained) {
        if (epochsTrained < 0) {
            throw new IllegalArgumentException("epochs trained must be >= 0, got " + epochsTrained);
        }
        String action = "record the epochs trained by trial " + trialId;
        synchronized (store) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE trials SET epochs_trained = ? WHERE id = ?")) {
                update.setLong(1, epochsTrained);
                update.setLong(2, trialId);
                if (update.executeUpdate() == 0) {
                    throw store.failure(action, "there is no trial " + trialId);
                }
            } catch (SQLException e) {
                throw store.failure(action, e);
            }
        }
    }

    /** Every trial, oldest first. */
    public List<TrialSummary> all() {
        synchronized (store) {
            try (PreparedStatement query = connection.prepareStatement(TRIAL_SUMMARY + "ORDER BY t.id")) {
                return summaries(query);
            } catch (SQLException e) {
                throw store.failure("read trials", e);
            }
        }
    }

    /** The trials of one study, oldest first; empty for an unknown study. */
    public List<TrialSummary> inStudy(String study) {
        Objects.requireNonNull(study, "study");
        synchronized (store) {
            try (PreparedStatement query = connection.prepareStatement(
                    TRIAL_SUMMARY + "WHERE s.name = ? ORDER BY t.id")) {
                query.setString(1, study);
                return summaries(query);
            } catch (SQLException e) {
                throw store.failure("read trials of study " + study, e);
            }
        }
    }

    /**
     * The stored trials that {@code trial} would repeat, oldest first: same study, task, controller,
     * optimizer, seed, epoch budget, batch size and training size. A command that reruns a study uses
     * them to skip what is done and to find what a killed process left {@code running}. The host and the
     * configuration JSON are not compared.
     */
    public List<TrialSummary> like(NewTrial trial) {
        Objects.requireNonNull(trial, "trial");
        // "= NULL" matches nothing, so a missing study or training size is matched with IS NULL instead.
        String sql = TRIAL_SUMMARY + "WHERE " + (trial.study() == null ? "t.study_id IS NULL" : "s.name = ?")
                + " AND k.name = ? AND t.controller = ? AND t.optimizer = ? AND t.seed = ? AND t.epochs = ?"
                + " AND t.batch_size = ? AND "
                + (trial.trainSize() == null ? "t.train_size IS NULL" : "t.train_size = ?")
                + " ORDER BY t.id";
        synchronized (store) {
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
                throw store.failure("read trials of task " + trial.task(), e);
            }
        }
    }

    /** The trials {@code query} selects with {@link #SUMMARY_COLUMNS}. */
    static List<TrialSummary> summaries(PreparedStatement query) throws SQLException {
        List<TrialSummary> summaries = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                summaries.add(summary(row));
            }
        }
        return summaries;
    }

    /** The trial at {@code row}, selected with {@link #SUMMARY_COLUMNS}. */
    static TrialSummary summary(ResultSet row) throws SQLException {
        return new TrialSummary(
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
                Jdbc.instant(row.getString("started_at")));
    }
}
