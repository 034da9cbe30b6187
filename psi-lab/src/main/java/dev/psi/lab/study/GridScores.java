package dev.psi.lab.study;

import dev.psi.core.criteria.PerformanceProfiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What the training grid measured: for every training task and every configuration (a fixed method at one
 * scale of its knob), the median over the tuning seeds of its steps to the task's target (∞ when not reached)
 * and of its final validation loss (∞ when it diverged). From it the study chooses each fixed method's
 * calibrated scale and learns the configuration list, using only the training tasks, as Ψ does.
 *
 * <p>Both choices score a configuration on a task by its performance-profile score there (AlgoPerf's, Dahl
 * et al. 2023): with r = t / t<sub>best</sub>, max(0, 4 − max(1, r)) / 3, 1 for the fastest and 0 for one
 * 4× slower or never reaching. The calibrated scale of a method compares that method's scales only
 * (t<sub>best</sub> among them): the scale with the best mean score over the training tasks. The learned list
 * compares every configuration (t<sub>best</sub> among all). Ties, e.g. when no scale reaches any target, go to
 * the lower mean relative final loss (each task's loss divided by the least among the compared), then to the
 * earlier configuration; the list breaks its ties on the relative final losses the same greedy way
 * ({@link ConfigurationList}).
 *
 * @param configs the grid's columns
 * @param times [task][config] median steps to target
 * @param losses [task][config] median final validation loss
 */
record GridScores(List<Config> configs, double[][] times, double[][] losses) {

    /** The τ<sub>max</sub> of AlgoPerf's score. */
    private static final double TAU_MAX = PerformanceProfiles.TAU_MAX;

    /**
     * One configuration of the grid.
     *
     * @param method a fixed method
     * @param scale its knob as a multiple of the textbook value ({@link Method#controller(dev.psi.train.task.TaskSpec,
     *     int, double)})
     */
    record Config(Method method, double scale) {

        Config {
            Objects.requireNonNull(method, "method");
            if (!method.fixed()) {
                throw new IllegalArgumentException(method.word() + " has no scale to calibrate");
            }
        }

        /** A name unique within a grid, e.g. {@code cosine×3.16228}. */
        String name() {
            return method.word() + "×" + scale;
        }
    }

    GridScores {
        configs = List.copyOf(configs);
        if (times.length != losses.length) {
            throw new IllegalArgumentException("times and losses must cover the same tasks");
        }
        for (int t = 0; t < times.length; t++) {
            if (times[t].length != configs.size() || losses[t].length != configs.size()) {
                throw new IllegalArgumentException("task " + t + " needs a time and a loss for each config");
            }
        }
    }

    /**
     * The scale of {@code method} with the best mean score over the training tasks among its own scales.
     *
     * @throws IllegalArgumentException if the grid has no configuration of {@code method}
     */
    double calibratedScale(Method method) {
        int[] columns = IntStream.range(0, configs.size()).filter(c -> configs.get(c).method() == method).toArray();
        if (columns.length == 0) {
            throw new IllegalArgumentException("the training grid has no scale of " + method.word());
        }
        double[][] scores = scores(columns);
        double[] tieBreak = relativeLosses(columns);
        int best = 0;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < columns.length; i++) {
            final int column = i;
            double mean = Arrays.stream(scores).mapToDouble(row -> row[column]).average().orElse(0);
            if (mean > bestMean || mean == bestMean && tieBreak[i] < tieBreak[best]) {
                best = i;
                bestMean = mean;
            }
        }
        return configs.get(columns[best]).scale();
    }

    /** The first {@code length} configurations of the list learned by greedy coverage ({@link ConfigurationList}). */
    List<Config> learnedList(int length) {
        int[] all = IntStream.range(0, configs.size()).toArray();
        List<Config> list = new ArrayList<>();
        for (int column : ConfigurationList.greedy(scores(all), relativeLossMatrix(all), Math.min(length, all.length))) {
            list.add(configs.get(column));
        }
        return list;
    }

    /** s[task][i], the performance-profile score of column {@code columns[i]} against the others of {@code columns}. */
    private double[][] scores(int[] columns) {
        double[][] scores = new double[times.length][columns.length];
        for (int t = 0; t < times.length; t++) {
            double best = Double.POSITIVE_INFINITY;
            for (int column : columns) {
                best = Math.min(best, times[t][column]);
            }
            for (int i = 0; i < columns.length; i++) {
                double ratio = times[t][columns[i]] / best;
                scores[t][i] = Double.isFinite(ratio) && ratio <= TAU_MAX
                        ? (TAU_MAX - Math.max(1, ratio)) / (TAU_MAX - 1) : 0;
            }
        }
        return scores;
    }

    /** The mean over tasks of each column's {@link #relativeLossMatrix relative final loss}. */
    private double[] relativeLosses(int[] columns) {
        double[][] relative = relativeLossMatrix(columns);
        double[] mean = new double[columns.length];
        for (double[] row : relative) {
            for (int i = 0; i < columns.length; i++) {
                mean[i] += row[i] / relative.length;
            }
        }
        return mean;
    }

    /** [task][i]: column {@code columns[i]}'s final loss divided by the least of {@code columns} there; ∞ if NaN. */
    private double[][] relativeLossMatrix(int[] columns) {
        double[][] relative = new double[losses.length][columns.length];
        for (int t = 0; t < losses.length; t++) {
            double[] row = losses[t];
            double least = Arrays.stream(columns).mapToDouble(c -> row[c]).min().orElse(Double.NaN);
            for (int i = 0; i < columns.length; i++) {
                double ratio = row[columns[i]] / least;
                relative[t][i] = Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : ratio;
            }
        }
        return relative;
    }
}
