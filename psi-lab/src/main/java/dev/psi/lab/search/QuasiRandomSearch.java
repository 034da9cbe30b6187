package dev.psi.lab.search;

/**
 * Quasi-random search, as the AlgoPerf external tuning ruleset draws its trials (Dahl et al. 2023; Bousquet et
 * al. 2017): {@code trials} points of the Halton sequence, base 2 for ln α over the range and base 3 for the
 * (family, optimizer) combination, skipping the sequence's first point (the corner). The points depend on the
 * space and the number of trials only, not on the seed or the task: every task gets the same relative points
 * from the same space. The winner is chosen by the search's {@link Selection}.
 */
public final class QuasiRandomSearch implements SearchStrategy {

    private final Budget budget;

    public QuasiRandomSearch(Budget budget) {
        this.budget = budget;
    }

    @Override
    public String name() {
        return "quasi-random";
    }

    @Override
    public SearchResult search(Objective objective, SearchSpace space, Selection selection) {
        Ledger ledger = new Ledger(objective);
        for (int k = 1; k <= budget.trials(); k++) {
            double logLr = space.logMin() + halton(k, 2) * (space.logMax() - space.logMin());
            int arm = Math.min(space.arms() - 1, (int) (halton(k, 3) * space.arms()));
            ledger.evaluate(space.point(logLr, arm), budget.epochs());
        }
        return SearchResult.of(name(), ledger.trials(), ledger.cost(), selection);
    }

    /** The radical inverse of {@code index} in {@code base}: point {@code index} of the Halton sequence, in [0, 1). */
    static double halton(int index, int base) {
        double result = 0;
        double fraction = 1.0 / base;
        for (int i = index; i > 0; i /= base) {
            result += fraction * (i % base);
            fraction /= base;
        }
        return result;
    }
}
