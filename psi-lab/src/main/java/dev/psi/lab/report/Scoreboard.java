package dev.psi.lab.report;

import dev.psi.core.criteria.Medians;
import dev.psi.core.criteria.PerformanceProfiles;
import dev.psi.core.criteria.Reliability;
import dev.psi.core.criteria.ScoreDifference;
import dev.psi.core.criteria.TuningCost;
import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.StudyResults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The study's results arranged for comparison: the performance profiles over the held-out tasks, a
 * {@link MethodSummary} per method, in the order methods first appear in the results, and Ψ-formula's
 * score difference from the best alternative with its paired bootstrap interval.
 *
 * <p>A method's time on a task is the median over its seeds of each seed's {@link #profileTime} of steps
 * to target, for the profiles as for the bootstrap, so that the verdict's scores are the table's. The oracle
 * is profiled and stays in the tables as the ceiling, but is left out of t<sub>best</sub>
 * ({@link PerformanceProfiles#of(List, double[][], Set) a reference}): the scores compare the methods a user
 * can run on a new task without the oracle's cost.
 */
final class Scoreboard {

    /** The method whose verdict the report gives: the closed-form Ψ. */
    static final String PSI_FORMULA = "psi-formula";
    /** What every row of Ψ's own is named with: the verdict's, the network and the ablation's variants. */
    static final String PSI_PREFIX = "psi-";
    /** The neural Ψ. */
    static final String PSI_NETWORK = "psi-network";
    /** The oracle: the reference upper bound, which no method can run on a new task without its cost. */
    static final String ORACLE = "oracle";
    /** Fixes the bootstrap replicates: the same results give the same interval. */
    private static final long BOOTSTRAP_SEED = 1;

    private final List<String> tasks;
    private final List<String> methods;
    private final PerformanceProfiles profiles;
    private final Map<String, MethodSummary> summaries;
    /** Each method's profile times, {@code [task][method][seed]}, methods in {@link #methods} order. */
    private final double[][][] bySeed;

    private Scoreboard(List<String> tasks, List<String> methods, PerformanceProfiles profiles,
            Map<String, MethodSummary> summaries, double[][][] bySeed) {
        this.tasks = tasks;
        this.methods = methods;
        this.profiles = profiles;
        this.summaries = summaries;
        this.bySeed = bySeed;
    }

    /** The scoreboard of {@code results} over its held-out tasks. */
    static Scoreboard of(StudyResults results) {
        List<String> tasks = results.heldOutTasks();
        Set<String> seen = new LinkedHashSet<>();
        results.results().forEach(r -> seen.add(r.method()));
        List<String> methods = List.copyOf(seen);
        double[][][] bySeed = seedTimes(results, tasks, methods);
        double[][] times = new double[tasks.size()][methods.size()];
        for (int p = 0; p < tasks.size(); p++) {
            for (int m = 0; m < methods.size(); m++) {
                times[p][m] = Medians.median(bySeed[p][m]);
            }
        }
        Set<String> references = methods.contains(ORACLE) ? Set.of(ORACLE) : Set.of();
        PerformanceProfiles profiles = PerformanceProfiles.of(methods, times, references);
        Map<String, MethodSummary> summaries = new LinkedHashMap<>();
        for (String method : methods) {
            List<MethodResult> rows = results.results().stream()
                    .filter(r -> r.method().equals(method) && tasks.contains(r.task())).toList();
            int successes = rows.stream().mapToInt(r -> r.reliability().successes()).sum();
            int trials = rows.stream().mapToInt(r -> r.reliability().trials()).sum();
            double[] steps = rows.stream().mapToDouble(r -> profileTime(r.medianStepsToTarget())).toArray();
            summaries.put(method, new MethodSummary(method, profiles.area(method), Reliability.of(successes, trials),
                    steps.length == 0 ? Double.POSITIVE_INFINITY : Medians.median(steps),
                    TuningCost.sum(rows.stream().map(MethodResult::tuning).toList()), rows.size()));
        }
        return new Scoreboard(tasks, methods, profiles, summaries, bySeed);
    }

    /**
     * Each method's {@link #profileTime}s by task and seed, {@code [task][method][seed]}: a method without a
     * result on a task never reached there, on as many seeds as the task's other methods have.
     */
    private static double[][][] seedTimes(StudyResults results, List<String> tasks, List<String> methods) {
        double[][][] times = new double[tasks.size()][methods.size()][];
        for (int p = 0; p < tasks.size(); p++) {
            String task = tasks.get(p);
            int seeds = results.results().stream().filter(r -> r.task().equals(task)).mapToInt(MethodResult::seeds)
                    .max().orElse(1);
            for (int m = 0; m < methods.size(); m++) {
                times[p][m] = find(results, task, methods.get(m))
                        .map(r -> r.stepsToTarget().stream().mapToDouble(Scoreboard::profileTime).toArray())
                        .orElseGet(() -> infinite(seeds));
            }
        }
        return times;
    }

    private static double[] infinite(int seeds) {
        double[] times = new double[Math.max(1, seeds)];
        Arrays.fill(times, Double.POSITIVE_INFINITY);
        return times;
    }

    /**
     * {@code method}'s score minus {@code other}'s on the full data, with its paired bootstrap 95 % interval over
     * the held-out tasks and seeds, among every method but the oracle (a reference, which changes no other
     * method's score); empty when there are no tasks or either has no result.
     */
    Optional<ScoreDifference> difference(String method, String other) {
        if (tasks.isEmpty() || !summaries.containsKey(method) || !summaries.containsKey(other)) {
            return Optional.empty();
        }
        List<String> compared = methods.stream().filter(m -> !m.equals(ORACLE)).toList();
        double[][][] times = new double[tasks.size()][compared.size()][];
        for (int p = 0; p < tasks.size(); p++) {
            for (int m = 0; m < compared.size(); m++) {
                times[p][m] = bySeed[p][methods.indexOf(compared.get(m))];
            }
        }
        return Optional.of(ScoreDifference.of(compared, times, method, other, BOOTSTRAP_SEED));
    }

    /** The result of {@code method} on {@code task}, if the study has one. */
    static Optional<MethodResult> find(StudyResults results, String task, String method) {
        return results.results().stream().filter(r -> r.task().equals(task) && r.method().equals(method)).findFirst();
    }

    /**
     * A step count as the profiles take it: NaN (no measurement) counts as never reached, and a count
     * below one step as one step, since profiles need positive times and no run is faster than a step.
     */
    static double profileTime(double steps) {
        if (Double.isNaN(steps)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(1, steps);
    }

    /**
     * Whether {@code method} is one of the usual ways of choosing α that Ψ is judged against: not the oracle, and
     * none of Ψ's own rows ({@code psi-formula}, {@code psi-network} and the ablation's {@code psi-…} variants).
     */
    static boolean isAlternative(String method) {
        return !method.startsWith(PSI_PREFIX) && !method.equals(ORACLE);
    }

    List<String> tasks() {
        return tasks;
    }

    List<String> methods() {
        return methods;
    }

    PerformanceProfiles profiles() {
        return profiles;
    }

    /** The summary of {@code method}, if it has results. */
    Optional<MethodSummary> summary(String method) {
        return Optional.ofNullable(summaries.get(method));
    }

    /** The alternative with the highest score; the first in result order among equals. */
    Optional<MethodSummary> bestAlternative() {
        return bestAlternative(summaries);
    }

    /**
     * The highest-scoring alternative whatever it spent on each new task, when it is not {@link #bestAlternative}:
     * the report names it beside the verdict, with its cost.
     */
    Optional<MethodSummary> bestAtAnyCost() {
        return bestAtAnyCost(summaries);
    }

    private static Optional<MethodSummary> bestAtAnyCost(Map<String, MethodSummary> summaries) {
        Optional<MethodSummary> any = summaries.values().stream().filter(s -> isAlternative(s.method()))
                .reduce((a, b) -> b.score() > a.score() ? b : a);
        // Only a method that scores higher than the best alternative at Ψ's cost is news; a tie costs more for nothing.
        double cheap = bestAlternative(summaries).map(MethodSummary::score).orElse(Double.NEGATIVE_INFINITY);
        return any.filter(s -> s.score() > cheap);
    }

    /**
     * Ψ-formula's score minus that of {@link #bestAtAnyCost}, with its paired bootstrap 95 % interval; empty when
     * the best alternative at any cost is the one {@link #psiAgainstBest} compares, or there is nothing to compare.
     */
    Optional<ScoreDifference> psiAgainstBestAtAnyCost() {
        return bestAtAnyCost().flatMap(tuned -> difference(PSI_FORMULA, tuned.method()));
    }

    /**
     * Ψ-formula's score minus the best alternative's, with its paired bootstrap 95 % interval over tasks and
     * seeds; empty when there is nothing to compare (no held-out task, no Ψ-formula or no alternative).
     */
    Optional<ScoreDifference> psiAgainstBest() {
        return bestAlternative().flatMap(best -> difference(PSI_FORMULA, best.method()));
    }

    /**
     * The highest-scoring alternative that spent no more tuning trials per new task than Ψ-formula (DESIGN.md,
     * "The three criteria": the verdict compares Ψ with the best alternative at equal or lower tuning cost). Ψ
     * pays its sampling and fitting once, for every task, so a method that searches on each new task is shown
     * beside the verdict with its cost rather than compared as if it were free.
     */
    private static Optional<MethodSummary> bestAlternative(Map<String, MethodSummary> summaries) {
        MethodSummary psi = summaries.get(PSI_FORMULA);
        double budget = psi == null ? Double.POSITIVE_INFINITY : psi.trialsPerTask();
        MethodSummary best = null;
        for (MethodSummary summary : summaries.values()) {
            if (isAlternative(summary.method()) && summary.trialsPerTask() <= budget
                    && (best == null || summary.score() > best.score())) {
                best = summary;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The methods ordered by score, highest first (ties in result order). */
    List<MethodSummary> ranked() {
        List<MethodSummary> ranked = new ArrayList<>(summaries.values());
        ranked.sort((a, b) -> Double.compare(b.score(), a.score()));
        return ranked;
    }
}
