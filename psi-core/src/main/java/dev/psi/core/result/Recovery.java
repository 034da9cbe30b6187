package dev.psi.core.result;

/**
 * A roll-back the controller asked for: the parameters and optimizer state went back to the start of
 * {@code epoch} and training went on from there; one row of the {@code recoveries} table.
 *
 * @param epoch the epoch whose start was restored (the epoch that was rejected)
 * @param step optimizer steps taken in the trial when it happened
 * @param reason {@code diverged} (a NaN or infinite loss) or {@code rejected} (the controller rejected the epoch)
 * @param learningRate the learning rate the controller set for what follows
 */
public record Recovery(int epoch, long step, String reason, double learningRate) {

    public static final String DIVERGED = "diverged";
    public static final String REJECTED = "rejected";
}
