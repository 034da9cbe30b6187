package dev.psi.core.criteria;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Performance profiles across tasks (Dolan &amp; Moré 2002), scored as MLCommons AlgoPerf does.
 *
 * <p>For task p and method m, r<sub>p,m</sub> = t<sub>p,m</sub> / t<sub>best</sub>, t<sub>best</sub> =
 * min<sub>m'</sub> t<sub>p,m'</sub> over the compared methods m' (every method but the references below): methods
 * with equal best times both get 1, ∞ stays ∞, and on a task where every method is ∞ every ratio is ∞.
 * ρ<sub>m</sub>(τ) is the fraction of tasks with r<sub>p,m</sub> ≤ τ, a right-continuous step function; its
 * area over [1, τ<sub>max</sub>] is computed exactly as Σ<sub>p</sub> max(0, τ<sub>max</sub> − max(1,
 * r<sub>p,m</sub>)) / P and normalized by (τ<sub>max</sub> − 1), giving a score in [0, 1] (Dahl et al. 2023, "Benchmarking
 * Neural Network Training Algorithms", arXiv:2306.07179, which takes τ<sub>max</sub> = 4).
 *
 * <p>A <em>reference</em> method (the study's oracle) is profiled but left out of t<sub>best</sub>: a
 * ceiling that no method can reach on a new task without its cost would otherwise set every other ratio,
 * and a method's score would move with how well the ceiling did rather than with how it compares to the
 * methods a user can choose from. A reference faster than every compared method has r &lt; 1 (r = 0 where
 * no compared method reached the target), which ρ over [1, τ<sub>max</sub>] counts like r = 1.
 */
public final class PerformanceProfiles {

    /** AlgoPerf's upper end of τ. */
    public static final double TAU_MAX = 4.0;

    private final List<String> methods;
    private final double[][] ratios; // [task][method]

    private PerformanceProfiles(List<String> methods, double[][] ratios) {
        this.methods = methods;
        this.ratios = ratios;
    }

    /**
     * The profiles of {@code methods} from {@code times[task][method]} (each row in the order of
     * {@code methods}); a time is positive, or ∞ when the target was never reached. Every method is
     * compared: t<sub>best</sub> is the least time of all.
     *
     * @throws IllegalArgumentException for duplicate methods, a row of the wrong length, or a time that
     *     is NaN, zero or negative
     */
    public static PerformanceProfiles of(List<String> methods, double[][] times) {
        return of(methods, times, Set.of());
    }

    /**
     * The profiles of {@code methods} from {@code times[task][method]} as {@link #of(List, double[][])},
     * with t<sub>best</sub> of each task taken over the methods not among {@code references}.
     *
     * @throws IllegalArgumentException as {@link #of(List, double[][])}, or for a reference that is not
     *     among {@code methods}
     */
    public static PerformanceProfiles of(List<String> methods, double[][] times, Set<String> references) {
        List<String> names = List.copyOf(methods);
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("duplicate methods: " + names);
        }
        if (!names.containsAll(references)) {
            throw new IllegalArgumentException("references " + references + " are not all among " + names);
        }
        double[][] ratios = new double[times.length][];
        for (int p = 0; p < times.length; p++) {
            double[] row = times[p];
            if (row.length != names.size()) {
                throw new IllegalArgumentException(
                        "task " + p + " has " + row.length + " times for " + names.size() + " methods");
            }
            double best = Double.POSITIVE_INFINITY;
            for (int m = 0; m < row.length; m++) {
                if (!(row[m] > 0)) {
                    throw new IllegalArgumentException("task " + p + ": a time must be positive or ∞, not " + row[m]);
                }
                if (!references.contains(names.get(m))) {
                    best = Math.min(best, row[m]);
                }
            }
            ratios[p] = new double[row.length];
            for (int m = 0; m < row.length; m++) {
                ratios[p][m] = Double.isInfinite(row[m]) ? Double.POSITIVE_INFINITY : row[m] / best;
            }
        }
        return new PerformanceProfiles(names, ratios);
    }

    /**
     * The profiles from times by task, then by method; methods in the order first seen.
     *
     * @throws IllegalArgumentException when a task lacks a time for a method that another task has
     */
    public static PerformanceProfiles of(Map<String, Map<String, Double>> timesByTask) {
        Set<String> methods = new LinkedHashSet<>();
        timesByTask.values().forEach(byMethod -> methods.addAll(byMethod.keySet()));
        List<String> names = new ArrayList<>(methods);
        double[][] times = new double[timesByTask.size()][names.size()];
        int p = 0;
        for (Map.Entry<String, Map<String, Double>> task : timesByTask.entrySet()) {
            for (int m = 0; m < names.size(); m++) {
                Double t = task.getValue().get(names.get(m));
                if (t == null) {
                    throw new IllegalArgumentException("task " + task.getKey() + " has no time for " + names.get(m));
                }
                times[p][m] = t;
            }
            p++;
        }
        return of(names, times);
    }

    /** The methods, in column order. */
    public List<String> methods() {
        return methods;
    }

    /** The number of tasks. */
    public int tasks() {
        return ratios.length;
    }

    /**
     * r<sub>task,method</sub> = t / t<sub>best</sub> on that task; ∞ when the method never reached; below 1
     * only for a reference faster than every compared method.
     */
    public double ratio(int task, String method) {
        return ratios[task][column(method)];
    }

    /** ρ(τ) of {@code method}: the fraction of tasks whose ratio is ≤ τ; NaN when there are no tasks. */
    public double rho(String method, double tau) {
        int m = column(method);
        int within = 0;
        for (double[] row : ratios) {
            if (row[m] <= tau) {
                within++;
            }
        }
        return ratios.length == 0 ? Double.NaN : (double) within / ratios.length;
    }

    /** AlgoPerf's score of {@code method}: {@link #area(String, double)} over [1, {@value #TAU_MAX}]. */
    public double area(String method) {
        return area(method, TAU_MAX);
    }

    /**
     * The exact area under ρ of {@code method} over [1, τ<sub>max</sub>], divided by (τ<sub>max</sub> − 1):
     * the mean over tasks of max(0, τ<sub>max</sub> − max(1, r)) / (τ<sub>max</sub> − 1), in [0, 1]. NaN when
     * there are no tasks.
     */
    public double area(String method, double tauMax) {
        if (!(tauMax > 1) || Double.isInfinite(tauMax)) {
            throw new IllegalArgumentException("τ_max must be finite and above 1: " + tauMax);
        }
        int m = column(method);
        double sum = 0;
        for (double[] row : ratios) {
            if (row[m] <= tauMax) {
                // A reference's r below 1 counts from τ = 1, where the area starts.
                sum += tauMax - Math.max(1, row[m]);
            }
        }
        return ratios.length == 0 ? Double.NaN : sum / ratios.length / (tauMax - 1);
    }

    /** Every method's {@link #area(String)}, in column order. */
    public Map<String, Double> scores() {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String method : methods) {
            scores.put(method, area(method));
        }
        return Collections.unmodifiableMap(scores);
    }

    private int column(String method) {
        int m = methods.indexOf(method);
        if (m < 0) {
            throw new IllegalArgumentException("unknown method " + method + " (" + methods + ")");
        }
        return m;
    }
}
