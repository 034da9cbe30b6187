package dev.psi.train.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded choices of examples: train subsets, held-out validation parts, and the independent random
 * streams the generators draw from.
 *
 * <p>Every choice is a pure function of (seed, stream), so the same seed gives the same split on
 * every machine and every JDK ({@link Random} is specified bit for bit). Streams keep the uses of one
 * seed independent: the validation hold-out and the train subset of a trial do not share draws.
 */
final class Sampling {

    static final long HOLD_OUT = 1;
    static final long TRAIN_SUBSET = 2;
    static final long VALIDATION_SUBSET = 3;
    static final long TRAIN_EXAMPLES = 4;
    static final long VALIDATION_EXAMPLES = 5;
    static final long TEACHER = 6;
    static final long TEST_EXAMPLES = 7;
    static final long TEST_HOLD_OUT = 8;
    static final long LABEL_NOISE = 9;
    /** Seed of the choices that must be the same for every trial of a task: the held-out test and validation parts. */
    static final long TASK_SEED = 0;

    private Sampling() {
    }

    /**
     * A generator for one stream of one seed. The seed is scrambled with the SplitMix64 finalizer
     * because {@link Random} seeded with nearby values gives correlated first draws.
     */
    static Random random(long seed, long stream) {
        long z = seed + (stream + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /**
     * {@code k} of the indices {@code 0..n-1}, in increasing order: the first {@code k} of a seeded
     * permutation. Taking a prefix makes subsets nested: with one seed, the 1000 examples chosen for
     * {@code k = 1000} are among the 2000 chosen for {@code k = 2000}, so runs that vary only the
     * training set size differ only in the added examples.
     */
    static int[] choose(int n, int k, long seed, long stream) {
        int[] chosen = Arrays.copyOf(permutation(n, random(seed, stream)), k);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * The training examples a trial uses: all of them when {@code trainSize == 0}, else a seeded
     * subset of {@code trainSize}.
     *
     * @param source names the data in error messages, e.g. a file or "Fashion-MNIST"
     */
    static Examples trainSubset(Examples train, int trainSize, long seed, String source) {
        checkSize(trainSize, train.count(), "train", source);
        return trainSize == 0 || trainSize == train.count()
                ? train
                : train.subset(choose(train.count(), trainSize, seed, TRAIN_SUBSET));
    }

    /** Like {@link #trainSubset} for the validation part, with its own stream. */
    static Examples validationSubset(Examples validation, int valSize, long seed, String source) {
        checkSize(valSize, validation.count(), "validation", source);
        return valSize == 0 || valSize == validation.count()
                ? validation
                : validation.subset(choose(validation.count(), valSize, seed, VALIDATION_SUBSET));
    }

    /**
     * Holds out a seeded {@code fraction} of {@code all} (rounded to the nearest whole example) as the
     * validation part; the rest is the training part. Both keep the original order.
     */
    static DataSplit holdOut(Examples all, double fraction, long seed, String source) {
        Examples[] parts = split(all, fraction, seed, HOLD_OUT, "validation", source);
        return new DataSplit(parts[0], parts[1]);
    }

    /**
     * Splits {@code all} into the rest and a held-out {@code fraction} of it, chosen by (seed, stream); both
     * keep the original order.
     *
     * @return the rest, then the held-out part
     */
    static Examples[] split(Examples all, double fraction, long seed, long stream, String part, String source) {
        int[][] rows = splitRows(all.count(), fraction, seed, stream, part, source);
        return new Examples[] {all.subset(rows[0]), all.subset(rows[1])};
    }

    /** The row indices {@link #split} takes: the rest, then the held-out part, each in increasing order. */
    static int[][] splitRows(int n, double fraction, long seed, long stream, String part, String source) {
        int heldOut = (int) Math.round(fraction * n);
        if (heldOut < 1 || heldOut >= n) {
            throw new DataException(source + " has " + n + " examples: " + part + " fraction " + fraction
                    + " leaves " + (heldOut < 1 ? "no " + part : "no training") + " examples");
        }
        int[] order = permutation(n, random(seed, stream));
        int[] held = Arrays.copyOfRange(order, 0, heldOut);
        int[] rest = Arrays.copyOfRange(order, heldOut, n);
        Arrays.sort(held);
        Arrays.sort(rest);
        return new int[][] {rest, held};
    }

    /**
     * {@code size} of {@code rows} (all when 0), chosen by (seed, stream) as {@link #choose} does, in
     * increasing order.
     */
    static int[] subsetRows(int[] rows, int size, long seed, long stream, String part, String source) {
        checkSize(size, rows.length, part, source);
        if (size == 0 || size == rows.length) {
            return rows;
        }
        int[] chosen = choose(rows.length, size, seed, stream);
        int[] subset = new int[size];
        for (int i = 0; i < size; i++) {
            subset[i] = rows[chosen[i]];
        }
        return subset;
    }

    /**
     * The split of a user's data: first the test part, a {@code testFraction} of {@code all} chosen by the task
     * seed, so the same for every trial (none when 0); then the validation part, {@code validation} if given,
     * else a {@code validationFraction} of the rest chosen by the trial's seed; then the trial's training subset.
     */
    static DataSplit partition(Examples all, Examples validation, double validationFraction, double testFraction,
            int trainSize, long seed, String source) {
        Examples pool = all;
        Examples test = Examples.none(all.featureShape(), all.numClasses());
        if (testFraction > 0) {
            Examples[] parts = split(all, testFraction, TASK_SEED, TEST_HOLD_OUT, "test", source);
            pool = parts[0];
            test = parts[1];
        }
        DataSplit split = validation == null ? holdOut(pool, validationFraction, seed, source)
                : new DataSplit(pool, validation);
        return new DataSplit(trainSubset(split.train(), trainSize, seed, source), split.validation(), test);
    }

    /**
     * {@code examples} with a {@code fraction} of their labels, drawn by the trial {@code seed}, replaced by
     * another class chosen uniformly: label noise of that rate. Each example is hit independently, so the
     * count of wrong labels is binomial around {@code fraction * count}; features are shared, not copied.
     */
    static Examples flipLabels(Examples examples, double fraction, long seed) {
        if (fraction == 0) {
            return examples;
        }
        Random random = random(seed, LABEL_NOISE);
        int classes = examples.numClasses();
        float[] targets = examples.targets().clone();
        for (int k = 0; k < targets.length; k++) {
            if (random.nextDouble() < fraction) {
                int other = random.nextInt(classes - 1);
                targets[k] = other >= (int) targets[k] ? other + 1 : other;
            }
        }
        return new Examples(examples.count(), examples.featureShape(), examples.features(), targets, classes);
    }

    /** Checks a requested size against what is available: 0 means all. */
    static void checkSize(int size, int available, String part, String source) {
        if (size < 0) {
            throw new DataException(part + " size must be >= 0 (0 = all), got " + size);
        }
        if (size > available) {
            throw new DataException(part + " size " + size + " is more than the " + available + " " + part
                    + " examples of " + source);
        }
    }
}
