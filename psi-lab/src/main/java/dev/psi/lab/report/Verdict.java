package dev.psi.lab.report;

import dev.psi.core.criteria.ConfidenceInterval;
import dev.psi.core.criteria.ScoreDifference;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer to the study's question, written by fixed rules from the measured numbers so that the
 * words can never say more than the numbers do.
 *
 * <p>The rules read d = s<sub>Ψ</sub> − s<sub>best</sub>, Ψ-formula's performance-profile score (AlgoPerf's,
 * with the oracle left out of t<sub>best</sub>) minus that of the best alternative (the highest-scoring
 * method but Ψ's own rows ({@code psi-…}) and the {@code oracle} among those that spent no more
 * tuning per new task than Ψ, {@link Scoreboard#bestAlternative}; a better method that paid more is named
 * beside it with its cost), and its paired bootstrap
 * 95 % interval [lo, hi] over tasks and seeds ({@link ScoreDifference}). With the margin
 * m = {@value #AS_GOOD_MARGIN}, in this order:
 * <ul>
 *   <li>lo &gt; 0: {@link Outcome#YES}, Ψ scores higher, even at the low end of the interval;</li>
 *   <li>hi &lt; −m: {@link Outcome#NO}, Ψ scores lower by more than the margin, even at the high end;</li>
 *   <li>−m ≤ lo and hi ≤ m: {@link Outcome#AS_GOOD}, the whole interval lies within the margin both ways
 *       (an equivalence test, as two one-sided tests at the 2.5 % level each);</li>
 *   <li>otherwise {@link Outcome#UNDECIDED}: the interval spans a boundary of the margin, and the data
 *       cannot tell which answer holds.</li>
 * </ul>
 * The first three are exclusive but for 0 &lt; lo ≤ hi ≤ m, where Ψ is better by less than the margin:
 * YES, as it is better. Without a held-out task, a Ψ-formula result or an alternative there is nothing to
 * compare: {@link Outcome#UNDECIDED} as well, saying so. The text always quotes the interval; an undecided
 * one names the number of tasks and seeds, since more of either narrows it.
 *
 * @param outcome which rule applied
 * @param text the verdict, quoting the numbers
 * @param bestAlternative the best alternative, or null when the study has none
 * @param comparison Ψ-formula against {@code bestAlternative}, or null when there is nothing to compare
 * @param bestAtAnyCost the best alternative whatever its tuning cost per new task, when it is not
 *     {@code bestAlternative}; else null
 * @param anyCostComparison Ψ-formula against {@code bestAtAnyCost}, or null
 */
record Verdict(Outcome outcome, String text, String bestAlternative, ScoreDifference comparison,
        MethodSummary bestAtAnyCost, ScoreDifference anyCostComparison) {

    /** How far from the best alternative Ψ's score may be and still be called as good. */
    static final double AS_GOOD_MARGIN = 0.05;

    /** The rule that applied. */
    enum Outcome {
        YES("Yes, on these tasks"),
        AS_GOOD("As good as the usual ways, not better"),
        NO("No, not on these tasks"),
        UNDECIDED("Undecided");

        private final String headline;

        Outcome(String headline) {
            this.headline = headline;
        }

        /** The first words of the verdict. */
        String headline() {
            return headline;
        }

        /** As {@code results.json} writes it: {@code yes}, {@code as_good}, {@code no} or {@code undecided}. */
        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The outcome for a 95 % interval of d = s<sub>Ψ</sub> − s<sub>best</sub>, by the rules above. */
    static Outcome outcome(ConfidenceInterval difference) {
        if (difference.lower() > 0) {
            return Outcome.YES;
        }
        if (difference.upper() < -AS_GOOD_MARGIN) {
            return Outcome.NO;
        }
        if (difference.lower() >= -AS_GOOD_MARGIN && difference.upper() <= AS_GOOD_MARGIN) {
            return Outcome.AS_GOOD;
        }
        return Outcome.UNDECIDED;
    }

    /** The verdict of {@code board}. */
    static Verdict of(Scoreboard board) {
        var psi = board.summary(Scoreboard.PSI_FORMULA);
        var best = board.bestAlternative();
        var comparison = board.psiAgainstBest();
        String alternative = best.map(MethodSummary::method).orElse(null);
        if (psi.isEmpty() || comparison.isEmpty()) {
            String missing = board.tasks().isEmpty() ? "no held-out task"
                    : psi.isEmpty() ? "no result for psi-formula" : "no alternative method";
            return new Verdict(Outcome.UNDECIDED, Outcome.UNDECIDED.headline() + ": the study has " + missing
                    + " to compare.", alternative, null, null, null);
        }
        MethodSummary p = psi.get();
        MethodSummary b = best.get();
        ScoreDifference d = comparison.get();
        Outcome outcome = outcome(d.interval());
        int tasks = board.tasks().size();
        String design = tasks + " held-out task" + (tasks == 1 ? "" : "s") + " × " + seedsPhrase(p);
        String text = outcome.headline() + ". On " + design + ", Ψ-formula scores " + Format.fixed(d.score(), 2)
                + " on the performance profile (normalized area of ρ over τ ∈ [1, 4], the oracle left out of "
                + "t_best) against " + Format.fixed(d.alternativeScore(), 2) + " for " + b.method()
                + ", the best alternative that spent no more tuning per new task: difference "
                + Format.signed(d.difference(), 2) + ", 95 % CI "
                + Format.signed(d.interval().lower(), 2) + " to " + Format.signed(d.interval().upper(), 2)
                + " (paired bootstrap over tasks and seeds). " + undecidedSentence(outcome, design)
                + "It reached the target in " + Format.reliability(p.reliability()) + " of its runs against "
                + Format.reliability(b.reliability()) + "; its median time to target over the tasks is "
                + stepsPhrase(p.medianSteps()) + " against " + stepsPhrase(b.medianSteps()) + ". " + costSentence(p, b)
                + board.bestAtAnyCost().map(tuned -> tunedSentence(tuned, board.psiAgainstBestAtAnyCost()))
                        .orElse("");
        return new Verdict(outcome, text, b.method(), d, board.bestAtAnyCost().orElse(null),
                board.psiAgainstBestAtAnyCost().orElse(null));
    }

    /** "5 seeds" when every task has as many, else the runs in all. */
    private static String seedsPhrase(MethodSummary psi) {
        int runs = psi.reliability().trials();
        if (psi.tasks() > 0 && runs % psi.tasks() == 0) {
            int seeds = runs / psi.tasks();
            return seeds + " seed" + (seeds == 1 ? "" : "s");
        }
        return runs + " runs in all";
    }

    private static String undecidedSentence(Outcome outcome, String design) {
        if (outcome != Outcome.UNDECIDED) {
            return "";
        }
        return "The interval spans a boundary of the margin (Ψ within ±" + Format.fixed(AS_GOOD_MARGIN, 2)
                + " counts as as good): " + design + " are too few to tell, a smoke test rather than an answer; "
                + "more held-out tasks or seeds narrow it. ";
    }

    /** A median over tasks of each task's median steps: ∞ means the median task's median seed missed the target. */
    private static String stepsPhrase(double steps) {
        return Double.isInfinite(steps) ? "∞ (the target missed on the median task)" : Format.steps(steps) + " steps";
    }

    /**
     * The best method whatever its tuning cost, when it is not the one compared: its score, Ψ's difference from it
     * with its interval, and what it spent.
     */
    private static String tunedSentence(MethodSummary tuned, Optional<ScoreDifference> difference) {
        String against = difference.map(d -> ", difference " + Format.signed(d.difference(), 2) + ", 95 % CI "
                + Format.signed(d.interval().lower(), 2) + " to " + Format.signed(d.interval().upper(), 2)).orElse("");
        return String.format(Locale.ROOT, " At any tuning cost the best is %s, %s%s; it spent %s trials and %s s on "
                + "each new task.", tuned.method(), Format.fixed(tuned.score(), 2), against,
                Format.count(tuned.trialsPerTask()), Format.seconds(tuned.secondsPerTask()));
    }

    private static String costSentence(MethodSummary psi, MethodSummary best) {
        double trials = best.trialsPerTask() - psi.trialsPerTask();
        double seconds = best.secondsPerTask() - psi.secondsPerTask();
        if (trials <= 0 && seconds <= 0) {
            return "It saves no tuning: " + best.method() + " spent no more per new task than Ψ.";
        }
        return String.format(Locale.ROOT, "It saves %s tuning trials and %s s per new task (%s spent %s trials, %s s; "
                        + "Ψ %s trials, %s s).", Format.count(trials), Format.seconds(seconds), best.method(),
                Format.count(best.trialsPerTask()), Format.seconds(best.secondsPerTask()),
                Format.count(psi.trialsPerTask()), Format.seconds(psi.secondsPerTask()));
    }
}
