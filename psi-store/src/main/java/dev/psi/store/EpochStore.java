package dev.psi.store;

import dev.psi.core.result.EpochResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code epochs} table: one row per finished epoch of a trial, written as it ends. Obtained from
 * {@link ResultStore#epochs()}; its calls run one at a time with the store's.
 */
public final class EpochStore {

    private final ResultStore store;
    private final Connection connection;

    EpochStore(ResultStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /**
     * Records one finished epoch of a trial, committed before this returns. Recording an epoch that is
     * already stored replaces it, so a trial resumed from an earlier checkpoint can replay epochs.
     */
    public void record(long trialId, EpochResult epoch) {
        Objects.requireNonNull(epoch, "epoch");
        synchronized (store) {
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
                throw store.failure("record epoch " + epoch.epoch() + " of trial " + trialId, e);
            }
        }
    }

    /** The recorded epochs of a trial in epoch order; empty for an unknown trial. */
    public List<EpochResult> of(long trialId) {
        synchronized (store) {
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
                throw store.failure("read epochs of trial " + trialId, e);
            }
        }
    }
}
