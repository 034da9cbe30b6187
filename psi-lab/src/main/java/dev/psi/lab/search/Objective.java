package dev.psi.lab.search;

import dev.psi.core.criteria.TrialCurve;
import java.util.List;

/**
 * What a search optimizes: a point trained for some epochs gives a trajectory of a validation metric,
 * higher is better (validation accuracy for classification), and a curve of epochs and evaluations from
 * which the study's time to target is read. Strategies see only this interface, so they run on
 * a synthetic objective in the tests in microseconds and on {@link TrialObjective} for real.
 *
 * <p>A run is resumable rather than a single call, because successive halving continues its promoted
 * runs and population-based training swaps state between them.
 */
public interface Objective {

    /**
     * Starts a run of {@code point} whose schedule spans {@code epochs} epochs; nothing is trained yet.
     */
    Run start(Point point, int epochs);

    /**
     * The objectives a point is trained on, one per seed; a search runs every point on each of them and
     * counts every run in its cost. This objective alone unless it is {@link #overSeeds}.
     */
    default List<Objective> replicas() {
        return List.of(this);
    }

    /**
     * One objective whose every point runs once on each of {@code seeds} (the same task on other seeds), in
     * lockstep: an epoch of the combined run trains an epoch on every seed still running.
     */
    static Objective overSeeds(List<? extends Objective> seeds) {
        List<Objective> copy = List.copyOf(seeds);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one seed to run on");
        }
        return new Objective() {
            @Override
            public Run start(Point point, int epochs) {
                return new Ledger(this).start(point, epochs);
            }

            @Override
            public List<Objective> replicas() {
                return copy;
            }
        };
    }

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
         * Replaces this run's whole training state (parameters, optimizer state, epoch position, and the curve
         * that led to it) with a copy of {@code donor}'s, a run of the same objective and optimizer: the exploit
         * step of PBT.
         */
        void copyFrom(Run donor);

        /**
         * The curve of this run's state so far: status (running until its budget is spent or it diverged), the
         * epochs and the evaluations that led to it. After {@link #copyFrom} it begins with the donor's.
         */
        TrialCurve curve();

        /** Ends the run; a run closed before its budget is spent was stopped by the search. */
        @Override
        void close();
    }
}
