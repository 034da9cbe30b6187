package dev.psi.lab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.result.SurfaceRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The surface map draws both oracles' paths: the greedy one's kept rows and the long-horizon labeller's. */
class SurfaceSectionTest {

    private static SurfaceRow row(long trial, String kind, int epoch, double lr) {
        return new SurfaceRow(trial, "s", "t", kind, new TaskFeatures(100, 10, 16, "SGD"), 2, 2.0, epoch, 1.5,
                Double.NaN, lr, 1.0, Math.log(1.5), 1.0, Double.NaN);
    }

    @Test
    void theGreedyOracleAndTheLongHorizonLabelsAreTwoPathsInTwoColours() {
        List<SurfaceRow> rows = List.of(row(1, SurfaceRow.BRANCH, 0, 0.05), row(1, SurfaceRow.ORACLE, 1, 0.05),
                row(1, SurfaceRow.ORACLE, 0, 0.1), row(2, SurfaceRow.SCHEDULE, 0, 1.0), row(2, SurfaceRow.HORIZON, 0, 1.0),
                row(2, SurfaceRow.HORIZON, 1, 0.1));

        HeatMap.Grid grid = SurfaceSection.grid(rows);

        assertEquals(2, grid.paths().size());
        HeatMap.Path greedy = grid.paths().get(0);
        assertEquals("greedy oracle", greedy.label());
        assertEquals(SurfaceSection.GREEDY_COLOR, greedy.color());
        assertArrayEquals(new double[] {0, 1}, greedy.xs());
        assertArrayEquals(new double[] {-1, Math.log10(0.05)}, greedy.ys());
        HeatMap.Path horizon = grid.paths().get(1);
        assertEquals("long-horizon labels", horizon.label());
        assertEquals(SurfaceSection.HORIZON_COLOR, horizon.color());
        assertArrayEquals(new double[] {0, -1}, horizon.ys());
        String svg = HeatMap.svg("Surface of t", "epoch i", "log10 lr", "mean r", grid);
        assertTrue(svg.contains(">greedy oracle<") && svg.contains(">long-horizon labels<"), svg);
        assertTrue(svg.contains("stroke=\"" + SurfaceSection.HORIZON_COLOR + "\" stroke-width=\"2\""), svg);
    }
}
