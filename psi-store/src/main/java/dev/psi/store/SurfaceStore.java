package dev.psi.store;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.result.SurfaceRow;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code surface} table: the samples (task features, epoch, loss, learning rate, observed convergence)
 * that sampling studies write and Ψ is fitted to. Obtained from {@link ResultStore#surface()}; its calls run
 * one at a time with the store's.
 */
public final class SurfaceStore {

    private final ResultStore store;
    private final Connection connection;

    SurfaceStore(ResultStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /**
     * Records one sample of the surface, committed before this returns. Recording a row whose key (trial,
     * epoch, kind, learning rate) is already stored replaces it.
     *
     * @throws StoreException if there is no trial {@code sample.trialId()} of that study and task
     */
    public void record(SurfaceRow sample) {
        Objects.requireNonNull(sample, "sample");
        String action = "record a surface row of trial " + sample.trialId();
        synchronized (store) {
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
                            throw store.failure(action, "there is no trial " + sample.trialId() + " of task "
                                    + sample.task() + " in study " + sample.study());
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
                    upsert.setLong(5, sample.features().datasetSize());
                    upsert.setLong(6, sample.features().parameterCount());
                    upsert.setInt(7, sample.features().batchSize());
                    upsert.setString(8, sample.features().optimizerFamily());
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
                throw store.failure(action, e);
            }
        }
    }

    /**
     * The surface sampled by a study, ordered by task, trial seed, trial controller, epoch, kind and learning
     * rate; empty for an unknown study. Not by trial id: parallel workers start trials in any order, and a fit
     * must see the same rows in the same order whichever worker ran what (the symbolic regression is
     * sensitive to it). Rows of failed trials are left out: such a trial was cut short (an interrupted one is
     * restarted from scratch), and its restart samples the same epochs again.
     */
    public List<SurfaceRow> of(String study) {
        Objects.requireNonNull(study, "study");
        synchronized (store) {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT v.*, t.optimizer AS trial_optimizer FROM surface v JOIN trials t ON t.id = v.trial_id
                    WHERE v.study = ? AND t.status <> ?
                    ORDER BY v.task, t.seed, t.controller, v.trial_id, v.epoch, v.kind, v.lr""")) {
                query.setString(1, study);
                query.setString(2, TrialStatus.FAILED.word());
                List<SurfaceRow> samples = new ArrayList<>();
                // A study's rows share a handful of optimizers: each spec is parsed once.
                Map<String, Double> steps = new HashMap<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        samples.add(new SurfaceRow(
                                row.getLong("trial_id"),
                                row.getString("study"),
                                row.getString("task"),
                                row.getString("kind"),
                                new TaskFeatures(
                                        row.getLong("dataset_size"),
                                        row.getLong("parameter_count"),
                                        row.getInt("batch_size"),
                                        row.getString("optimizer_family"),
                                        // Not a column: the trial's optimizer says it, in rows stored before too.
                                        steps.computeIfAbsent(row.getString("trial_optimizer"),
                                                optimizer -> TaskFeatures.effectiveStep(Spec.parse(optimizer)))),
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
                throw store.failure("read the surface of study " + study, e);
            }
        }
    }
}
