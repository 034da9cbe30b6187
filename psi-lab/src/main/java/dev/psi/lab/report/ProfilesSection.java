package dev.psi.lab.report;

import dev.psi.core.criteria.PerformanceProfiles;
import java.util.ArrayList;
import java.util.List;

/** Section 3: the performance profiles ρ(τ) of the methods and their scores. */
final class ProfilesSection {

    static final List<String> HEADER = List.of("method", "score", "rho(1)", "rho(2)", "rho(4)");

    private ProfilesSection() {
    }

    static Section of(Scoreboard board) {
        PerformanceProfiles profiles = board.profiles();
        List<LinePlot.Series> lines = new ArrayList<>();
        for (String method : board.methods()) {
            lines.add(profileLine(profiles, method));
        }
        List<List<String>> rows = new ArrayList<>();
        for (MethodSummary summary : board.ranked()) {
            String m = summary.method();
            rows.add(List.of(m, Format.fixed(summary.score(), 3), Format.fixed(profiles.rho(m, 1), 3),
                    Format.fixed(profiles.rho(m, 2), 3), Format.fixed(profiles.rho(m, 4), 3)));
        }
        Table table = new Table("profiles.csv", HEADER, rows);
        String html = "<p>For each held-out task, r = t / t<sub>best</sub> of the median steps to target; ρ(τ) is "
                + "the fraction of tasks with r ≤ τ, and the score is its area over τ ∈ [1, 4] normalized to [0, 1] "
                + "(MLCommons AlgoPerf). A method that never reached the target on a task has r = ∞ there. The "
                + "oracle is shown as the ceiling but left out of t<sub>best</sub>: its r may be below 1, which "
                + "counts as 1.</p>\n"
                + LinePlot.svg("Performance profiles", "tau", "rho(tau)", lines) + table.toHtml();
        return new Section("profiles", "Performance profiles", html, List.of(table));
    }

    /**
     * ρ of {@code method} as a step function: its value changes only at the method's finite ratios, so
     * evaluating at τ = 1, at each ratio within [1, 4] and at 4 draws it exactly.
     */
    private static LinePlot.Series profileLine(PerformanceProfiles profiles, String method) {
        List<Double> taus = new ArrayList<>(List.of(1.0));
        for (int p = 0; p < profiles.tasks(); p++) {
            double r = profiles.ratio(p, method);
            if (r > 1 && r < PerformanceProfiles.TAU_MAX) {
                taus.add(r);
            }
        }
        taus.add(PerformanceProfiles.TAU_MAX);
        double[] x = taus.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = profiles.rho(method, x[k]);
        }
        return new LinePlot.Series(method, x, y, null, null, true, false);
    }
}
