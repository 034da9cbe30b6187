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
 * the entries chosen so far, max<sub>c ∈ list</sub> s<sub>t,c</sub>. Ties (an entry that adds nothing, once
 * every task is covered as well as the candidates can) are broken by the lower tie-break value, then by the
 * earlier column, so that the list is deterministic.
 */
final class ConfigurationList {

    private ConfigurationList() {
    }

    /**
     * The first {@code length} columns of the greedy list, in order.
     *
     * @param scores s[task][config], higher is better (the study uses each task's performance-profile score)
     * @param tieBreak one value per config, lower is better, for configs that add equally
     * @param length how many entries, at most the number of configs
     * @throws IllegalArgumentException for rows of different lengths, a tie-break of another length, or a
     *     length out of range
     */
    static List<Integer> greedy(double[][] scores, double[] tieBreak, int length) {
        int configs = tieBreak.length;
        for (double[] row : scores) {
            if (row.length != configs) {
                throw new IllegalArgumentException("every task needs a score for each of the " + configs + " configs");
            }
        }
        if (length < 0 || length > configs) {
            throw new IllegalArgumentException("the list can hold 0 to " + configs + " configs, not " + length);
        }
        double[] covered = new double[scores.length];
        Arrays.fill(covered, Double.NEGATIVE_INFINITY);
        List<Integer> list = new ArrayList<>();
        for (int entry = 0; entry < length; entry++) {
            int best = -1;
            double bestCoverage = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < configs; c++) {
                if (list.contains(c)) {
                    continue;
                }
                double coverage = 0;
                for (int t = 0; t < scores.length; t++) {
                    coverage += Math.max(covered[t], scores[t][c]);
                }
                if (best < 0 || coverage > bestCoverage
                        || coverage == bestCoverage && tieBreak[c] < tieBreak[best]) {
                    best = c;
                    bestCoverage = coverage;
                }
            }
            list.add(best);
            for (int t = 0; t < scores.length; t++) {
                covered[t] = Math.max(covered[t], scores[t][best]);
            }
        }
        return List.copyOf(list);
    }
}
