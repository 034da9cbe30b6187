package dev.psi.core.criteria;

import dev.psi.core.result.TrialStatus;
import java.util.Collection;

/**
 * Reliability: the fraction of seeds that reached the target, with a Wilson score 95 % interval.
 *
 * @param successes trials that reached the target
 * @param trials all trials
 * @param interval the Wilson score interval for the success probability, within [0, 1]
 */
public record Reliability(int successes, int trials, ConfidenceInterval interval) {

    /** The normal quantile of a two-sided 95 % interval. */
    public static final double Z = 1.959964;

    public Reliability {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " successes of " + trials + " trials");
        }
    }

    /** {@code successes / trials}; NaN when there are no trials. */
    public double fraction() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /**
     * The reliability of {@code successes} of {@code trials}, with the Wilson score interval
     * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), clamped to [0, 1]; [0, 1] when there are no trials.
     */
    public static Reliability of(int successes, int trials) {
        if (trials <= 0) {
            return new Reliability(successes, trials, new ConfidenceInterval(0, 1));
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        double lower = successes == 0 ? 0 : Math.max(0, center - half);
        double upper = successes == trials ? 1 : Math.min(1, center + half);
        return new Reliability(successes, trials, new ConfidenceInterval(lower, upper));
    }

    /**
     * The reliability of {@code seeds} (one trial per seed) for {@code target}: a trial succeeds when its
     * {@link TimeToTarget} is reached and it did not diverge; a {@link TrialStatus#DIVERGED} trial is a
     * failure even if it reached the target before diverging.
     */
    public static Reliability of(Collection<TrialCurve> seeds, Target target) {
        int successes = 0;
        for (TrialCurve trial : seeds) {
            if (trial.status() != TrialStatus.DIVERGED && TimeToTarget.of(trial, target).reached()) {
                successes++;
            }
        }
        return of(successes, seeds.size());
    }
}
