package dev.psi.lab.search;

import java.util.SplittableRandom;

/**
 * Random search (Bergstra and Bengio 2012): each trial draws ln α uniformly over the range and a
 * (family, optimizer) combination uniformly. Unlike a grid it tries a new rate every trial, which is what
 * matters when only α has much effect.
 */
public final class RandomSearch implements SearchStrategy {

    private final Budget budget;

    public RandomSearch(Budget budget) {
        this.budget = budget;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public SearchResult search(Objective objective, SearchSpace space, Selection selection) {
        Ledger ledger = new Ledger(objective);
        SplittableRandom random = new SplittableRandom(budget.seed());
        for (int trial = 0; trial < budget.trials(); trial++) {
            ledger.evaluate(draw(space, random), budget.epochs());
        }
        return SearchResult.of(name(), ledger.trials(), ledger.cost(), selection);
    }

    /** A log-uniform rate and a uniform combination; shared with the strategies that sample their starts. */
    static Point draw(SearchSpace space, SplittableRandom random) {
        double logLr = space.logMin() + random.nextDouble() * (space.logMax() - space.logMin());
        return space.point(logLr, random.nextInt(space.arms()));
    }
}
