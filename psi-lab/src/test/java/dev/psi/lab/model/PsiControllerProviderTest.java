package dev.psi.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.Interval;
import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.psi.PsiController;
import dev.psi.core.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Psi(model=FILE)} through the controller registry, found with the ServiceLoader on psi-lab's classpath. */
class PsiControllerProviderTest {

    private static final ControllerContext CONTEXT = new ControllerContext(4, 10,
            new TaskFeatures(60000, 203530, 128, "SGD"));

    @TempDir
    Path dir;

    private Path modelFile() {
        Path file = dir.resolve("psi.json");
        PsiModelFile.write(file, Models.formula());
        return file;
    }

    private static String error(String spec) {
        return assertThrows(SpecException.class, () -> Controllers.create(spec, CONTEXT)).getMessage();
    }

    @Test
    void psiIsARegisteredControllerName() {
        assertTrue(Controllers.names().contains("Psi"), Controllers.names().toString());
    }

    @Test
    void specBuildsTheControllerOfTheFile() {
        Controller controller = Controllers.create("Psi(model=" + modelFile() + ")", CONTEXT);

        PsiController psi = assertInstanceOf(PsiController.class, controller);
        assertEquals(Models.formula(), psi.model());
        assertEquals(Interval.EPOCH, psi.interval());
        assertEquals(0.3, psi.learningRate());
    }

    @Test
    void aQuotedModelPathMayHoldSpacesAndPluses() throws Exception {
        Path file = Files.createDirectories(dir.resolve("jane doe+1")).resolve("psi model.json");
        PsiModelFile.write(file, Models.formula());

        Controller controller = Controllers.create("Psi(model='" + file + "')", CONTEXT);

        assertEquals(Models.formula(), assertInstanceOf(PsiController.class, controller).model());
    }

    @Test
    void aScaleMultipliesTheRates() {
        Controller controller = Controllers.create("Psi(model=" + modelFile() + ",scale=0.5)", CONTEXT);

        assertEquals(0.5, ((PsiController) controller).scale());
        assertEquals(0.15, controller.learningRate());
    }

    @Test
    void aScaleOfZeroIsRefused() {
        assertTrue(error("Psi(model=" + modelFile() + ",scale=0)").contains("scale"));
    }

    @Test
    void intervalMayBeStep() {
        Controller controller = Controllers.create("Psi(model=" + modelFile() + ",interval=step)", CONTEXT);

        assertEquals(Interval.STEP, ((PsiController) controller).interval());
    }

    @Test
    void intervalIsEpochOrStep() {
        assertEquals("Psi: interval=batch is not valid; valid: epoch, step",
                error("Psi(model=" + modelFile() + ",interval=batch)"));
    }

    @Test
    void modelIsRequired() {
        assertEquals("Psi needs model=...", error("Psi"));
    }

    @Test
    void unknownArgumentsListTheValidOnes() {
        assertEquals("Psi has no argument 'lr'; valid: model, interval, scale", error("Psi(model=" + modelFile() + ",lr=0.1)"));
    }

    @Test
    void aMissingModelFileIsOneLine() {
        Path missing = dir.resolve("missing.json");

        assertEquals("Psi: model file " + missing + " not found", error("Psi(model=" + missing + ")"));
    }

    @Test
    void psiNestsInAWrapper() {
        Controller controller = Controllers.create("Warmup(steps=2,then=Psi(model=" + modelFile() + "))", CONTEXT);

        assertEquals(0.3 * 0.1, controller.learningRate());
    }
}
