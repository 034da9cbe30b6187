package dev.psi.store;

import dev.psi.core.result.TrialStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code checkpoints} table: at most one per trial, its full state after the last finished epoch, so that
 * a trial a killed process left unfinished resumes where it was. Deleted once the trial ends. Obtained from
 * {@link ResultStore#checkpoints()}; its calls run one at a time with the store's.
 */
public final class CheckpointStore {

    private final ResultStore store;
    private final Connection connection;
    private final Clock clock;
    private final TrialStore trials;

    CheckpointStore(ResultStore store, Connection connection, Clock clock, TrialStore trials) {
        this.store = store;
        this.connection = connection;
        this.clock = clock;
        this.trials = trials;
    }

    /**
     * Replaces the checkpoint of trial {@code trialId} with {@code state}, the trial's state at the end of
     * {@code epoch}; committed before this returns, like an epoch row.
     */
    public void save(long trialId, int epoch, byte[] state) {
        Objects.requireNonNull(state, "state");
        synchronized (store) {
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
                throw store.failure("save the checkpoint of trial " + trialId, e);
            }
        }
    }

    /** The stored checkpoint of trial {@code trialId}, if it has one. */
    public Optional<StoredCheckpoint> of(long trialId) {
        synchronized (store) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT epoch, state FROM checkpoints WHERE trial_id = ?")) {
                select.setLong(1, trialId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new StoredCheckpoint(trialId, row.getInt(1), row.getBytes(2)))
                            : Optional.empty();
                }
            } catch (SQLException e) {
                throw store.failure("read the checkpoint of trial " + trialId, e);
            }
        }
    }

    /**
     * The checkpoint to resume a trial from: that of the latest of {@code attempts} (as
     * {@link TrialStore#like} lists them, oldest first) that a killed process left unfinished — still
     * {@code running}, or marked {@code interrupted} since — and that stored one.
     */
    public Optional<StoredCheckpoint> resumable(List<TrialSummary> attempts) {
        synchronized (store) {
            for (int i = attempts.size() - 1; i >= 0; i--) {
                TrialSummary attempt = attempts.get(i);
                boolean unfinished = attempt.status() == TrialStatus.RUNNING
                        || attempt.status() == TrialStatus.FAILED && TrialStore.INTERRUPTED.equals(attempt.error());
                if (unfinished) {
                    Optional<StoredCheckpoint> checkpoint = of(attempt.id());
                    if (checkpoint.isPresent()) {
                        return checkpoint;
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Gives up the checkpoint of trial {@code trialId}, which could not be restored ({@code why}): it is
     * deleted and the attempt marked failed, so that the trial starts afresh instead of failing on every
     * rerun.
     */
    public void abandon(long trialId, String why) {
        synchronized (store) {
            delete(trialId);
            trials.finish(trialId, TrialStatus.FAILED, null,
                    TrialStore.INTERRUPTED + "; its checkpoint could not be restored: " + why, Double.NaN);
        }
    }

    /** Deletes the checkpoint of trial {@code trialId}, if any: once a trial ends it is of no use. */
    public void delete(long trialId) {
        synchronized (store) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM checkpoints WHERE trial_id = ?")) {
                delete.setLong(1, trialId);
                delete.executeUpdate();
            } catch (SQLException e) {
                throw store.failure("delete the checkpoint of trial " + trialId, e);
            }
        }
    }
}
