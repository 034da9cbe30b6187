package dev.psi.lab.report;

import dev.psi.core.criteria.ScoreDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Section 1: the ablation the question asks for. Does the loss help? Ψ learned from the same experiments with
 * the epoch alone as input, Ψ(i), against the question's Ψ(ε, i), and against Ψ(ε, i, task) with the task's
 * size, model size, batch size and optimizer kind added, and against Ψ(ε, i) predicting rates relative to the
 * scale a range test measures on each task; each as a formula and as a network, with its
 * performance-profile score and its paired bootstrap difference from the best alternative, the verdict's
 * comparison. The loss helps where Ψ(ε, i) − Ψ(i) is above 0 at the low end of its interval.
 */
final class AblationSection {

    static final List<String> HEADER = List.of("psi", "inputs", "kind", "score", "reached",
            "difference from the best alternative", "95% CI");

    /** The rows of the ablation: their method names, inputs and kinds, in table order. */
    private record Row(String method, String inputs, String kind) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("psi-epoch-formula", "i", "formula"),
            new Row("psi-epoch-network", "i", "network"),
            new Row(Scoreboard.PSI_FORMULA, "ε, i", "formula"),
            new Row(Scoreboard.PSI_NETWORK, "ε, i", "network"),
            new Row("psi-task-formula", "ε, i, task", "formula"),
            new Row("psi-task-network", "ε, i, task", "network"),
            new Row("psi-relative-formula", "ε, i; × range test", "formula"),
            new Row("psi-relative-network", "ε, i; × range test", "network"));

    private AblationSection() {
    }

    /** The section, or empty when the study evaluated no ablation row (only Ψ(ε, i) itself). */
    static Optional<Section> of(Scoreboard board) {
        if (ROWS.stream().filter(row -> board.summary(row.method()).isPresent()).count() < 2) {
            return Optional.empty();
        }
        Optional<String> best = board.bestAlternative().map(MethodSummary::method);
        List<List<String>> rows = new ArrayList<>();
        for (Row row : ROWS) {
            board.summary(row.method()).ifPresent(summary -> {
                Optional<ScoreDifference> d = best.flatMap(alternative -> board.difference(row.method(), alternative));
                rows.add(List.of(row.method(), row.inputs(), row.kind(), Format.fixed(summary.score(), 2),
                        Format.reliability(summary.reliability()),
                        d.map(x -> Format.signed(x.difference(), 2)).orElse("n/a"), d.map(AblationSection::interval)
                                .orElse("n/a")));
            });
        }
        Table table = new Table("ablation.csv", HEADER, rows);
        String html = "<p>Does the loss help? Each Ψ below was learned from the same sampled surface of the training "
                + "tasks and judged on the same held-out tasks and seeds; only its inputs differ: the epoch alone "
                + "(i and i/E, a learned schedule), the loss and the epoch (ε/ε₀, i, i/E: the question's form, the "
                + "verdict's Ψ), and these with the task's features (training-set size, parameter count, batch size "
                + "and its fraction of the training set, adaptive optimizer or not, the optimizer's effective step "
                + "factor 1/(1 − momentum)); and Ψ(ε, i) fitted to rates relative to each training task's "
                + "range-test rate, run at the held-out task's own (one 100-step range test, its tuning cost). "
                + "Differences are from "
                + Html.escape(best.orElse("no alternative")) + ", the verdict's best alternative, with paired "
                + "bootstrap 95 % intervals over tasks and seeds.</p>\n" + table.toHtml()
                + "<p>" + Html.escape(lossSentence(board)) + "</p>\n"
                + scaleSentence(board).map(sentence -> "<p>" + Html.escape(sentence) + "</p>\n").orElse("");
        return Optional.of(new Section("ablation", "Does the loss help? Ψ(i), Ψ(ε, i), Ψ(ε, i, task)", html,
                List.of(table)));
    }

    /** Ψ(ε, i) − Ψ(i) as formula and as network, where both were evaluated. */
    static String lossSentence(Scoreboard board) {
        List<String> parts = new ArrayList<>();
        compare(board, Scoreboard.PSI_FORMULA, "psi-epoch-formula", "formula").ifPresent(parts::add);
        compare(board, Scoreboard.PSI_NETWORK, "psi-epoch-network", "network").ifPresent(parts::add);
        if (parts.isEmpty()) {
            return "Ψ(i) was not evaluated: the study cannot say whether the loss helps.";
        }
        return "Ψ(ε, i) − Ψ(i): " + String.join("; ", parts) + ". The loss helps where the whole interval is above "
                + "0, hurts where it is below, and the data cannot tell otherwise.";
    }

    /** Relative Ψ(ε, i) − Ψ(ε, i) as formula and as network, where both were evaluated. */
    static Optional<String> scaleSentence(Scoreboard board) {
        List<String> parts = new ArrayList<>();
        compare(board, "psi-relative-formula", Scoreboard.PSI_FORMULA, "formula").ifPresent(parts::add);
        compare(board, "psi-relative-network", Scoreboard.PSI_NETWORK, "network").ifPresent(parts::add);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Ψ(ε, i) × range test − Ψ(ε, i): " + String.join("; ", parts) + ". Measuring the scale "
                + "on the new task helps where the whole interval is above 0.");
    }

    private static Optional<String> compare(Scoreboard board, String withLoss, String epochOnly, String kind) {
        return board.difference(withLoss, epochOnly).map(d -> kind + " " + Format.signed(d.difference(), 2)
                + " (95 % CI " + interval(d) + ")");
    }

    private static String interval(ScoreDifference d) {
        return Format.signed(d.interval().lower(), 2) + " to " + Format.signed(d.interval().upper(), 2);
    }
}
