package dev.psi.store;

import dev.psi.core.result.Evaluation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code evaluations} table: the validation measurements a trial takes several times an epoch, from
 * which time to target is read. Obtained from {@link ResultStore#evaluations()}; its calls run one at a time
 * with the store's.
 */
public final class EvaluationStore {

    private final ResultStore store;
    private final Connection connection;

    EvaluationStore(ResultStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /**
     * Records the evaluations of epoch {@code epoch} of a trial in one transaction, committed before this
     * returns: one transaction per epoch rather than per row, since a trial evaluates several times an epoch.
     * They replace whatever rows that epoch had, so a trial resumed from an earlier checkpoint can replay it.
     */
    public void record(long trialId, int epoch, List<Evaluation> evaluations) {
        Objects.requireNonNull(evaluations, "evaluations");
        for (Evaluation e : evaluations) {
            if (e.epoch() != epoch) {
                throw new IllegalArgumentException("an evaluation of epoch " + e.epoch() + " was given with those of"
                        + " epoch " + epoch);
            }
        }
        String action = "record the evaluations of epoch " + epoch + " of trial " + trialId;
        synchronized (store) {
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
                throw store.failure(action, e);
            }
        }
    }

    /** The recorded evaluations of a trial in step order; empty for an unknown trial or one stored without them. */
    public List<Evaluation> of(long trialId) {
        synchronized (store) {
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
                throw store.failure("read evaluations of trial " + trialId, e);
            }
        }
    }
}
