package dev.psi.lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.Interval;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.controller.TrainingState;
import dev.psi.core.psi.PsiController;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.result.SurfaceRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Surface rows give the features the controller computes in training. */
class SurfaceFeaturesTest {

    private static final SurfaceRow ROW = new SurfaceRow(7, "s1", "fmnist-mlp", "walk",
            new TaskFeatures(60000, 203530, 128, "Adam"), 10, 2.0, 1, 0.5, 0.6, 0.01, 0.4, Math.log(0.5 / 0.4),
            0.45, 0.84);

    @Test
    void everyFeatureOfARow() {
        double[] values = SurfaceFeatures.values(PsiFeature.all(), ROW);

        assertArrayEquals(new double[] {0.25, Math.log(0.25), 1, 0.1, Math.log(60000), Math.log(203530), Math.log(128), 1,
                Math.log(128.0 / 60000), Double.NaN}, values);
    }

    @Test
    void matrixHasOneRowPerSurfaceRow() {
        double[][] matrix = SurfaceFeatures.matrix(List.of(PsiFeature.EPOCH, PsiFeature.LOSS_RATIO), List.of(ROW, ROW));

        assertArrayEquals(new double[][] {{1, 0.25}, {1, 0.25}}, matrix);
    }

    @Test
    void theControllerSeesTheRowsLossRatioAtTheStartOfItsEpoch() {
        // The trial of the row: ε₀ = 2 at step 0, the smoothed loss 0.5 after the last step of epoch 0.
        var model = Models.formula();
        var context = new ControllerContext(2, ROW.epochs(), SurfaceFeatures.task(ROW));
        var controller = new PsiController(model, context, Interval.EPOCH);
        double[] smoothed = {2.0, 0.5, 0.45};
        for (int step = 0; step < smoothed.length; step++) {
            var state = new TrainingState(step / 2, step, 2, ROW.epochs(), smoothed[step], smoothed[step], Double.NaN,
                    Double.NaN, Double.NaN);
            controller.beforeUpdate(state, StepSignals.NONE);
            controller.afterStep(state);
        }

        assertEquals(model.learningRate(SurfaceFeatures.values(model.features(), ROW)), controller.learningRate());
    }
}
