package dev.psi.train.engine;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training examples: a Fisher–Yates shuffle seeded by (seed, epoch)
 * alone, so that a trial restored to any epoch, or an epoch trained again after a roll-back, sees the same
 * order as one that never stopped.
 */
final class EpochOrder {

    private EpochOrder() {
    }

    /** The positions 0 … {@code count} − 1 in the order of {@code epoch} of a trial with {@code seed}. */
    static long[] of(long seed, int epoch, int count) {
        // SplittableRandom mixes its seed (MurmurHash3's finalizer), so nearby seeds give unrelated streams.
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        long[] order = new long[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
