package dev.psi.lab.report;

import dev.psi.core.criteria.Medians;
import dev.psi.core.criteria.PerformanceProfiles;
import dev.psi.core.criteria.Reliability;
import dev.psi.core.criteria.TuningCost;
import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.StudyResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The study's results arranged for comparison: the performance profiles over the held-out tasks and a
 * {@link MethodSummary} per method, in the order methods first appear in the results.
 */
final class Scoreboard {

    /** The method whose verdict the report gives: the closed-form Ψ. */
    static final String PSI_FORMULA = "psi-formula";
    /** The neural Ψ. */
    static final String PSI_NETWORK = "psi-network";
    /** The oracle: the reference upper bound, which no method can run on a new task without its cost. */
    static final String ORACLE = "oracle";

    private final List<String> tasks;
    private final List<String> methods;
    private final PerformanceProfiles profiles;
    private final Map<String, MethodSummary> summaries;

    private Scoreboard(List<String> tasks, List<String> methods, PerformanceProfiles profiles,
            Map<String, MethodSummary> summaries) {
        this.tasks = tasks;
        this.methods = methods;
        this.profiles = profiles;
        this.summaries = summaries;
    }

    /** The scoreboard of {@code results} over its held-out tasks. */
    static Scoreboard of(StudyResults results) {
        List<String> tasks = results.heldOutTasks();
        Set<String> seen = new LinkedHashSet<>();
        results.results().forEach(r -> seen.add(r.method()));
        List<String> methods = List.copyOf(seen);
        double[][] times = new double[tasks.size()][methods.size()];
        for (int p = 0; p < tasks.size(); p++) {
            for (int m = 0; m < methods.size(); m++) {
                times[p][m] = find(results, tasks.get(p), methods.get(m))
                        .map(r -> profileTime(r.medianStepsToTarget())).orElse(Double.POSITIVE_INFINITY);
            }
        }
        PerformanceProfiles profiles = PerformanceProfiles.of(methods, times);
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
        return new Scoreboard(tasks, methods, profiles, summaries);
    }

    /** The result of {@code method} on {@code task}, if the study has one. */
    static Optional<MethodResult> find(StudyResults results, String task, String method) {
        return results.results().stream().filter(r -> r.task().equals(task) && r.method().equals(method)).findFirst();
    }

    /**
     * A median step count as the profiles take it: NaN (no measurement) counts as never reached, and a
     * count below one step as one step, since profiles need positive times and no run is faster than a step.
     */
    static double profileTime(double steps) {
        if (Double.isNaN(steps)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(1, steps);
    }

    /** Whether {@code method} is one of the usual ways of choosing α that Ψ is judged against. */
    static boolean isAlternative(String method) {
        return !method.equals(PSI_FORMULA) && !method.equals(PSI_NETWORK) && !method.equals(ORACLE);
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
        MethodSummary best = null;
        for (MethodSummary summary : summaries.values()) {
            if (isAlternative(summary.method()) && (best == null || summary.score() > best.score())) {
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
