package dev.psi.lab.search;

import java.util.SplittableRandom;

/**
 * Hyperband (Li et al. 2018): successive-halving brackets that trade the number of points against the
 * epochs each gets before the first cut, from the most aggressive bracket (many points, one rung of
 * E/η^s epochs first) to plain full-budget random search. With s_max = ⌊log_η E⌋, bracket s starts
 * ⌈(s_max+1)/(s+1)·η^s⌉ points at E·η^(−s) epochs. Its size is fixed by E and η = 3; it does not use the
 * trial budget.
 */
public final class Hyperband implements SearchStrategy {

    private final Budget budget;

    public Hyperband(Budget budget) {
        this.budget = budget;
    }

    @Override
    public String name() {
        return "hyperband";
    }

    @Override
    public SearchResult search(Objective objective, SearchSpace space) {
        Ledger ledger = new Ledger(objective);
        SplittableRandom random = new SplittableRandom(budget.seed());
        int maxDepth = SuccessiveHalving.floorLog(budget.epochs());
        for (int s = maxDepth; s >= 0; s--) {
            int count = (int) Math.ceil((maxDepth + 1.0) / (s + 1) * Math.pow(SuccessiveHalving.ETA, s));
            SuccessiveHalving.bracket(ledger, space, random, count, SuccessiveHalving.rungs(budget.epochs(), s),
                    budget.epochs());
        }
        return SearchResult.of(name(), ledger.trials(), ledger.cost());
    }
}
