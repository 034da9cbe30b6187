package dev.psi.lab.search;

/**
 * What a search optimizes: a point trained for some epochs gives a trajectory of a validation metric,
 * higher is better (validation accuracy for classification). Strategies see only this interface, so
 * they run on {@link SyntheticObjective} in microseconds and on {@link TrialObjective} for real.
 *
 * <p>A run is resumable rather than a single call, because successive halving continues its promoted
 * runs and population-based training swaps state between them.
 */
public interface Objective {

    /**
     * Starts a run of {@code point} whose schedule spans {@code epochs} epochs; nothing is trained yet.
     */
    Run start(Point point, int epochs);

    /** One training run of one point; confined to the thread that started it. */
    interface Run extends AutoCloseable {

        /** Whether another epoch may be trained: the budget is not spent and the loss has not diverged. */
        boolean running();

        /** Epochs finished so far. */
        int epochsDone();

        /** Trains the next epoch with the point's schedule; the validation metric, {@code NaN} if it diverged. */
        double trainEpoch();

        /**
         * Trains the next epoch at the constant rate {@code lr} instead of the point's schedule (what
         * population-based training does between its perturbations); the metric as {@link #trainEpoch()}.
         */
        double trainEpoch(double lr);

        /**
         * Replaces this run's whole training state (parameters, optimizer state, epoch position) with a copy
         * of {@code donor}'s, a run of the same objective and optimizer: the exploit step of PBT.
         */
        void copyFrom(Run donor);

        /** Ends the run; a run closed before its budget is spent was stopped by the search. */
        @Override
        void close();
    }
}
