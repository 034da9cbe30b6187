package dev.psi.store;

import dev.psi.core.result.Recovery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code recoveries} table: the roll-backs a guarded trial made when its loss blew up. Obtained from
 * {@link ResultStore#recoveries()}; its calls run one at a time with the store's.
 */
public final class RecoveryStore {

    private final ResultStore store;
    private final Connection connection;

    RecoveryStore(ResultStore store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /** Records a roll-back of a trial, committed at once like an epoch. */
    public void record(long trialId, Recovery recovery) {
        Objects.requireNonNull(recovery, "recovery");
        synchronized (store) {
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
                throw store.failure("record a recovery of trial " + trialId, e);
            }
        }
    }

    /** The roll-backs of a trial, in order. */
    public List<Recovery> of(long trialId) {
        synchronized (store) {
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
                throw store.failure("read recoveries of trial " + trialId, e);
            }
        }
    }
}
