package dev.psi.lab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;
import dev.psi.core.spec.Spec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every strategy on the synthetic objective, whose optimum is α* = 0.03 with the cosine family: each must
 * find α within a factor 2 of α* and the right family at the budget stated in its test.
 */
class StrategiesTest {

    private static final double OPTIMUM = 0.03;
    private static final SearchSpace SPACE = new SearchSpace(1e-4, 1, Arrays.asList(ScheduleFamily.values()),
            List.of(Spec.parse("SGD(momentum=0.9)")));
    private static final SyntheticObjective OBJECTIVE = new SyntheticObjective(OPTIMUM, ScheduleFamily.COSINE, 0.5,
            Double.POSITIVE_INFINITY);

    private static void assertFindsOptimum(SearchResult result) {
        Point best = result.best().point();
        assertTrue(best.lr() >= OPTIMUM / 2 && best.lr() <= OPTIMUM * 2, result.strategy() + " found " + best);
        assertEquals(ScheduleFamily.COSINE, best.family(), result.strategy() + " found " + best);
    }

    @Test
    void gridFindsTheOptimumWithNineRatesPerFamily() {
        SearchResult result = new GridSearch(new Budget(45, 3, 1)).search(OBJECTIVE, SPACE);

        assertFindsOptimum(result);
        assertEquals(45, result.cost().trials());
        assertEquals(45 * 3, result.cost().epochs());
    }

    @Test
    void randomFindsTheOptimumIn100Trials() {
        SearchResult result = new RandomSearch(new Budget(100, 2, 1)).search(OBJECTIVE, SPACE);

        assertFindsOptimum(result);
        assertEquals(100, result.cost().trials());
        assertEquals(200, result.cost().epochs());
    }

    @Test
    void geneticFindsTheOptimumInAbout60Trials() {
        Budget budget = new Budget(60, 2, 1);
        SearchResult result = new GeneticSearch(budget).search(OBJECTIVE, SPACE);

        assertFindsOptimum(result);
        // The generation that crosses the budget finishes: at most one population more.
        int population = new GeneticSearch(budget).population();
        assertTrue(result.cost().trials() >= 60 && result.cost().trials() < 60 + population, result.cost().toString());
        assertEquals(2L * result.cost().trials(), result.cost().epochs());
    }

    @Test
    void halvingFindsTheOptimumAndPrunes() {
        SearchResult result = new SuccessiveHalving(new Budget(81, 9, 1)).search(OBJECTIVE, SPACE);

        assertFindsOptimum(result);
        // 81 points: rungs of 1, 3 and 9 epochs (depth 2 by the budget of 9), 27 and 9 survivors.
        assertEquals(List.of(1, 3, 9), SuccessiveHalving.rungs(9, 2));
        assertEquals(81, result.cost().trials());
        assertEquals(81 * 1 + 27 * 2 + 9 * 6, result.cost().epochs());
        assertTrue(result.cost().epochs() < 81 * 9);
        long full = result.trials().stream().filter(t -> t.metrics().size() == 9).count();
        assertEquals(9, full);
    }

    @Test
    void hyperbandRunsBracketsOfHalving() {
        SearchResult result = new Hyperband(new Budget(1, 9, 1)).search(OBJECTIVE, SPACE);

        assertFindsOptimum(result);
        // Brackets s = 2, 1, 0 start ⌈3/3·9⌉ = 9, ⌈3/2·3⌉ = 5 and 3 points.
        assertEquals(9 + 5 + 3, result.cost().trials());
        assertEquals((9 + 3 * 2 + 6) + (5 * 3 + 1 * 6) + 3 * 9, result.cost().epochs());
    }

    @Test
    void pbtFindsTheRateExploitsAndRecordsAReplayableSchedule() {
        SearchSpace rates = new SearchSpace(1e-4, 1, List.of(ScheduleFamily.CONSTANT),
                List.of(Spec.parse("SGD(momentum=0.9)")));
        SyntheticObjective objective = new SyntheticObjective(OPTIMUM, ScheduleFamily.CONSTANT, 0,
                Double.POSITIVE_INFINITY);
        SearchResult result = new PopulationBasedTraining(new Budget(10, 20, 1), 2).search(objective, rates);

        RateSchedule schedule = result.schedule().orElseThrow();
        assertEquals(20, schedule.rates().size());
        double last = schedule.rate(19);
        assertTrue(last >= OPTIMUM / 2 && last <= OPTIMUM * 2, schedule.toString());
        assertFalse(result.exploits().isEmpty());
        // Every member trains every epoch once: 10 members × 20 epochs, copying costs nothing.
        assertEquals(10, result.cost().trials());
        assertEquals(200, result.cost().epochs());
        // The 20 % cut of 10 members is 2 exploits per round, 9 rounds of 2 epochs before the last.
        assertEquals(18, result.exploits().size());

        Controller replay = schedule.controller();
        for (int epoch = 0; epoch < 22; epoch++) {
            replay.beforeUpdate(new TrainingState(epoch, epoch * 5L, 5, 20, 1, 1, 1, 1, 0.5), StepSignals.NONE);
            assertEquals(schedule.rate(epoch), replay.learningRate());
        }
        assertEquals(schedule.rates().get(19), schedule.rate(21));
    }

