package dev.psi.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.ArrayList;
import java.util.List;

/** What the optimizer tests share: stepping with host-side gradients, and the snapshot round trip. */
final class OptimizerTesting {

    private OptimizerTesting() {
    }

    /** One step with these gradients and rate, its temporaries freed; returns the directions' values. */
    static float[][] step(Optimizer optimizer, List<NDArray> parameters, double learningRate, float[]... gradients) {
        try (NDScope scope = new NDScope()) {
            List<NDArray> g = new ArrayList<>(gradients.length);
            for (int i = 0; i < gradients.length; i++) {
                g.add(parameters.get(i).getManager().create(gradients[i], parameters.get(i).getShape()));
            }
            List<NDArray> directions = optimizer.directions(parameters, g);
            float[][] values = new float[directions.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = directions.get(i).toFloatArray();
            }
            optimizer.apply(parameters, directions, learningRate);
            return values;
        }
    }

    /** The values of buffer {@code slot} of the parameter at {@code position}, from a snapshot. */
    static float[] buffer(Optimizer optimizer, int position, int slot) {
        return optimizer.snapshot().buffers().get(position)[slot].values();
    }

    static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + "[" + i + "]");
        }
    }

    static void assertSpecError(String spec, String message) {
        SpecException error = assertThrows(SpecException.class, () -> Optimizers.validate(Spec.parse(spec)));
        assertEquals(message, error.getMessage());
    }

    /**
     * Two steps, a snapshot, a detour (a different step, and an evaluation swap), a restore with the
     * parameters of the snapshot's time, then two more steps: the same values, bit for bit, as four
     * steps taken straight.
     */
    static void assertSnapshotReplays(NDManager manager, String spec) {
        float[][][] gradients = {
            {{0.5f, -1, 2}, {0.25f, -0.5f, 1, 2}},
            {{-3, 0.25f, 1}, {1, 1, -2, 0.5f}},
            {{1, 2, -1}, {-0.75f, 0.5f, 0.5f, -1}},
            {{0.5f, 0.5f, 0.5f}, {2, -1, 0.25f, 0.125f}},
        };
        float[][] detour = {{10, -10, 10}, {-5, 5, -5, 5}};
        double[] rates = {0.1, 0.05, 0.2, 0.1};
        List<NDArray> detoured = parameters(manager);
        List<NDArray> straight = parameters(manager);
        try (Optimizer first = Optimizers.create(Spec.parse(spec), manager);
                Optimizer second = Optimizers.create(Spec.parse(spec), manager)) {
            for (int t = 0; t < 2; t++) {
                step(first, detoured, rates[t], gradients[t]);
            }
            OptimizerState state = first.snapshot();
            List<TensorCopy> atSnapshot = new ArrayList<>();
            detoured.forEach(p -> atSnapshot.add(TensorCopy.of(p)));
            step(first, detoured, 0.5, detour);
            first.beginEvaluation(detoured);
            first.restore(state);
            for (int i = 0; i < detoured.size(); i++) {
                atSnapshot.get(i).copyInto(detoured.get(i));
            }
            for (int t = 2; t < 4; t++) {
                step(first, detoured, rates[t], gradients[t]);
            }
            for (int t = 0; t < 4; t++) {
                step(second, straight, rates[t], gradients[t]);
            }
            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i).toFloatArray(), detoured.get(i).toFloatArray(),
                        spec + " parameter " + i);
            }
            assertArrayEquals(second.snapshot().scalars(), first.snapshot().scalars(), spec + " scalars");
        } finally {
            detoured.forEach(NDArray::close);
            straight.forEach(NDArray::close);
        }
    }

    private static List<NDArray> parameters(NDManager manager) {
        return new ArrayList<>(List.of(manager.create(new float[] {1, 2, 3}),
                manager.create(new float[] {0.5f, -1, 2, 0.25f}, new Shape(2, 2))));
    }
}
