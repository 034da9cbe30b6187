package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.psi.train.optim.OptimizerState;
import dev.psi.train.optim.TensorCopy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedLayoutTest {

    /** The small bench case's MLP 64-64-10. */
    private static final PackedLayout MLP = new PackedLayout(List.of(new Shape(64, 64), new Shape(64),
            new Shape(10, 64), new Shape(10)));

    /** A packed tensor of two parts, 2 and 3 values long: 1, 2 from offset 0 and 3, 4, 5 from offset 16. */
    private static float[] oneTwoThenThreeFourFive() {
        float[] flat = new float[32];
        flat[0] = 1;
        flat[1] = 2;
        flat[16] = 3;
        flat[17] = 4;
        flat[18] = 5;
        return flat;
    }

    @Test
    void everyPartStartsOnA64ByteBoundary() {
        assertEquals(0, MLP.offset(0));
        assertEquals(4096, MLP.offset(1));
        assertEquals(4160, MLP.offset(2));
        assertEquals(4800, MLP.offset(3));
        assertEquals(4816, MLP.length());
    }

    @Test
    void partsOfAlignedSizeLieBackToBack() {
        assertEquals(48, new PackedLayout(List.of(new Shape(2, 8), new Shape(32))).length());
    }

    @Test
    void viewsShareTheFlatTensorsValues() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            PackedLayout layout = new PackedLayout(List.of(new Shape(2, 3), new Shape(3)));
            NDArray flat = manager.zeros(new Shape(layout.length()));
            List<NDArray> views = layout.views(flat);
            assertEquals(new Shape(2, 3), views.get(0).getShape());
            assertEquals(new Shape(3), views.get(1).getShape());
            views.get(0).addi(1);
            views.get(1).addi(2);
            float[] expected = new float[32];
            Arrays.fill(expected, 0, 6, 1);
            Arrays.fill(expected, 16, 19, 2);
            assertArrayEquals(expected, flat.toFloatArray());
            flat.muli(3);
            assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3}, views.get(0).toFloatArray());
        }
    }

    @Test
    void packPutsEachPartAtItsOffsetAndUnpackTakesItBack() {
        PackedLayout layout = new PackedLayout(List.of(new Shape(1, 2), new Shape(3)));
        List<TensorCopy> parts = List.of(new TensorCopy(new long[] {1, 2}, new float[] {1, 2}),
                new TensorCopy(new long[] {3}, new float[] {3, 4, 5}));
        TensorCopy packed = layout.pack(parts);
        assertArrayEquals(new long[] {32}, packed.shape());
        assertArrayEquals(oneTwoThenThreeFourFive(), packed.values());
        List<TensorCopy> unpacked = layout.unpack(packed);
        for (int i = 0; i < parts.size(); i++) {
            assertArrayEquals(parts.get(i).shape(), unpacked.get(i).shape());
            assertArrayEquals(parts.get(i).values(), unpacked.get(i).values());
        }
    }

    @Test
    void packRefusesPartsOfAnotherLayout() {
        PackedLayout layout = new PackedLayout(List.of(new Shape(3)));
        assertThrows(IllegalArgumentException.class,
                () -> layout.pack(List.of(new TensorCopy(new long[] {1, 3}, new float[3]))));
        assertThrows(IllegalArgumentException.class, () -> layout.pack(List.of()));
    }

    @Test
    void anOptimizerStateOnTheFlatTensorUnpacksIntoEachPartsBuffersAndPacksBack() {
        PackedLayout layout = new PackedLayout(List.of(new Shape(2), new Shape(1, 3)));
        float[] flat = oneTwoThenThreeFourFive();
        TensorCopy[] slots = {new TensorCopy(new long[] {32}, flat), null};
        OptimizerState packed = new OptimizerState(7, List.<TensorCopy[]>of(slots), new double[] {0.5});
        OptimizerState parts = layout.unpack(packed);
        assertEquals(7, parts.steps());
        assertArrayEquals(new double[] {0.5}, parts.scalars());
        assertEquals(2, parts.buffers().size());
        assertArrayEquals(new float[] {1, 2}, parts.buffers().get(0)[0].values());
        assertArrayEquals(new long[] {1, 3}, parts.buffers().get(1)[0].shape());
        assertArrayEquals(new float[] {3, 4, 5}, parts.buffers().get(1)[0].values());
        assertNull(parts.buffers().get(0)[1]);
        assertNull(parts.buffers().get(1)[1]);
        OptimizerState again = layout.pack(parts);
        assertEquals(1, again.buffers().size());
        assertArrayEquals(flat, again.buffers().get(0)[0].values());
        assertNull(again.buffers().get(0)[1]);
    }

    @Test
    void aStateBeforeTheFirstStepStaysAsItIs() {
        OptimizerState none = new OptimizerState(0, List.of(), new double[0]);
        assertSame(none, MLP.pack(none));
        assertSame(none, MLP.unpack(none));
    }

    @Test
    void packRefusesAStateWithABufferForSomePartsOnly() {
        PackedLayout layout = new PackedLayout(List.of(new Shape(2), new Shape(3)));
        List<TensorCopy[]> buffers = List.of(new TensorCopy[] {new TensorCopy(new long[] {2}, new float[2])},
                new TensorCopy[] {null});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layout.pack(new OptimizerState(1, buffers, new double[0])));
        assertEquals("the optimizer state has buffer 0 for some tensors only", e.getMessage());
    }

    @Test
    void packRefusesAStateOfAnotherModel() {
        List<TensorCopy[]> buffers = List.<TensorCopy[]>of(
                new TensorCopy[] {new TensorCopy(new long[] {2}, new float[2])});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MLP.pack(new OptimizerState(1, buffers, new double[0])));
        assertEquals("the optimizer state has buffers for 1 tensors, the layout 4", e.getMessage());
    }

    @Test
    void unpackRefusesATensorOfAnotherLength() {
        assertThrows(IllegalArgumentException.class,
                () -> MLP.unpack(new TensorCopy(new long[] {4810}, new float[4810])));
    }
}