    @Test
    void pbtReplacesTheStateOfBottomMembersWithTheirDonors() {
        List<int[]> copies = new ArrayList<>();
        Objective spy = (point, epochs) -> new SpyRun(OBJECTIVE.start(point, epochs), copies);
        SearchResult result = new PopulationBasedTraining(new Budget(5, 4, 3), 1).search(spy, SPACE);

        assertEquals(result.exploits().size(), copies.size());
        assertEquals(3, copies.size());
        for (Exploit exploit : result.exploits()) {
            assertNotEquals(exploit.member(), exploit.donor());
        }
    }

    @Test
    void pbtMembersThatDivergeExploitAndTheCostCountsWhatTrained() {
        SyntheticObjective diverging = new SyntheticObjective(OPTIMUM, ScheduleFamily.COSINE, 0.5, 0.2);
        SearchResult result = new PopulationBasedTraining(new Budget(8, 6, 2), 1).search(diverging, SPACE);

        long trained = result.trials().stream().mapToLong(t -> t.metrics().size()).sum();
        assertEquals(trained, result.cost().epochs());
        assertTrue(result.schedule().orElseThrow().rates().stream().allMatch(rate -> rate <= 0.2),
                result.schedule().toString());
    }

    @Test
    void everyStrategyIsDeterministicPerSeed() {
        for (String name : SearchStrategies.names()) {
            SearchResult first = SearchStrategies.create(name, new Budget(12, 3, 7)).search(OBJECTIVE, SPACE);
            SearchResult again = SearchStrategies.create(name, new Budget(12, 3, 7)).search(OBJECTIVE, SPACE);
            SearchResult other = SearchStrategies.create(name, new Budget(12, 3, 8)).search(OBJECTIVE, SPACE);

            assertEquals(first.trials(), again.trials(), name);
            assertEquals(first.exploits(), again.exploits(), name);
            // Grid and quasi-random points do not depend on the seed, by design.
            if (!name.equals("grid") && !name.equals("quasi-random")) {
                assertNotEquals(first.trials(), other.trials(), name);
            }
        }
    }

    @Test
    void anUnknownStrategyNamesTheValidOnes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SearchStrategies.create("bayes", new Budget(1, 1, 1)));
        assertEquals("unknown strategy 'bayes'; valid: grid, random, quasi-random, genetic, halving, hyperband, pbt", e.getMessage());
    }

    /** Records every copy as (epochs of the member before, epochs of the donor) and checks the state moved. */
    private record SpyRun(Objective.Run run, List<int[]> copies) implements Objective.Run {

        @Override
        public boolean running() {
            return run.running();
        }

        @Override
        public int epochsDone() {
            return run.epochsDone();
        }

        @Override
        public double trainEpoch() {
            return run.trainEpoch();
        }

        @Override
        public double trainEpoch(double lr) {
            return run.trainEpoch(lr);
        }

        @Override
        public void copyFrom(Objective.Run donor) {
            Objective.Run source = ((SpyRun) donor).run;
            copies.add(new int[] {run.epochsDone(), source.epochsDone()});
            run.copyFrom(source);
            assertEquals(source.epochsDone(), run.epochsDone());
            // Scratch copies of both states score one more epoch alike: the whole state moved.
            assertEquals(probe(source), probe(run));
        }

        @Override
        public dev.psi.core.criteria.TrialCurve curve() {
            return run.curve();
        }

        @Override
        public void close() {
            run.close();
        }

        private static double probe(Objective.Run state) {
            Objective.Run scratch = OBJECTIVE.start(new Point(0.01, ScheduleFamily.COSINE, SPACE.optimizers().get(0)),
                    1000);
            scratch.copyFrom(state);
            return scratch.trainEpoch(0.01);
        }
    }
}
