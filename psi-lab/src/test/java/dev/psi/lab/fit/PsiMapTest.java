package dev.psi.lab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.PsiFeature;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heat map of Ψ covers the fitted ranges. */
class PsiMapTest {

    private static final FormulaModel MODEL = FormulaModel.of(
            Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2"),
            FitInfo.of(0.01, 0.25, Map.of(PsiFeature.LOSS_RATIO, new double[] {0.05, 1},
                    PsiFeature.EPOCH, new double[] {0, 19})));

    @Test
    void theGridSpansTheRangesAndClamps() {
        PsiMap.Grid grid = PsiMap.grid(MODEL);
        assertEquals(20, grid.x().length);
        assertEquals(0.05, grid.lossRatios()[0], 1e-12);
        assertEquals(1, grid.lossRatios()[grid.lossRatios().length - 1], 1e-12);
        assertEquals(Synthetic.psi(0.05, 19), grid.lr()[0][19], 1e-12);
        // 0.3 at (1, 0) is above maxLr.
        assertEquals(0.25, grid.lr()[grid.lossRatios().length - 1][0]);
        assertEquals("", grid.held());
    }
}
