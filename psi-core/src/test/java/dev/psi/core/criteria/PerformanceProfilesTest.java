package dev.psi.core.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Profiles for 3 methods × 2 tasks. Times (task × method):
 *
 * <pre>
 *          A    B    C
 * task 0  10   10   20     A and B tie for best: r = 1, 1, 2
 * task 1  30    ∞   10     B never reached:      r = 3, ∞, 1
 * </pre>
 */
class PerformanceProfilesTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final PerformanceProfiles PROFILES =
            PerformanceProfiles.of(List.of("A", "B", "C"), new double[][] {{10, 10, 20}, {30, INF, 10}});

    @Test
    void ratiosAreTimesOverTheBestTimeOfTheTask() {
        assertEquals(2.0, PROFILES.ratio(0, "C"));
        assertEquals(3.0, PROFILES.ratio(1, "A"));
        assertEquals(1.0, PROFILES.ratio(1, "C"));
    }

    @Test
    void tiedBestTimesBothGetOne() {
        assertEquals(1.0, PROFILES.ratio(0, "A"));
        assertEquals(1.0, PROFILES.ratio(0, "B"));
    }

    @Test
    void infinityStaysInfinity() {
        assertEquals(INF, PROFILES.ratio(1, "B"));
    }

    @Test
    void aTaskNoMethodReachedIsInfiniteForAll() {
        PerformanceProfiles profiles = PerformanceProfiles.of(List.of("A", "B"), new double[][] {{INF, INF}, {1, 2}});

        assertEquals(INF, profiles.ratio(0, "A"));
        assertEquals(INF, profiles.ratio(0, "B"));
        assertEquals(0.5, profiles.rho("A", 4));
        assertEquals(0.5 * (4 - 1) / 3, profiles.area("A"));
    }

    @Test
    void rhoIsTheFractionOfTasksWithinTau() {
        assertEquals(0.5, PROFILES.rho("A", 1));
        assertEquals(0.5, PROFILES.rho("A", 2));
        assertEquals(0.5, PROFILES.rho("A", 2.999));
        assertEquals(1.0, PROFILES.rho("A", 3));
        assertEquals(1.0, PROFILES.rho("A", 4));

        assertEquals(0.5, PROFILES.rho("B", 1));
        assertEquals(0.5, PROFILES.rho("B", 4));
        assertEquals(0.5, PROFILES.rho("B", 1e9));

        assertEquals(0.5, PROFILES.rho("C", 1));
        assertEquals(0.5, PROFILES.rho("C", 1.999));
        assertEquals(1.0, PROFILES.rho("C", 2));
    }

    @Test
    void rhoBelowOneIsZero() {
        assertEquals(0.0, PROFILES.rho("A", 0.999));
    }

    @Test
    void areasAreExactOverOneToFour() {
        // A: ρ = 1/2 on [1,3), 1 on [3,4]  → (1/2·2 + 1·1) / 3 = 2/3
        assertEquals(2.0 / 3, PROFILES.area("A"));
        // B: ρ = 1/2 on [1,4]              → (1/2·3) / 3 = 1/2
        assertEquals(0.5, PROFILES.area("B"));
        // C: ρ = 1/2 on [1,2), 1 on [2,4]  → (1/2·1 + 1·2) / 3 = 5/6
        assertEquals(5.0 / 6, PROFILES.area("C"));
    }

    @Test
    void areaOverAShorterRange() {
        // Over [1,2]: A has ρ = 1/2 throughout; C reaches 1 only at τ = 2, a point of no area.
        assertEquals(0.5, PROFILES.area("A", 2));
        assertEquals(0.5, PROFILES.area("C", 2));
    }

    @Test
    void areaAgreesWithAFineMidpointSum() {
        int n = 300_000;
        double h = 3.0 / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += PROFILES.rho("A", 1 + (i + 0.5) * h) * h;
        }
        assertEquals(sum / 3, PROFILES.area("A"), 1e-9);
    }

    @Test
    void scoresAreTheAreasInMethodOrder() {
        assertEquals(Map.of("A", 2.0 / 3, "B", 0.5, "C", 5.0 / 6), PROFILES.scores());
        assertEquals(List.of("A", "B", "C"), List.copyOf(PROFILES.scores().keySet()));
    }

    @Test
    void timesByTaskThenMethodGiveTheSameProfiles() {
        Map<String, Map<String, Double>> times = new LinkedHashMap<>();
        times.put("t0", Map.of("A", 10.0, "B", 10.0, "C", 20.0));
        times.put("t1", Map.of("A", 30.0, "B", INF, "C", 10.0));

        PerformanceProfiles profiles = PerformanceProfiles.of(times);

        assertEquals(2, profiles.tasks());
        assertEquals(PROFILES.scores(), Map.copyOf(profiles.scores()));
    }

    @Test
    void aMissingTimeIsAnError() {
        Map<String, Map<String, Double>> times = new LinkedHashMap<>();
        times.put("t0", Map.of("A", 1.0, "B", 2.0));
        times.put("t1", Map.of("A", 1.0));

        assertThrows(IllegalArgumentException.class, () -> PerformanceProfiles.of(times));
    }

    @Test
    void nanOrNonPositiveTimesAreErrors() {
        assertThrows(IllegalArgumentException.class,
                () -> PerformanceProfiles.of(List.of("A"), new double[][] {{Double.NaN}}));
        assertThrows(IllegalArgumentException.class,
                () -> PerformanceProfiles.of(List.of("A"), new double[][] {{0}}));
    }

    @Test
    void anUnknownMethodIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> PROFILES.rho("D", 1));
    }

    @Test
    void aReferenceIsLeftOutOfTheBestTime() {
        // Task 0: the oracle's 5 would make t_best 5; without it, A and B tie at 10.
        PerformanceProfiles profiles = PerformanceProfiles.of(List.of("A", "B", "oracle"),
                new double[][] {{10, 20, 5}, {30, 15, 60}}, Set.of("oracle"));

        assertEquals(1.0, profiles.ratio(0, "A"));
        assertEquals(2.0, profiles.ratio(0, "B"));
        assertEquals(0.5, profiles.ratio(0, "oracle"));
        assertEquals(4.0, profiles.ratio(1, "oracle"));
    }

    @Test
    void aReferenceFasterThanTheBestCountsAsOneInTheArea() {
        // oracle: r = 0.5 counts as 1 (area 3/3), r = 4 adds nothing: (1 + 0) / 2.
        PerformanceProfiles profiles = PerformanceProfiles.of(List.of("A", "B", "oracle"),
                new double[][] {{10, 20, 5}, {30, 15, 60}}, Set.of("oracle"));

        assertEquals(0.5, profiles.area("oracle"));
        assertEquals(0.5, profiles.rho("oracle", 1));
    }

    @Test
    void aReferenceThatAloneReachedHasRatioZero() {
        PerformanceProfiles profiles = PerformanceProfiles.of(List.of("A", "oracle"), new double[][] {{INF, 7}},
                Set.of("oracle"));

        assertEquals(0.0, profiles.ratio(0, "oracle"));
        assertEquals(INF, profiles.ratio(0, "A"));
        assertEquals(1.0, profiles.area("oracle"));
    }

    @Test
    void anUnknownReferenceIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> PerformanceProfiles.of(List.of("A"), new double[][] {{1}}, Set.of("oracle")));
    }
}
