package dev.psi.lab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The study's criterion as searches rank by it, on hand-made trajectories and on the synthetic objective. */
class SelectionTest {

    /** Reached when the validation loss is at most 1. */
    private static final Target TARGET = new Target(Metric.VAL_LOSS, 1.0);
    private static final Selection BY_TIME = Selection.timeToTarget(TARGET);
    private static final Spec SGD = Spec.parse("SGD()");

    /** A completed run with these validation losses, one evaluation of 10 steps per epoch, each at its end. */
    private static TrialCurve curve(double... losses) {
        List<EpochResult> epochs = new ArrayList<>();
        List<Evaluation> evaluations = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            epochs.add(new EpochResult(i, 0.1, losses[i], losses[i], Double.NaN, 10L * (i + 1), 1));
            evaluations.add(new Evaluation(i, 10L * (i + 1), i + 1, losses[i], Double.NaN, 100, 1));
        }
        return new TrialCurve(TrialStatus.COMPLETED, epochs, evaluations);
    }

    private static Evaluated trial(double lr, TrialCurve... seeds) {
        return new Evaluated(new Point(lr, ScheduleFamily.CONSTANT, SGD), List.of(), Arrays.asList(seeds));
    }

    private static List<Double> ranked(Selection selection, Evaluated... trials) {
        List<Evaluated> list = new ArrayList<>(List.of(trials));
        list.sort(selection.bestFirst());
        return list.stream().map(t -> t.point().lr()).toList();
    }

    @Test
    void earlierToTheTargetRanksFirstAndTiesGoToTheLowerFinalLoss() {
        Evaluated late = trial(1, curve(2, 1.5, 0.9));       // reached at step 30
        Evaluated early = trial(2, curve(2, 0.95, 0.9));     // step 20, final 0.9
        Evaluated earlyLower = trial(3, curve(2, 0.95, 0.5)); // step 20, final 0.5
        Evaluated never = trial(4, curve(3, 2, 1.2));        // never, final 1.2
        Evaluated neverLower = trial(5, curve(3, 2, 1.1));   // never, final 1.1

        assertEquals(List.of(3.0, 2.0, 1.0, 5.0, 4.0), ranked(BY_TIME, late, never, early, neverLower, earlyLower));
    }

    @Test
    void aRunThatNeverReachesRanksBelowAnyThatReachesWhateverItsFinalLoss() {
        Evaluated reachedButWorse = trial(1, curve(2, 1.0, 3.0));
        Evaluated neverButLow = trial(2, curve(1.01, 1.01, 1.01));

        assertEquals(List.of(1.0, 2.0), ranked(BY_TIME, neverButLow, reachedButWorse));
    }

    @Test
    void overTwoSeedsMoreSeedsReachedFirstThenTheMeanStepsThenTheMeanFinalLoss() {
        Evaluated bothAt30 = trial(1, curve(2, 2, 0.9), curve(2, 2, 0.9));          // 2 seeds, mean 30
        Evaluated bothMean25 = trial(2, curve(0.9, 0.9, 0.9), curve(2, 2, 0.9, 0.9)); // 2 seeds, (10 + 30) / 2 = 20
        Evaluated oneAt10 = trial(3, curve(0.5, 0.5, 0.5), curve(2, 2, 2));         // 1 seed only
        Evaluated none = trial(4, curve(2, 2, 1.5), curve(2, 2, 1.5));

        assertEquals(List.of(2.0, 1.0, 3.0, 4.0), ranked(BY_TIME, none, oneAt10, bothAt30, bothMean25));
        assertEquals(new Score(2, -20, -0.9), BY_TIME.atEnd(bothMean25));
        assertEquals(new Score(1, -10, -(0.5 + 2) / 2), BY_TIME.atEnd(oneAt10));
    }

    @Test
    void aRungWhereNobodyReachedIsCutByTheLatestValidationLoss() {
        Evaluated higher = trial(1, new TrialCurve(TrialStatus.RUNNING, curve(5, 3).epochs(), curve(5, 3).evaluations()));
        Evaluated lower = trial(2, new TrialCurve(TrialStatus.RUNNING, curve(4, 2).epochs(), curve(4, 2).evaluations()));

        assertEquals(List.of(2.0, 1.0), ranked(new Selection() {
            @Override
            public Score atEnd(Evaluated trial) {
                return BY_TIME.midway(trial);
            }

            @Override
            public Score midway(Evaluated trial) {
                return BY_TIME.midway(trial);
            }
        }, higher, lower));
    }

    @Test
    void aDivergedRunHasAnInfiniteFinalLoss() {
        TrialCurve diverged = new TrialCurve(TrialStatus.DIVERGED, curve(2, 1.5).epochs(), curve(2, 1.5).evaluations());
        Evaluated blownUp = trial(1, diverged);
        Evaluated slow = trial(2, curve(3, 3, 3));

        assertEquals(new Score(0, 0, Double.NEGATIVE_INFINITY), BY_TIME.atEnd(blownUp));
        assertEquals(List.of(2.0, 1.0), ranked(BY_TIME, blownUp, slow));
    }

    @Test
    void theMetricSelectionKeepsTheBestEpochAtTheEndAndTheLatestMidway() {
        Evaluated peaked = new Evaluated(new Point(1, ScheduleFamily.CONSTANT, SGD), List.of(0.9, 0.5));
        Evaluated rising = new Evaluated(new Point(2, ScheduleFamily.CONSTANT, SGD), List.of(0.6, 0.7));

        assertEquals(List.of(1.0, 2.0), ranked(Selection.BEST_METRIC, rising, peaked));
        assertTrue(Selection.BEST_METRIC.midway(rising).compareTo(Selection.BEST_METRIC.midway(peaked)) > 0);
    }

    @Test
    void strategiesRankedByTimeToTargetFindTheSyntheticOptimum() {
        // The synthetic loss is 1/n + (decades off)² + family penalty after n epochs at the best rate: α* reaches
        // 0.6 after two epochs, as do rates close to it, and of those the lowest final loss is closest to α*.
        SyntheticObjective objective = new SyntheticObjective(0.03, ScheduleFamily.COSINE, 0.5,
                Double.POSITIVE_INFINITY);
        SearchSpace space = new SearchSpace(1e-4, 1, Arrays.asList(ScheduleFamily.values()), List.of(SGD));
        Selection selection = Selection.timeToTarget(new Target(Metric.VAL_LOSS, 0.6));
        for (SearchStrategy strategy : List.of(new RandomSearch(new Budget(100, 3, 1)),
                new SuccessiveHalving(new Budget(81, 9, 1)), new Hyperband(new Budget(20, 9, 1)),
                new GeneticSearch(new Budget(60, 3, 1)))) {
            SearchResult result = strategy.search(objective, space, selection);

            Point best = result.best().point();
            assertTrue(best.lr() >= 0.015 && best.lr() <= 0.06, strategy.name() + " found " + best);
            assertEquals(ScheduleFamily.COSINE, best.family(), strategy.name() + " found " + best);
        }
    }

    @Test
    void overSeedsEveryPointRunsOnEachSeedAndEveryRunCounts() {
        SyntheticObjective seed = new SyntheticObjective(0.03, ScheduleFamily.COSINE, 0.5, Double.POSITIVE_INFINITY);
        SearchSpace space = new SearchSpace(1e-4, 1, Arrays.asList(ScheduleFamily.values()), List.of(SGD));

        SearchResult result = new RandomSearch(new Budget(3, 2, 1)).search(Objective.overSeeds(List.of(seed, seed)),
                space, BY_TIME);

        assertEquals(6, result.cost().trials());
        assertEquals(12, result.cost().epochs());
        assertEquals(3, result.trials().size());
        assertTrue(result.trials().stream().allMatch(t -> t.curves().size() == 2 && t.metrics().size() == 2));
    }

    @Test
    void hyperbandRunsWholeIterationsUntilTheBudgetOfPointsHasStarted() {
        SyntheticObjective objective = new SyntheticObjective(0.03, ScheduleFamily.COSINE, 0.5,
                Double.POSITIVE_INFINITY);
        SearchSpace space = new SearchSpace(1e-4, 1, Arrays.asList(ScheduleFamily.values()), List.of(SGD));
        // Over 6 epochs an iteration is brackets s = 1 and 0: ⌈2/2·3⌉ = 3 and 2 points.
        assertEquals(5, Hyperband.iterationSize(6));

        SearchResult result = new Hyperband(new Budget(8, 6, 1)).search(objective, space, BY_TIME);

        assertEquals(10, result.cost().trials());
    }

    @Test
    void quasiRandomTrialsAreTheHaltonPointsOfTheSpace() {
        SearchSpace space = new SearchSpace(0.01, 1, List.of(ScheduleFamily.COSINE, ScheduleFamily.WARMUP_COSINE),
                List.of(SGD));
        SyntheticObjective objective = new SyntheticObjective(0.1, ScheduleFamily.COSINE, 0.5,
                Double.POSITIVE_INFINITY);

        SearchResult result = new QuasiRandomSearch(new Budget(5, 2, 99)).search(objective, space, BY_TIME);

        // Base 2 for ln α: 1/2, 1/4, 3/4, 1/8, 5/8 of two decades; base 3 for the family: 1/3, 2/3, 1/9, 4/9, 7/9.
        assertEquals(List.of(0.1, 0.0316, 0.316, 0.0178, 0.178),
                result.trials().stream().map(t -> t.point().lr()).toList());
        assertEquals(List.of(ScheduleFamily.COSINE, ScheduleFamily.WARMUP_COSINE, ScheduleFamily.COSINE,
                ScheduleFamily.COSINE, ScheduleFamily.WARMUP_COSINE),
                result.trials().stream().map(t -> t.point().family()).toList());
        assertEquals(new Point(0.1, ScheduleFamily.COSINE, SGD), result.best().point());
    }
}
