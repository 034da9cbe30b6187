package dev.psi.train.task.family;

import java.util.List;
import java.util.Random;

/**
 * The random choices of a family. Each (family, seed) pair gets its own stream, scrambled with the SplitMix64
 * finalizer, so that seeds 1 and 2 of one family, or seed 1 of two families, draw unrelated tasks; and
 * {@link Random} is specified bit for bit, so a (family, seed) pair draws the same task on every JVM.
 */
final class Draws {

    /** Validation and test examples of every generated synthetic task: enough to measure, cheap to evaluate. */
    static final int HELD_OUT = 1000;

    private Draws() {
    }

    /** The stream of {@code seed} in {@code family}. */
    static Random random(String family, long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seeds of generated tasks must be >= 0, got " + seed);
        }
        long z = seed + (family.hashCode() + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /** One of {@code choices}, uniformly. */
    static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
