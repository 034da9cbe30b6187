package dev.psi.lab.fit;

import dev.psi.core.result.SurfaceRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which surface rows carry the learning rate Ψ should reproduce: the direct target of the formula and
 * network fits.
 *
 * <ol>
 *   <li>If the study has {@code horizon} rows, those, and only those: each epoch of the whole-budget schedule
 *       the long-horizon labeller kept for a task and seed, the best of its candidates at the end of the
 *       budget. They come first because they are free of the greedy oracle's short-horizon bias towards small
 *       rates (Wu et al. 2018); the labeller's other candidates ({@code schedule} rows) are never labels.
 *   <li>Otherwise, if the study has {@code oracle} rows, those, and only those: at each epoch of each oracle trial,
 *       the rate the oracle kept after trying K rates for H epochs from the same checkpoint.
 *   <li>Otherwise, if it has {@code branch} rows: for each state the candidates branched from, the
 *       candidates sharing (trial, epoch), the one with the largest convergence r. This is the oracle
 *       with a one-epoch lookahead, recomputed from the stored candidates.
 *   <li>Otherwise ({@code walk} and {@code grid} rows only): for each (task, epoch), the row with the
 *       largest r over all trials of the task. Those rows start from different states, so this is the
 *       best rate observed at that point of training rather than a per-state optimum; the state fitted is
 *       the winning row's own.
 * </ol>
 *
 * <p>Rows without a usable state (non-positive or non-finite α, ε₀ or ε_i) are never targets, and a row
 * whose r is not finite (the epoch diverged) never wins a group.
 *
 * @param rows the target rows, in the order of the input
 * <p>A study that holds both labellers' rows can fit either: {@link #select(List, Rule)} with
 * {@link Rule#ORACLE} fits the greedy oracle's.
 *
 * @param rule which of the four rules chose them
 */
public record TargetRows(List<SurfaceRow> rows, Rule rule) {

    /** The rule that chose the rows. */
    public enum Rule {
        HORIZON("horizon rows (the whole-budget schedule the long-horizon labeller kept)"),
        ORACLE("oracle rows (the rate the oracle kept)"),
        BEST_BRANCH("per (trial, epoch), the branch candidate with the best convergence r"),
        BEST_OF_EPOCH("per (task, epoch), the walk or grid row with the best convergence r");

        private final String description;

        Rule(String description) {
            this.description = description;
        }

        /** One line for the user. */
        public String description() {
            return description;
        }
    }

    public TargetRows {
        rows = List.copyOf(rows);
        Objects.requireNonNull(rule, "rule");
    }

    /** The target rows of a study's surface, by the rules above; empty when no row is usable. */
    public static TargetRows select(List<SurfaceRow> surface) {
        return select(surface, Rule.HORIZON);
    }

    /**
     * The target rows of a study's surface by the rules above, starting from {@code first}: with
     * {@link Rule#ORACLE}, the greedy oracle's rows even when the study also has long-horizon labels.
     */
    public static TargetRows select(List<SurfaceRow> surface, Rule first) {
        Objects.requireNonNull(first, "first");
        List<SurfaceRow> usable = new ArrayList<>();
        for (SurfaceRow row : surface) {
            if (FitData.usable(row)) {
                usable.add(row);
            }
        }
        List<SurfaceRow> horizon = ofKind(usable, SurfaceRow.HORIZON);
        if (first == Rule.HORIZON && !horizon.isEmpty()) {
            return new TargetRows(horizon, Rule.HORIZON);
        }
        List<SurfaceRow> oracle = ofKind(usable, SurfaceRow.ORACLE);
        if (first.compareTo(Rule.ORACLE) <= 0 && !oracle.isEmpty()) {
            return new TargetRows(oracle, Rule.ORACLE);
        }
        List<SurfaceRow> branches = ofKind(usable, SurfaceRow.BRANCH);
        if (first.compareTo(Rule.BEST_BRANCH) <= 0 && !branches.isEmpty()) {
            return new TargetRows(best(branches, row -> row.trialId() + "/" + row.epoch()), Rule.BEST_BRANCH);
        }
        return new TargetRows(best(usable, row -> row.task() + "/" + row.epoch()), Rule.BEST_OF_EPOCH);
    }

    private static List<SurfaceRow> ofKind(List<SurfaceRow> rows, String kind) {
        return rows.stream().filter(row -> row.kind().equals(kind)).toList();
    }

    private static List<SurfaceRow> best(List<SurfaceRow> rows, Function<SurfaceRow, String> key) {
        Map<String, Integer> winners = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (Double.isFinite(rows.get(i).convergence())) {
                winners.merge(key.apply(rows.get(i)), i,
                        (a, b) -> rows.get(b).convergence() > rows.get(a).convergence() ? b : a);
            }
        }
        // Back to input order, so that the data (and every seeded fit of it) does not depend on the grouping.
        return winners.values().stream().sorted().map(rows::get).toList();
    }
}
