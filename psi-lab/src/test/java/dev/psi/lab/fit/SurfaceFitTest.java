package dev.psi.lab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.result.SurfaceRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The surface kind finds the rate at which a known convergence surface peaks. */
class SurfaceFitTest {

    private static final List<PsiFeature> FEATURES = List.of(PsiFeature.LOG_LOSS_RATIO, PsiFeature.EPOCH);

    /**
     * α* = 0.3·ρ^0.5·e^(−0.03 i): ln α* is affine in ln ρ and i, so r = 0.1 − 0.05·(ln α − ln α*)² is a
     * quadratic r̂ exactly.
     */
    private static double best(double ratio, double epoch) {
        return 0.3 * Math.sqrt(ratio) * Math.exp(-0.03 * epoch);
    }

    @Test
    void recoversTheArgmaxOfAKnownSurface() {
        SurfaceData data = SurfaceData.of(Synthetic.peaked("a", SurfaceFitTest::best));
        SurfaceFit.Quadratic quadratic = SurfaceFit.fit(data.data(), data.convergence(), FEATURES);
        Expression psi = quadratic.expression();
        assertFalse(quadratic.sharedCurvature());
        assertEquals(1, quadratic.r2(), 1e-9);
        for (double ratio : new double[] {0.07, 0.3, 0.9}) {
            for (double epoch : new double[] {0.5, 7.3, 18}) {
                double[] values = new double[PsiFeature.all().size()];
                values[PsiFeature.LOG_LOSS_RATIO.ordinal()] = Math.log(ratio);
                values[PsiFeature.EPOCH.ordinal()] = epoch;
                assertEquals(best(ratio, epoch), psi.evaluate(values), 1e-5 * best(ratio, epoch));
            }
        }
    }

    @Test
    void aCurvatureThatChangesSignFallsBackToASharedOne() {
        // At late epochs r is convex in ln α around the peak, at early ones concave: the full model's C(x)
        // changes sign, the shared one averages to a concave surface.
        List<SurfaceRow> rows = Synthetic.peaked("a", SurfaceFitTest::best).stream()
                .map(row -> {
                    double u = Math.log(row.lr()) - Math.log(best(row.lossRatio(), row.epoch()));
                    double curvature = row.epoch() < 15 ? -0.05 : 0.05;
                    return Synthetic.row(row.trialId(), row.task(), row.kind(), row.features().datasetSize(),
                            row.epoch(), row.lossRatio(), row.lr(), 0.1 + curvature * u * u);
                })
                .toList();
        SurfaceData data = SurfaceData.of(rows);
        SurfaceFit.Quadratic quadratic = SurfaceFit.fit(data.data(), data.convergence(), FEATURES);
        assertTrue(quadratic.sharedCurvature());
        assertTrue(quadratic.c()[0] < 0);
    }

    @Test
    void aSurfaceWithoutAMaximumIsAnError() {
        List<SurfaceRow> rows = Synthetic.peaked("a", SurfaceFitTest::best).stream()
                .map(row -> Synthetic.row(row.trialId(), row.task(), row.kind(), row.features().datasetSize(),
                        row.epoch(), row.lossRatio(), row.lr(), -row.convergence()))
                .toList();
        SurfaceData data = SurfaceData.of(rows);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SurfaceFit.fit(data.data(), data.convergence(), FEATURES));
        assertTrue(e.getMessage().contains("does not peak"), e.getMessage());
    }

    @Test
    void divergedEpochsCountAsTheWorstObserved() {
        List<SurfaceRow> rows = new ArrayList<>(Synthetic.peaked("a", SurfaceFitTest::best));
        rows.add(Synthetic.row(1, "a", SurfaceRow.GRID, 1000, 3, 0.5, 10, Double.NEGATIVE_INFINITY));
        SurfaceData data = SurfaceData.of(rows);
        double lowest = Arrays.stream(data.convergence()).min().orElseThrow();
        assertEquals(0.1 - 0.05 * 1.5 * 1.5, lowest, 1e-12);
        assertEquals(lowest, data.convergence()[data.convergence().length - 1]);
    }
}
