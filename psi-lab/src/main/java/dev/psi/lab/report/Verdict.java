package dev.psi.lab.report;

import java.util.Locale;

/**
 * The answer to the study's question, written by fixed rules from the measured numbers so that the
 * words can never say more than the numbers do.
 *
 * <p>The rules compare Ψ-formula's performance-profile score s<sub>Ψ</sub> with s<sub>best</sub>, the
 * highest score among the alternatives (every method but {@code psi-formula}, {@code psi-network} and the
 * {@code oracle}, the reference no usual method can match without its cost):
 * <ul>
 *   <li>s<sub>Ψ</sub> &gt; s<sub>best</sub>: {@link Outcome#YES}, "yes, on these tasks";</li>
 *   <li>s<sub>best</sub> − s<sub>Ψ</sub> ≤ {@value #AS_GOOD_MARGIN} (a tie included): {@link Outcome#AS_GOOD};</li>
 *   <li>otherwise {@link Outcome#NO}.</li>
 * </ul>
 * Without a Ψ-formula result or without an alternative there is nothing to compare:
 * {@link Outcome#UNDECIDED}.
 *
 * @param outcome which rule applied
 * @param text the verdict, quoting the numbers
 */
record Verdict(Outcome outcome, String text) {

    /** How far below the best alternative Ψ may score and still be called as good. */
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
    }

    /** The verdict of {@code board}. */
    static Verdict of(Scoreboard board) {
        var psi = board.summary(Scoreboard.PSI_FORMULA);
        var best = board.bestAlternative();
        if (psi.isEmpty() || best.isEmpty()) {
            return new Verdict(Outcome.UNDECIDED, Outcome.UNDECIDED.headline() + ": the study has "
                    + (psi.isEmpty() ? "no result for psi-formula" : "no alternative method") + " to compare.");
        }
        MethodSummary p = psi.get();
        MethodSummary b = best.get();
        Outcome outcome;
        if (p.score() > b.score()) {
            outcome = Outcome.YES;
        } else if (b.score() - p.score() <= AS_GOOD_MARGIN) {
            outcome = Outcome.AS_GOOD;
        } else {
            outcome = Outcome.NO;
        }
        String text = outcome.headline() + ". On " + board.tasks().size() + " held-out task"
                + (board.tasks().size() == 1 ? "" : "s") + ", Ψ-formula scores " + Format.fixed(p.score(), 2)
                + " on the performance profile (normalized area of ρ over τ ∈ [1, 4]) against "
                + Format.fixed(b.score(), 2) + " for " + b.method() + ", the best alternative. It reached the target in "
                + Format.reliability(p.reliability()) + " of its runs against " + Format.reliability(b.reliability())
                + "; its median time to target is " + stepsPhrase(p.medianSteps()) + " against "
                + stepsPhrase(b.medianSteps()) + ". " + costSentence(p, b);
        return new Verdict(outcome, text);
    }

    private static String stepsPhrase(double steps) {
        return Double.isInfinite(steps) ? Format.NOT_REACHED : Format.steps(steps) + " steps";
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
