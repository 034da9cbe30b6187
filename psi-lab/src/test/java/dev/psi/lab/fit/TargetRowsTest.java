package dev.psi.lab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.result.SurfaceRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rows are the direct target of a fit. */
class TargetRowsTest {

    private static SurfaceRow row(long trial, String kind, int epoch, double lr, double convergence) {
        return Synthetic.row(trial, "t", kind, 1000, epoch, 0.5, lr, convergence);
    }

    @Test
    void oracleRowsWinWhenPresent() {
        List<SurfaceRow> rows = List.of(row(1, SurfaceRow.BRANCH, 0, 0.1, 0.3), row(1, SurfaceRow.BRANCH, 0, 0.2, 0.5),
                row(1, SurfaceRow.ORACLE, 0, 0.1, 0.3), row(2, SurfaceRow.WALK, 0, 0.4, 0.9));
        TargetRows targets = TargetRows.select(rows);
        assertEquals(TargetRows.Rule.ORACLE, targets.rule());
        assertEquals(List.of(rows.get(2)), targets.rows());
    }

    @Test
    void withoutOracleRowsTheBestBranchOfEachStateIsTaken() {
        List<SurfaceRow> rows = List.of(row(1, SurfaceRow.BRANCH, 0, 0.1, 0.3), row(1, SurfaceRow.BRANCH, 0, 0.2, 0.5),
                row(1, SurfaceRow.BRANCH, 1, 0.1, 0.2), row(1, SurfaceRow.BRANCH, 1, 0.2, Double.NEGATIVE_INFINITY),
                row(2, SurfaceRow.BRANCH, 0, 0.3, 0.1));
        TargetRows targets = TargetRows.select(rows);
        assertEquals(TargetRows.Rule.BEST_BRANCH, targets.rule());
        assertEquals(List.of(rows.get(1), rows.get(2), rows.get(4)), targets.rows());
    }

    @Test
    void walksAndGridsGiveTheBestRateOfEachTaskAndEpoch() {
        List<SurfaceRow> rows = List.of(row(1, SurfaceRow.GRID, 0, 0.1, 0.3), row(2, SurfaceRow.GRID, 0, 0.2, 0.5),
                row(1, SurfaceRow.GRID, 1, 0.1, 0.4), row(2, SurfaceRow.GRID, 1, 0.2, 0.1),
                row(3, SurfaceRow.WALK, 1, 0.0, 0.9));
        TargetRows targets = TargetRows.select(rows);
        assertEquals(TargetRows.Rule.BEST_OF_EPOCH, targets.rule());
        // The walk row has α = 0: no state to fit, never a target.
        assertEquals(List.of(rows.get(1), rows.get(2)), targets.rows());
    }

    @Test
    void longHorizonLabelsWinOverTheGreedyOracleAndTheirCandidatesAreNeverLabels() {
        List<SurfaceRow> rows = List.of(row(1, SurfaceRow.BRANCH, 0, 0.1, 0.3), row(1, SurfaceRow.ORACLE, 0, 0.1, 0.3),
                row(2, SurfaceRow.SCHEDULE, 0, 0.5, 0.9), row(2, SurfaceRow.SCHEDULE, 0, 0.3, 0.6),
                row(2, SurfaceRow.HORIZON, 0, 0.3, 0.6), row(2, SurfaceRow.HORIZON, 1, 0.2, 0.4));
        TargetRows targets = TargetRows.select(rows);
        assertEquals(TargetRows.Rule.HORIZON, targets.rule());
        assertEquals(List.of(rows.get(4), rows.get(5)), targets.rows());
        // The greedy oracle stays a labelled option of the same study.
        TargetRows greedy = TargetRows.select(rows, TargetRows.Rule.ORACLE);
        assertEquals(TargetRows.Rule.ORACLE, greedy.rule());
        assertEquals(List.of(rows.get(1)), greedy.rows());
    }
}
