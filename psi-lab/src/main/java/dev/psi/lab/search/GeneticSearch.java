package dev.psi.lab.search;

import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.GaussianMutator;
import io.jenetics.Genotype;
import io.jenetics.MeanAlterer;
import io.jenetics.engine.Codec;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.util.RandomRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A genetic algorithm over (ln α, combination) with Jenetics: one gene for ln α over the range, one for
 * the (family, optimizer) combination as a real number in [0, combinations) that is truncated to an
 * index. Gaussian mutation moves α by small steps; the mean alterer blends two parents' rates, which is
 * what a log-scale optimum rewards. A point's fitness is the search's {@link Selection#atEnd} score of its
 * full-budget run (the study's time to target, or the best validation metric).
 *
 * <p>The population is ⌊trials / 3⌋ clamped to [4, 12]. Generations run while fewer than {@code trials}
 * runs have started; the generation that crosses the budget is finished, so the cost may exceed the
 * budget by less than one generation's offspring (the reported cost is exact). A point seen before,
 * after rounding, is not trained again. Jenetics draws from a {@link Random} seeded by the budget's seed,
 * and evaluates on the calling thread, as one trial per JVM requires.
 */
public final class GeneticSearch implements SearchStrategy {

    private final Budget budget;

    public GeneticSearch(Budget budget) {
        this.budget = budget;
    }

    @Override
    public String name() {
        return "genetic";
    }

    /** The population size this budget gives. */
    int population() {
        return Math.min(12, Math.max(4, budget.trials() / 3));
    }

    @Override
    public SearchResult search(Objective objective, SearchSpace space, Selection selection) {
        Ledger ledger = new Ledger(objective);
        Map<Point, Score> seen = new HashMap<>();
        Codec<Point, DoubleGene> codec = Codec.of(
                Genotype.of(DoubleChromosome.of(space.logMin(), Math.nextUp(space.logMax())),
                        DoubleChromosome.of(0, space.arms())),
                genotype -> space.point(genotype.get(0).gene().doubleValue(),
                        Math.min(space.arms() - 1, (int) genotype.get(1).gene().doubleValue())));
        Engine<DoubleGene, Score> engine = Engine
                .builder((Point point) -> seen.computeIfAbsent(point,
                        p -> selection.atEnd(ledger.evaluate(p, budget.epochs()))), codec)
                .maximizing()
                .populationSize(population())
                .alterers(new GaussianMutator<>(0.3), new MeanAlterer<>(0.4))
                .executor(Runnable::run)
                .build();
        RandomRegistry.with(new Random(budget.seed()), random -> engine.stream()
                .limit(result -> ledger.started() < budget.trials())
                .collect(EvolutionResult.toBestEvolutionResult()));
        return SearchResult.of(name(), ledger.trials(), ledger.cost(), selection);
    }
}
