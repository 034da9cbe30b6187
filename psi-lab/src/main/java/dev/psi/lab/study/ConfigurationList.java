package dev.psi.lab.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A learned configuration list (Metz et al. 2020, "Using a thousand optimization tasks to learn hyperparameter
 * search strategies", arXiv:2002.11887): from a matrix of normalized performances of candidate configurations
 * on training tasks, the ordered list of configurations that greedily covers the tasks best. Trying the list's
 * first k configurations on a new task, and keeping the best, is a search strategy learned from many
 * experiments, the strongest alternative of that kind to a learned rule such as Ψ.
 *
 * <p>The list is built as the paper's greedy algorithm builds it: the first entry has the best mean
 * performance over the tasks; each next one adds the most to the mean over tasks of the best performance of
 * the entries chosen so far, max<sub>c ∈ list</sub> s<sub>t,c</sub>. A performance that saturates (the study's
 * score is 1 for the fastest configuration on a task) leaves ties once the list covers every task as well as any
 * candidate can; they are broken the same way on a second measure, lower is better, such as each task's relative
 * final loss: the entry that most lowers the sum over tasks of the least second measure so far, so that the list
 * keeps adding what it lacks rather than near-copies of its first entry. Remaining ties go to the earlier column,
 * so that the list is deterministic.
 */
final class ConfigurationList {

    private ConfigurationList() {
    }

    /**
     * The first {@code length} columns of the greedy list, in order.
     *
     * @param scores s[task][config], higher is better (the study uses each task's performance-profile score)
     * @param secondary a second measure [task][config], lower is better, for configs that add equally to the scores
     * @param length how many entries, at most the number of configs
     * @throws IllegalArgumentException for matrices of other shapes, or a length out of range
     */
    static List<Integer> greedy(double[][] scores, double[][] secondary, int length) {
        int configs = scores.length == 0 ? 0 : scores[0].length;
        if (secondary.length != scores.length) {
            throw new IllegalArgumentException("both measures must cover the same " + scores.length + " tasks");
        }
        for (int t = 0; t < scores.length; t++) {
            if (scores[t].length != configs || secondary[t].length != configs) {
                throw new IllegalArgumentException("every task needs both measures for each of the " + configs
                        + " configs");
            }
        }
        if (length < 0 || length > configs) {
            throw new IllegalArgumentException("the list can hold 0 to " + configs + " configs, not " + length);
        }
        double[] best = new double[scores.length];
        double[] least = new double[scores.length];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        Arrays.fill(least, Double.POSITIVE_INFINITY);
        List<Integer> list = new ArrayList<>();
        for (int entry = 0; entry < length; entry++) {
            int chosen = -1;
            double chosenCoverage = Double.NEGATIVE_INFINITY;
            double chosenRest = Double.POSITIVE_INFINITY;
            for (int c = 0; c < configs; c++) {
                if (list.contains(c)) {
                    continue;
                }
                double coverage = 0;
                double rest = 0;
                for (int t = 0; t < scores.length; t++) {
                    coverage += Math.max(best[t], scores[t][c]);
                    rest += Math.min(least[t], secondary[t][c]);
                }
                if (chosen < 0 || coverage > chosenCoverage || coverage == chosenCoverage && rest < chosenRest) {
                    chosen = c;
                    chosenCoverage = coverage;
                    chosenRest = rest;
                }
            }
            list.add(chosen);
            for (int t = 0; t < scores.length; t++) {
                best[t] = Math.max(best[t], scores[t][chosen]);
                least[t] = Math.min(least[t], secondary[t][chosen]);
            }
        }
        return List.copyOf(list);
    }
}
