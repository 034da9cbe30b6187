package dev.psi.lab.search;

import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TimeToTarget;
import dev.psi.core.criteria.TrialCurve;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a search ranks its trials: {@link #atEnd} chooses what it found (the winner, the genetic search's
 * fitness), {@link #midway} ranks runs that are still training (a successive-halving rung, a PBT round).
 * A higher {@link Score} is better; equal scores keep the trial that started first ahead (every sort is stable).
 */
public interface Selection {

    /**
     * The validation metric, as {@code psi search} ranks without a target: the best metric of any epoch at the
     * end, the latest epoch's metric midway ({@link Evaluated#best()}, {@link Evaluated#last()}).
     */
    Selection BEST_METRIC = new Selection() {
        @Override
        public Score atEnd(Evaluated trial) {
            return new Score(trial.best());
        }

        @Override
        public Score midway(Evaluated trial) {
            return new Score(trial.last());
        }

        @Override
        public String toString() {
            return "best validation metric";
        }
    };

    /** The score of a trial that trained its whole budget. */
    Score atEnd(Evaluated trial);

    /** The score of a run that may still train on; what successive halving and PBT cut on. */
    Score midway(Evaluated trial);

    /** Best first by {@link #atEnd}. */
    default Comparator<Evaluated> bestFirst() {
        return Comparator.comparing(this::atEnd).reversed();
    }

    /**
     * The study's criterion: time to {@code target} (DESIGN.md's convergence time), over every seed the trial
     * ran on ({@link Evaluated#curves()}). The score is, in order of significance:
     * <ol>
     *   <li>the number of seeds whose run reached the target (more is better): a point that reached it on every
     *       tuning seed beats one that reached it on fewer, and any that reached beats one that never did;
     *   <li>minus the mean over those seeds of the optimizer steps to the target ({@link TimeToTarget#steps},
     *       read from the sub-epoch evaluations), so earlier is better; with two tuning seeds that both
     *       reached, the mean is their median, the study's own statistic; 0 when no seed reached;
     *   <li>minus the mean over all seeds of the final validation loss (∞ for a run that diverged or trained
     *       nothing): the tie-break, and the order among points that reached on no seed.
     * </ol>
     * Midway (a rung, a PBT round) the same score is taken of the runs so far: the latest validation loss is
     * then the final one of the partial run, so a rung where nobody has reached the target yet is cut by the
     * latest validation loss, and one where some have by who reached first.
     */
    static Selection timeToTarget(Target target) {
        Objects.requireNonNull(target, "target");
        return new Selection() {
            @Override
            public Score atEnd(Evaluated trial) {
                return score(trial.curves(), target);
            }

            @Override
            public Score midway(Evaluated trial) {
                return atEnd(trial);
            }

            @Override
            public String toString() {
                return "time to " + target.metric().word() + " " + target.value();
            }
        };
    }

    /** The score of {@link #timeToTarget} for these runs of one point, one per seed. */
    private static Score score(List<TrialCurve> curves, Target target) {
        int reached = 0;
        double steps = 0;
        double loss = 0;
        for (TrialCurve curve : curves) {
            TimeToTarget time = TimeToTarget.of(curve, target);
            if (time.reached()) {
                reached++;
                steps += time.steps();
            }
            loss += curve.finalValLoss();
        }
        // No seed reached: 0, not −0, so that equal trials have equal scores.
        double minusSteps = reached == 0 ? 0 : -steps / reached;
        double meanLoss = curves.isEmpty() ? Double.POSITIVE_INFINITY : loss / curves.size();
        return new Score(reached, minusSteps, -meanLoss);
    }

}
