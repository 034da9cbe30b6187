package dev.psi.lab.report;

import dev.psi.core.criteria.TuningCost;
import dev.psi.lab.study.StudyResults;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 7: what Ψ cost once, sampling and fitting, against what each method spent on every new task;
 * the comparison DESIGN.md asks to show beside the scores.
 */
final class CostSection {

    static final List<String> HEADER = List.of("method", "when", "trials", "epochs", "seconds");

    private CostSection() {
    }

    static Section of(StudyResults results, Scoreboard board) {
        List<List<String>> rows = new ArrayList<>();
        TuningCost psi = results.psiCost() == null ? TuningCost.ZERO : results.psiCost();
        rows.add(List.of("psi (sampling + fitting)", "once, for all tasks", Long.toString(psi.trials()),
                Long.toString(psi.epochs()), Format.seconds(psi.seconds())));
        TuningCost grid = results.grid().cost();
        if (grid.trials() > 0) {
            rows.add(List.of("training grid (calibrated defaults, learned list)", "once, for all tasks",
                    Long.toString(grid.trials()), Long.toString(grid.epochs()), Format.seconds(grid.seconds())));
        }
        // Every method is judged against the calibrated targets: their grids are a cost of the study, not of
        // any one method, shown so that the table accounts for all the compute.
        // The map has no order: list the tasks as the study names them, training tasks first.
        List<String> named = new ArrayList<>(results.trainingTasks());
        named.addAll(results.heldOutTasks());
        for (String task : named) {
            TuningCost cost = results.calibration().get(task);
            if (cost != null) {
                rows.add(List.of("calibration of " + task, "once, for the target", Long.toString(cost.trials()),
                        Long.toString(cost.epochs()), Format.seconds(cost.seconds())));
            }
        }
        for (String method : board.methods()) {
            MethodSummary summary = board.summary(method).orElseThrow();
            int tasks = Math.max(1, summary.tasks());
            rows.add(List.of(method, "per new task (mean of " + summary.tasks() + ")",
                    Format.count(summary.trialsPerTask()), Format.count((double) summary.tuning().epochs() / tasks),
                    Format.seconds(summary.secondsPerTask())));
        }
        Table table = new Table("cost.csv", HEADER, rows);
        String html = "<p>Ψ is paid for once: the surface is sampled and Ψ fitted on the training tasks, then used on "
                + "every new task without tuning. So are the fixed methods' calibrated defaults and the learned "
                + "configuration list, chosen on a grid on the same training tasks" + gridChoices(results)
                + ". A search pays again on each new task. The study took "
                + Format.seconds(results.wallSeconds()) + " s in all.</p>\n" + table.toHtml();
        return new Section("cost", "Cost", html, List.of(table));
    }

    /** What the grid chose, in words: ": calibrated scales cosine ×3.16, ...; learned list ..." or nothing. */
    private static String gridChoices(StudyResults results) {
        List<String> parts = new ArrayList<>();
        if (!results.grid().scales().isEmpty()) {
            List<String> scales = new ArrayList<>();
            results.grid().scales().forEach((method, scale) -> scales.add(method + " ×" + Format.general(scale)));
            parts.add("calibrated scales (multiples of each textbook default) " + String.join(", ", scales));
        }
        if (!results.grid().list().isEmpty()) {
            parts.add("learned list " + String.join(", then ", results.grid().list()));
        }
        return parts.isEmpty() ? "" : ": " + Html.escape(String.join("; ", parts));
    }
}
