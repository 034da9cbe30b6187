package dev.psi.lab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.psi.Expression;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The front keeps what no other candidate beats, and the knee is its smallest near-best formula. */
class ParetoFrontTest {

    /** A candidate of the given size (a sum of 1s has 2k − 1 nodes) and error. */
    private static FittedFormula candidate(int terms, double error) {
        String text = String.join(" + ", Collections.nCopies(terms, "1"));
        return new FittedFormula("test", Term.parameter(0), new double[] {0}, Expression.parse(text), error);
    }

    @Test
    void dominatedAndNonFiniteCandidatesAreDropped() {
        ParetoFront front = ParetoFront.of(List.of(candidate(1, 0.5), candidate(2, 0.6), candidate(3, 0.2),
                candidate(4, Double.NaN), candidate(5, 0.2), candidate(6, 0.1)));
        assertEquals(List.of(1, 5, 11), front.points().stream().map(FittedFormula::size).toList());
    }

    @Test
    void theKneeIsTheSmallestFormulaNearTheBest() {
        // Noisy data: 0.0509 is within 5 % of the best 0.0505; 0.0776 is not.
        ParetoFront noisy = ParetoFront.of(List.of(candidate(1, 0.5), candidate(3, 0.0776), candidate(5, 0.0509),
                candidate(8, 0.0505)));
        assertEquals(9, noisy.knee().size());
        // Noise-free data: 4e-4 is within the absolute 0.001 of 1e-9.
        ParetoFront exact = ParetoFront.of(List.of(candidate(1, 0.5), candidate(4, 4e-4), candidate(6, 1e-9)));
        assertEquals(7, exact.knee().size());
    }

    @Test
    void noFiniteCandidateIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> ParetoFront.of(List.of(candidate(1, Double.POSITIVE_INFINITY))));
    }
}
