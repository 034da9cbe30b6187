package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both ways of taking an epoch's batches give the same rows in the same order; the choice follows size and
 * alignment.
 */
class BatchesTest {

    @Test
    void smallAlignedSetsAreCopiedPerEpochLargeOrMisalignedOnesGathered() {
        assertTrue(Batches.copies(new long[] {2000, 64}, 4, 16));
        assertTrue(Batches.copies(new long[] {300, 20}, 4, 64));
        // Fashion-MNIST: 188 MB.
        assertFalse(Batches.copies(new long[] {60000, 784}, 4, 128));
        // 10 rows of 20 floats are 800 bytes: slices of a copy would start off libtorch's 64-byte alignment.
        assertFalse(Batches.copies(new long[] {300, 20}, 4, 10));
        assertTrue(Batches.copies(new long[] {300, 1, 4, 4}, 4, 4));
    }

    @Test
    void copiesAndGathersTakeTheSameRowsInTheEpochsOrder() {
        try (NDManager manager = TorchRuntime.engine().newBaseManager()) {
            int rows = 37;
            float[] values = new float[rows * 20];
            for (int i = 0; i < values.length; i++) {
                values[i] = i * 0.25f;
            }
            NDArray features = manager.create(values, new Shape(rows, 20));
            NDArray targets = manager.arange(rows).toType(DataType.INT64, false).reshape(-1, 1);
            long[] order = new long[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = (i * 11L) % rows;
            }
            // Batch 4 (320 bytes) starts aligned in a copy; batch 3 (240 bytes) does not, so its batches are gathered,
            // by the program or, for autograd, by DJL. The copy too is gathered by the program, or for autograd by DJL.
            try (Batches copied = new Batches(manager, features, targets, 4, false);
                    Batches copiedByDjl = new Batches(manager, features, targets, 4, true);
                    Batches gatheredByProgram = new Batches(manager, features, targets, 3, false);
                    Batches gatheredByDjl = new Batches(manager, features, targets, 3, true)) {
                assertTrue(copied.copies());
                assertFalse(gatheredByProgram.copies());
                assertTrue(copiedByDjl.copies());
                copied.begin(order);
                copiedByDjl.begin(order);
                gatheredByProgram.begin(order);
                gatheredByDjl.begin(order);
                for (int from = 0; from < rows; from += 5) {
                    int to = Math.min(rows, from + 5);
                    try (NDScope scope = new NDScope()) {
                        float[] expected = copied.features(from, to).toFloatArray();
                        long[] labels = copied.targets(from, to).toLongArray();
                        for (Batches gathered : List.of(copiedByDjl, gatheredByProgram, gatheredByDjl)) {
                            NDArray batch = gathered.features(from, to);
                            assertArrayEquals(expected, batch.toFloatArray());
                            assertArrayEquals(labels, gathered.targets(from, to).toLongArray());
                            assertArrayEquals(new long[] {to - from, 20}, batch.getShape().getShape());
                        }
                        // The targets here are the row numbers: the batch is the epoch's order, not the stored one.
                        assertArrayEquals(java.util.Arrays.copyOfRange(order, from, to), labels);
                    }
                }
            }
        }
    }
}
