package dev.psi.lab.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.psi.Expression;
import dev.psi.core.result.SurfaceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The size of a formula is chosen by its error on families the search never saw. */
class TransferSelectionTest {

    /** A task's family is its name up to the first dash. */
    private static final Function<String, String> FAMILY = task -> task.substring(0, task.indexOf('-'));

    private static final FittedFormula HALF = candidate("0.5", 0.3);
    private static final FittedFormula DECAY = candidate("exp(-epoch)", 0.0);

    private static FittedFormula candidate(String formula, double error) {
        return new FittedFormula("test", Term.parameter(0), new double[] {0}, Expression.parse(formula), error);
    }

    /** Two rows per task, at epochs 0 and 1, with these rates. */
    private static FitData rows(double lr0, double lr1, String... tasks) {
        List<SurfaceRow> rows = new ArrayList<>();
        for (String task : tasks) {
            rows.add(Synthetic.row(1, task, "oracle", 1000, 0, 1.0, lr0, 0.1));
            rows.add(Synthetic.row(1, task, "oracle", 1000, 1, 1.0, lr1, 0.1));
        }
        return FitData.of(rows);
    }

    @Test
    void aShapeThatCarriesOverToTheHeldOutFamilyIsChosenOverASmallerOneThatDoesNot() {
        // Every family's rate is e^-epoch: the constant 0.5 misses every row by ln 0.5 - 0 and ln 0.5 - (-1).
        FitData data = rows(1.0, Math.exp(-1), "a-1", "b-1", "c-1");
        ParetoFront front = ParetoFront.of(List.of(HALF, DECAY));

        TransferSelection selection = TransferSelection.of(front, data, FAMILY, fold -> front);

        double constant = Math.sqrt((Math.pow(Math.log(0.5), 2) + Math.pow(Math.log(0.5) + 1, 2)) / 2);
        assertArrayEquals(new double[] {constant, 0.0}, selection.errors(), 1e-12);
        assertEquals(DECAY, selection.formula(front));
    }

    @Test
    void aShapeThatFitsOnlyTheTrainingFamiliesLosesToTheSmallerOneThatTransfers() {
        // The rate is 0.5 everywhere, but each fold's search also finds the decay, which the held-out family refutes.
        FitData data = rows(0.5, 0.5, "a-1", "a-2", "b-1", "c-1");
        ParetoFront all = ParetoFront.of(List.of(HALF, DECAY));

        TransferSelection selection = TransferSelection.of(all, data, FAMILY, fold -> all);

        assertEquals(DECAY, all.knee(), "on the rows it was searched on, the larger formula looks best");
        assertEquals(0.0, selection.errors()[0], 1e-12);
        assertEquals(HALF, selection.formula(all));
        assertEquals(0.0, selection.chosenError(), 1e-12);
    }

    @Test
    void eachFoldSearchesOnlyTheOtherFamiliesRows() {
        FitData data = rows(0.5, 0.5, "a-1", "a-2", "b-1", "c-1");
        ParetoFront front = ParetoFront.of(List.of(HALF));
        List<List<String>> seen = new ArrayList<>();

        TransferSelection.of(front, data, FAMILY, fold -> {
            seen.add(fold.tasks());
            return front;
        });

        assertEquals(List.of(List.of("b-1", "c-1"), List.of("a-1", "a-2", "c-1"), List.of("a-1", "a-2", "b-1")), seen);
    }

    @Test
    void aPredictionIsClampedToTheRatesTheFoldLearnedFrom() {
        // Rates 0.5 in every family; the fold's formula says 100, clamped to 0.5, the only rate it saw.
        FitData data = rows(0.5, 0.5, "a-1", "b-1", "c-1");
        ParetoFront front = ParetoFront.of(List.of(candidate("100", 0.0)));

        assertArrayEquals(new double[] {0.0}, TransferSelection.of(front, data, FAMILY, fold -> front).errors(), 1e-12);
    }

    @Test
    void fewerThanThreeFamiliesCannotChooseByTransfer() {
        FitData data = rows(0.5, 0.5, "a-1", "b-1");
        ParetoFront front = ParetoFront.of(List.of(HALF));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransferSelection.of(front, data, FAMILY, fold -> front));
        assertEquals("a choice by transfer needs rows of at least 3 families, got [a, b]", e.getMessage());
    }
}
