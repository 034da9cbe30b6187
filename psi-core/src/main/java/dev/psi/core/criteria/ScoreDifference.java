package dev.psi.core.criteria;

import java.util.List;
import java.util.Random;

/**
 * The difference between two methods' performance-profile scores ({@link PerformanceProfiles#area(String)},
 * as MLCommons AlgoPerf scores them: Dahl et al. 2023, "Benchmarking Neural Network Training Algorithms"),
 * with a paired bootstrap 95 % interval over tasks and seeds.
 *
 * <p>The data are times to target t<sub>p,m,s</sub> of every compared method m on task p and seed s, ∞
 * when not reached. A method's time on a task is the median over its seeds ({@link Medians#median}), and the
 * scores are those of the profiles of these medians: d = s<sub>method</sub> − s<sub>alternative</sub>.
 *
 * <p>Resampling scheme (two-stage, paired). Each of the B replicates draws, with {@link Random} seeded with
 * {@code seed}, P task indices uniformly with replacement from the P tasks; for each drawn task (in draw
 * order, the task index first) it draws n<sub>p</sub> seed indices uniformly with replacement from that
 * task's n<sub>p</sub> seeds, and takes every method's median over <em>the same</em> drawn seeds. Seeds are
 * paired: seed index s is the same evaluation seed (the same split, initialization and data order) for every
 * method, so a seed that is hard for everyone moves every method together and drops out of the difference;
 * a method equal to another on every seed differs from it by exactly 0 in every replicate. The replicate's
 * profiles are recomputed from its medians (a drawn task counts as often as it was drawn, and t<sub>best</sub>
 * is taken again, over every compared method), and its difference d* recorded. The interval is the
 * {@link ConfidenceInterval#percentile percentile interval} of the B differences: the same inputs and seed
 * give the same interval.
 *
 * <p>The alternative is fixed by the caller, chosen once on the full data, not re-chosen in each replicate.
 * The interval is then about the contrast the verdict names ("Ψ against random search"); a maximum over
 * alternatives re-taken per replicate has no consistent bootstrap where alternatives tie, which they often
 * do here (two searches that find the same rate); and choosing the best alternative on the full data
 * favours the alternative (its score is the luckiest of several), so the choice errs against Ψ, not for it.
 *
 * @param method the method judged (Ψ)
 * @param alternative the method it is compared with
 * @param score the score of {@code method} on the full data, in [0, 1]
 * @param alternativeScore the score of {@code alternative} on the full data, in [0, 1]
 * @param interval the paired bootstrap 95 % interval of {@link #difference()}
 */
public record ScoreDifference(String method, String alternative, double score, double alternativeScore,
        ConfidenceInterval interval) {

    /** The usual number of bootstrap replicates. */
    public static final int DEFAULT_RESAMPLES = 2000;

    /** d = {@link #score()} − {@link #alternativeScore()}. */
    public double difference() {
        return score - alternativeScore;
    }

    /**
     * The score difference of {@code method} and {@code alternative} with its paired bootstrap interval
     * of {@code resamples} replicates (see the class comment).
     *
     * @param methods every compared method: each takes part in t<sub>best</sub> (leave references such as
     *     the oracle out; they change no compared method's score)
     * @param times {@code times[task][method][seed]}, methods in the order of {@code methods}; on a task,
     *     every method has the same seeds in the same order; a time is positive, or ∞ when not reached
     * @throws IllegalArgumentException when there are no tasks, a task has no seeds or unequal seed counts
     *     across methods, a row has the wrong length, a time is NaN, zero or negative, a method is unknown,
     *     or {@code resamples < 1}
     */
    public static ScoreDifference of(List<String> methods, double[][][] times, String method, String alternative,
            int resamples, long seed) {
        if (times.length == 0) {
            throw new IllegalArgumentException("a score difference needs at least one task");
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
        }
        int[][] all = new int[times.length][];
        for (int p = 0; p < times.length; p++) {
            all[p] = allSeeds(times[p], methods.size(), p);
        }
        int[] tasks = new int[times.length];
        for (int k = 0; k < tasks.length; k++) {
            tasks[k] = k;
        }
        PerformanceProfiles full = profiles(methods, times, tasks, all);
        Random random = new Random(seed);
        double[] differences = new double[resamples];
        int[][] seeds = new int[times.length][];
        for (int b = 0; b < resamples; b++) {
            for (int k = 0; k < tasks.length; k++) {
                tasks[k] = random.nextInt(times.length);
                int n = all[tasks[k]].length;
                seeds[k] = new int[n];
                for (int j = 0; j < n; j++) {
                    seeds[k][j] = random.nextInt(n);
                }
            }
            PerformanceProfiles replicate = profiles(methods, times, tasks, seeds);
            differences[b] = replicate.area(method) - replicate.area(alternative);
        }
        return new ScoreDifference(method, alternative, full.area(method), full.area(alternative),
                ConfidenceInterval.percentile(differences));
    }

    /** {@link #of(List, double[][][], String, String, int, long)} with {@value #DEFAULT_RESAMPLES} replicates. */
    public static ScoreDifference of(List<String> methods, double[][][] times, String method, String alternative,
            long seed) {
        return of(methods, times, method, alternative, DEFAULT_RESAMPLES, seed);
    }

    /** The seed indices 0..n−1 of task {@code p}, checking that its every method has the same n ≥ 1 seeds. */
    private static int[] allSeeds(double[][] task, int methods, int p) {
        if (task.length != methods) {
            throw new IllegalArgumentException("task " + p + " has " + task.length + " methods' times for " + methods
                    + " methods");
        }
        int n = task.length == 0 ? 0 : task[0].length;
        for (double[] bySeed : task) {
            if (bySeed.length != n || n == 0) {
                throw new IllegalArgumentException("task " + p + ": every method needs the same seeds, at least one");
            }
        }
        int[] seeds = new int[n];
        for (int s = 0; s < n; s++) {
            seeds[s] = s;
        }
        return seeds;
    }

    /**
     * The profiles of the tasks {@code tasks} (indices into {@code times}, repeats allowed), each method's
     * time on the k-th of them being its median over the seeds {@code seeds[k]} of that task.
     */
    private static PerformanceProfiles profiles(List<String> methods, double[][][] times, int[] tasks, int[][] seeds) {
        double[][] medians = new double[tasks.length][methods.size()];
        for (int k = 0; k < tasks.length; k++) {
            double[] sample = new double[seeds[k].length];
            for (int m = 0; m < methods.size(); m++) {
                for (int j = 0; j < sample.length; j++) {
                    sample[j] = times[tasks[k]][m][seeds[k][j]];
                }
                medians[k][m] = Medians.median(sample);
            }
        }
        return PerformanceProfiles.of(methods, medians);
    }
}
