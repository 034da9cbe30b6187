package dev.psi.lab.search;

/**
 * Grid search: every (family, optimizer) combination at the same m rates, evenly spaced in ln α from
 * lr-min to lr-max, with m = ⌊trials / combinations⌋ (at least 1, then the geometric middle of the
 * range). It spends at most the trial budget, more only when the budget is smaller than the number of
 * combinations; the cost it reports says which.
 */
public final class GridSearch implements SearchStrategy {

    private final Budget budget;

    public GridSearch(Budget budget) {
        this.budget = budget;
    }

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public SearchResult search(Objective objective, SearchSpace space, Selection selection) {
        Ledger ledger = new Ledger(objective);
        int rates = Math.max(1, budget.trials() / space.arms());
        for (int arm = 0; arm < space.arms(); arm++) {
            for (int k = 0; k < rates; k++) {
                double fraction = rates == 1 ? 0.5 : (double) k / (rates - 1);
                double logLr = space.logMin() + fraction * (space.logMax() - space.logMin());
                ledger.evaluate(space.point(logLr, arm), budget.epochs());
            }
        }
        return SearchResult.of(name(), ledger.trials(), ledger.cost(), selection);
    }
}
