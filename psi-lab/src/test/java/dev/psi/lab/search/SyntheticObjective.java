package dev.psi.lab.search;

import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An objective with a known optimum, for testing strategies without training. An epoch at rate α scores
 * g(α) = −(log₁₀ α − log₁₀ α*)²; the metric after n epochs is the mean of the epochs' scores, minus a
 * penalty when the point's family is not the best family, minus 1/n so that the metric rises with
 * training as an accuracy does. An epoch with the point's schedule counts at the point's α; at an
 * explicit rate (PBT), at that rate. The ranking of points is therefore the same at every epoch, and
 * the optimum is (α*, best family) with metric −1/E.
 *
 * <p>A rate above {@code divergeAbove} diverges, as a too-large step does: the metric is {@code NaN} and
 * the run stops.
 *
 * <p>Its {@linkplain Run#curve() curve} has an epoch row per trained epoch whose validation loss is the
 * negated metric (no accuracy, as a regression task), {@value #STEPS_PER_EPOCH} steps per epoch, and one
 * evaluation at each epoch's end: a {@code val_loss} target is reached at the first epoch whose negated
 * metric is at most the target's value.
 */
public final class SyntheticObjective implements Objective {

    /** Optimizer steps in one epoch of a synthetic run. */
    public static final int STEPS_PER_EPOCH = 10;

    private final double optimumLr;
    private final ScheduleFamily bestFamily;
    private final double familyPenalty;
    private final double divergeAbove;

    /**
     * @param optimumLr α*, the best rate
     * @param bestFamily the family without penalty
     * @param familyPenalty subtracted from the metric of every other family, ≥ 0
     * @param divergeAbove rates above this diverge; {@code Double.POSITIVE_INFINITY} for never
     */
    public SyntheticObjective(double optimumLr, ScheduleFamily bestFamily, double familyPenalty,
            double divergeAbove) {
        if (!(optimumLr > 0) || !(familyPenalty >= 0) || !(divergeAbove > 0)) {
            throw new IllegalArgumentException("needs α* > 0, penalty >= 0 and a positive divergence rate");
        }
        this.optimumLr = optimumLr;
        this.bestFamily = Objects.requireNonNull(bestFamily, "bestFamily");
        this.familyPenalty = familyPenalty;
        this.divergeAbove = divergeAbove;
    }

    /** The score of one epoch at rate {@code lr}: 0 at α*, falling with the square of the decades off. */
    public double epochScore(double lr) {
        double decades = Math.log10(lr) - Math.log10(optimumLr);
        return -decades * decades;
    }

    @Override
    public Run start(Point point, int epochs) {
        return new SyntheticRun(point, epochs);
    }

    /** A run's whole state is the sum of its epochs' scores and how many there were. */
    private final class SyntheticRun implements Run {

        private final Point point;
        private final int epochs;
        private double scoreSum;
        private int done;
        private boolean diverged;
        private List<EpochResult> rows = new ArrayList<>();
        private List<Evaluation> evaluations = new ArrayList<>();

        private SyntheticRun(Point point, int epochs) {
            this.point = point;
            this.epochs = epochs;
        }

        @Override
        public boolean running() {
            return !diverged && done < epochs;
        }

        @Override
        public int epochsDone() {
            return done;
        }

        @Override
        public double trainEpoch() {
            return trainEpoch(point.lr());
        }

        @Override
        public double trainEpoch(double lr) {
            if (!running()) {
                throw new IllegalStateException("the run has ended");
            }
            if (lr > divergeAbove) {
                diverged = true;
                return Double.NaN;
            }
            scoreSum += epochScore(lr);
            done++;
            double penalty = point.family() == bestFamily ? 0 : familyPenalty;
            double metric = scoreSum / done - penalty - 1.0 / done;
            long steps = (long) done * STEPS_PER_EPOCH;
            rows.add(new EpochResult(done - 1, lr, -metric, -metric, Double.NaN, steps, 0));
            evaluations.add(new Evaluation(done - 1, steps, done, -metric, Double.NaN, 1, 0));
            return metric;
        }

        @Override
        public TrialCurve curve() {
            TrialStatus status = diverged ? TrialStatus.DIVERGED
                    : done < epochs ? TrialStatus.RUNNING : TrialStatus.COMPLETED;
            return new TrialCurve(status, rows, evaluations);
        }

        @Override
        public void copyFrom(Run donor) {
            SyntheticRun other = (SyntheticRun) donor;
            scoreSum = other.scoreSum;
            done = other.done;
            diverged = other.diverged;
            rows = new ArrayList<>(other.rows);
            evaluations = new ArrayList<>(other.evaluations);
        }

        @Override
        public void close() {
            // Nothing to free: the state is two numbers.
        }
    }
}
