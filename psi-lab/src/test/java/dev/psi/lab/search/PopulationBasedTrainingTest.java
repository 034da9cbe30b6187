package dev.psi.lab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.spec.Spec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * PBT's exploit and explore on the synthetic objective, where the better member is known: the one whose rate
 * is closest to α* in decades.
 */
class PopulationBasedTrainingTest {

    private static final double OPTIMUM = 0.03;
    private static final SearchSpace RATES = new SearchSpace(1e-4, 1, List.of(ScheduleFamily.CONSTANT),
            List.of(Spec.parse("SGD()")));
    private static final SyntheticObjective OBJECTIVE = new SyntheticObjective(OPTIMUM, ScheduleFamily.CONSTANT, 0,
            Double.POSITIVE_INFINITY);

    /** The objective, noting the point of every run it starts: member i is the i-th. */
    private static Objective recording(List<Point> started) {
        return (point, epochs) -> {
            started.add(point);
            return OBJECTIVE.start(point, epochs);
        };
    }

    private static double decadesOff(double lr) {
        return Math.abs(Math.log10(lr / OPTIMUM));
    }

    @Test
    void theBottomQuartileCopiesTheStateOfATopQuartileMemberAndHalvesOrDoublesItsRate() {
        List<Point> started = new ArrayList<>();
        // One round of one epoch, then the exploit, then the last epoch.
        SearchResult result = new PopulationBasedTraining(new Budget(8, 2, 5), 1).search(recording(started), RATES);

        List<Integer> byCloseness = IntStream.range(0, 8).boxed()
                .sorted(Comparator.comparingDouble(i -> decadesOff(started.get(i).lr()))).toList();
        Set<Integer> top = Set.copyOf(byCloseness.subList(0, 2));
        Set<Integer> bottom = Set.copyOf(byCloseness.subList(6, 8));
        assertEquals(bottom, result.exploits().stream().map(Exploit::member).collect(Collectors.toSet()));
        for (Exploit exploit : result.exploits()) {
            assertEquals(1, exploit.epoch());
            assertTrue(top.contains(exploit.donor()), exploit.toString());
            double donorLr = started.get(exploit.donor()).lr();
            if (!exploit.resampled()) {
                assertTrue(exploit.lr() == RATES.rate(Math.log(donorLr * 0.5))
                        || exploit.lr() == RATES.rate(Math.log(donorLr * 2)), exploit + " from " + donorLr);
            }
            // The whole state moved: the member's first epoch is now the donor's.
            Evaluated member = result.trials().get(exploit.member());
            Evaluated donor = result.trials().get(exploit.donor());
            assertEquals(donor.curves().get(0).epochs().get(0), member.curves().get(0).epochs().get(0));
            assertEquals(2, member.curves().get(0).epochs().size());
        }
        assertEquals(16, result.cost().epochs(), "8 members × 2 epochs; copying costs nothing");
    }

    @Test
    void exploreResamplesWithProbabilityAQuarterAndOtherwisePerturbsByHalfOrTwice() {
        SearchResult result = new PopulationBasedTraining(new Budget(200, 6, 11), 1).search(OBJECTIVE, RATES);

        // 50 of 200 exploit in each of the 5 rounds before the last epoch.
        List<Exploit> exploits = result.exploits();
        assertEquals(250, exploits.size());
        long resampled = exploits.stream().filter(Exploit::resampled).count();
        assertTrue(resampled >= 0.25 * 250 - 20 && resampled <= 0.25 * 250 + 20, resampled + " of 250 resampled");
        // Replay the members' rates to know each donor's rate when it was copied.
        double[] rates = new double[200];
        List<Point> started = new ArrayList<>();
        new PopulationBasedTraining(new Budget(200, 6, 11), 1).search(recording(started), RATES);
        for (int i = 0; i < 200; i++) {
            rates[i] = started.get(i).lr();
        }
        int factors = 0;
        for (Exploit exploit : exploits) {
            double donor = rates[exploit.donor()];
            if (!exploit.resampled()) {
                boolean half = exploit.lr() == RATES.rate(Math.log(donor * 0.5));
                boolean twice = exploit.lr() == RATES.rate(Math.log(donor * 2));
                assertTrue(half || twice, exploit + " from " + donor);
                factors += half ? 1 : 0;
            }
            rates[exploit.member()] = exploit.lr();
        }
        long perturbed = exploits.size() - resampled;
        assertTrue(factors > perturbed / 3 && factors < 2 * perturbed / 3, factors + " halvings of " + perturbed);
    }

    @Test
    void theWinnerIsTheMemberThatReachedTheTargetFirstAndItsCurveIsItsLineage() {
        Selection selection = Selection.timeToTarget(new Target(Metric.VAL_LOSS, 0.6));
        SearchResult result = new PopulationBasedTraining(new Budget(8, 6, 3), 1).search(OBJECTIVE, RATES, selection);

        Score best = selection.atEnd(result.best());
        for (Evaluated member : result.trials()) {
            assertTrue(best.compareTo(selection.atEnd(member)) >= 0, member.point() + " beats the winner");
        }
        assertEquals(6, result.best().curves().get(0).epochs().size());
        assertEquals(result.schedule().orElseThrow().rates(),
                result.best().curves().get(0).epochs().stream().map(e -> e.lr()).toList());
        assertFalse(result.exploits().isEmpty());
    }
}
