package dev.psi.lab.search;

import java.util.SplittableRandom;

/**
 * Hyperband (Li et al. 2018): successive-halving brackets that trade the number of points against the
 * epochs each gets before the first cut, from the most aggressive bracket (many points, one rung of
 * E/η^s epochs first) to plain full-budget random search. With s_max = ⌊log_η E⌋, bracket s starts
 * ⌈(s_max+1)/(s+1)·η^s⌉ points at E·η^(−s) epochs, η = 3. One pass over the brackets is a Hyperband
 * iteration; as Li et al. repeat iterations for a larger budget, it runs whole iterations, each with new
 * random points, until at least the budget's {@code trials} points have started (a budget of 1 trial is one
 * iteration). Rungs are cut and the winner chosen by the search's {@link Selection}.
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

    /** The points one iteration starts over {@code epochs}: the sum of its brackets' sizes. */
    static int iterationSize(int epochs) {
        int maxDepth = SuccessiveHalving.floorLog(epochs);
        int size = 0;
        for (int s = maxDepth; s >= 0; s--) {
            size += bracketSize(maxDepth, s);
        }
        return size;
    }

    private static int bracketSize(int maxDepth, int s) {
        return (int) Math.ceil((maxDepth + 1.0) / (s + 1) * Math.pow(SuccessiveHalving.ETA, s));
    }

    @Override
    public SearchResult search(Objective objective, SearchSpace space, Selection selection) {
        Ledger ledger = new Ledger(objective);
        SplittableRandom random = new SplittableRandom(budget.seed());
        int maxDepth = SuccessiveHalving.floorLog(budget.epochs());
        do {
            for (int s = maxDepth; s >= 0; s--) {
                SuccessiveHalving.bracket(ledger, space, random, bracketSize(maxDepth, s),
                        SuccessiveHalving.rungs(budget.epochs(), s), budget.epochs(), selection);
            }
        } while (ledger.started() < budget.trials());
        return SearchResult.of(name(), ledger.trials(), ledger.cost(), selection);
    }
}
