package dev.psi.lab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.psi.core.Controllers;
import dev.psi.core.adaptive.AdaptiveControllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.controller.TrainingState;
import dev.psi.core.psi.Expression;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.PsiController;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.schedule.Schedules;
import dev.psi.lab.model.PsiControllerProvider;
import dev.psi.lab.model.PsiModelFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controllers psi-lab makes survive the checkpoint a killed trial resumes from: serialized after an
 * epoch and read back, a replayed {@link RateSchedule} (and the learned {@code Psi} of a model file)
 * continues exactly as the original, the same rate at every later step.
 */
class EpochRatesSerializationTest {

    private static final int STEPS_PER_EPOCH = 3;
    private static final int EPOCHS = 8;
    private static final ControllerContext CONTEXT = new ControllerContext(STEPS_PER_EPOCH, EPOCHS,
            new TaskFeatures(60000, 203530, 128, "SGD"));

    @TempDir
    Path dir;

    @Test
    void aReplayedScheduleContinuesExactlyAfterSerialization() {
        RateSchedule schedule = new RateSchedule(List.of(0.1, 0.05, 0.2, 0.025, 0.0125));

        assertContinuesExactly(schedule.controller());
        assertEquals(schedule, roundTrip(schedule));
    }

    @Test
    void psiOfAModelFileContinuesExactlyAfterSerialization() {
        Path file = dir.resolve("psi.json");
        PsiModelFile.write(file, FormulaModel.of(Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2"),
                FitInfo.of(1e-3, 0.5, Map.of(PsiFeature.LOSS_RATIO, new double[] {0.01, 1},
                        PsiFeature.EPOCH, new double[] {0, 9}))));

        for (String interval : List.of("epoch", "step")) {
            Controller psi = Controllers.create("Psi(model=" + file + ",interval=" + interval + ")", CONTEXT);
            assertInstanceOf(PsiController.class, psi);
            assertContinuesExactly(psi);
        }
    }

    /** psi-core's test covers the controllers it registers; the ones psi-lab adds are covered here. */
    @Test
    void psiIsTheOnlyControllerPsiLabAdds() {
        List<String> added = new ArrayList<>(Controllers.names());
        added.removeAll(Schedules.names());
        added.removeAll(AdaptiveControllers.names());

        assertEquals(List.of(PsiControllerProvider.NAME), added,
                "a controller added here needs a serialization case in this test");
    }

    /**
     * Drives the controller for three epochs as the engine does, serializes it, and drives original and
     * copy through the same five further epochs, comparing the rate of every step.
     */
    private static void assertContinuesExactly(Controller original) {
        for (int epoch = 0; epoch < 3; epoch++) {
            runEpoch(original, null, epoch);
        }
        Controller copy = roundTrip(original);
        assertNotSame(original, copy);
        assertEquals(original.learningRate(), copy.learningRate());
        for (int epoch = 3; epoch < EPOCHS; epoch++) {
            runEpoch(original, copy, epoch);
        }
    }

    private static void runEpoch(Controller original, Controller copy, int epoch) {
        for (int k = 0; k < STEPS_PER_EPOCH; k++) {
            long step = (long) epoch * STEPS_PER_EPOCH + k;
            double loss = 2.0 / (1 + 0.3 * step) * (1 + 0.1 * Math.sin(step));
            TrainingState before = state(epoch, step, loss);
            TrainingState after = state(epoch, step + 1, loss);
            original.beforeUpdate(before, StepSignals.NONE);
            original.afterStep(after);
            if (copy != null) {
                copy.beforeUpdate(before, StepSignals.NONE);
                copy.afterStep(after);
                assertEquals(original.learningRate(), copy.learningRate(), "epoch " + epoch + ", step " + k);
            }
        }
        double epochLoss = 2.0 / (1 + epoch);
        TrainingState end = new TrainingState(epoch, (epoch + 1L) * STEPS_PER_EPOCH, STEPS_PER_EPOCH, EPOCHS,
                epochLoss, epochLoss, epochLoss, epochLoss * 1.1, 0.5);
        original.afterEpoch(end);
        if (copy != null) {
            copy.afterEpoch(end);
            assertEquals(original.learningRate(), copy.learningRate(), "after epoch " + epoch);
        }
    }

    private static TrainingState state(int epoch, long step, double loss) {
        return new TrainingState(epoch, step, STEPS_PER_EPOCH, EPOCHS, loss, loss, Double.NaN, Double.NaN, Double.NaN);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new AssertionError("not serializable: " + e, e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("cannot be read back: " + e, e);
        }
    }
}
