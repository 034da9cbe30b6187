package dev.psi.store;

import java.util.Objects;

/**
 * A trial's checkpoint as {@link CheckpointStore#of} reads it.
 *
 * @param trialId the trial it belongs to
 * @param epoch the last epoch the trial had finished when the state was taken
 * @param state the trial's state, as the engine encoded it
 */
public record StoredCheckpoint(long trialId, int epoch, byte[] state) {

    public StoredCheckpoint {
        Objects.requireNonNull(state, "state");
    }
}
