package dev.psi.core.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.spec.Spec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class TaskFeaturesTest {

    private static double step(String optimizer) {
        return TaskFeatures.effectiveStep(Spec.parse(optimizer));
    }

    @Test
    void plainSgdAndAdaptiveOptimizersStepOnce() {
        assertEquals(1, step("SGD()"));
        assertEquals(1, step("Adam()"));
        assertEquals(1, step("ScheduleFreeSGD(momentum=0.9)"));
        assertEquals(1, step("RMSprop()"));
    }

    @Test
    void heavyBallMomentumSumsAGradientsStepsToOneOverOneMinusMu() {
        // PyTorch's SGD: b = μ·b + (1 − dampening)·g, θ −= α·b; a constant g moves θ by α·g·(1 − d)/(1 − μ) a step.
        assertEquals(1 / (1 - 0.9), step("SGD(momentum=0.9)"));
        assertEquals(1 / (1 - 0.9), step("SGD(momentum=0.9,nesterov=true)"));
        assertEquals(0.5 / (1 - 0.9), step("SGD(momentum=0.9,dampening=0.5)"));
        assertEquals(2, step("RMSprop(momentum=0.5)"));
    }

    @Test
    void aMomentumThatNeverForgetsHasNoKnownStep() {
        assertEquals(0, step("SGD(momentum=1)"));
    }

    @Test
    void ofTakesTheFamilyAndStepFromTheOptimizerSpec() {
        TaskFeatures features = TaskFeatures.of(1000, 50, 32, Spec.parse("SGD(momentum=0.5)"));

        assertEquals(new TaskFeatures(1000, 50, 32, "SGD", 2), features);
    }

    @Test
    void withoutAnOptimizerTheStepIsUnknown() {
        assertEquals(0, new TaskFeatures(1000, 50, 32, "SGD").effectiveStep());
        assertThrows(IllegalArgumentException.class, () -> new TaskFeatures(1, 1, 1, "SGD", Double.NaN));
    }

    @Test
    void readsBackFromJavaSerialization() throws Exception {
        TaskFeatures features = TaskFeatures.of(1000, 50, 32, Spec.parse("SGD(momentum=0.9)"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(features);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(features, in.readObject());
        }
    }
}
