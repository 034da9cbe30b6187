package dev.psi.train.task.family;

import dev.psi.core.spec.Spec;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What every generated task draws besides its data and model: the optimizer, the batch size and the epoch
 * budget. In a task's name they are its last three tokens, e.g. {@code sgdm-b64-e12}.
 *
 * <p>Drawn budgets keep a trial cheap: the epochs are drawn from 4 up to 30, but no further than
 * {@link #MAX_STEPS} optimizer steps allow, so a study over a suite stays feasible on a laptop; a small batch
 * on a large training set therefore gets fewer epochs. Explicit settings (a name, a suite file) may exceed it.
 *
 * @param optimizer the optimizer
 * @param batchSize examples per step, 1 or more (drawn from 16 to 512)
 * @param epochs the epoch budget, 1 or more (drawn from 4 to 30)
 */
public record TrainingSettings(OptimizerKind optimizer, int batchSize, int epochs) {

    /** The batch sizes a family draws from, uniformly. */
    public static final List<Integer> BATCH_SIZES = List.of(16, 32, 64, 128, 256, 512);
    public static final int MIN_EPOCHS = 4;
    public static final int MAX_EPOCHS = 30;
    /** The most optimizer steps a drawn budget allows (epochs are cut to fit, never below {@link #MIN_EPOCHS}). */
    public static final int MAX_STEPS = 4000;

    /** The optimizers a generated task uses, with their name tokens and specs. */
    public enum OptimizerKind {
        /** Plain SGD. */
        SGD("sgd", "SGD"),
        /** SGD with heavy-ball momentum 0.9. */
        SGD_MOMENTUM("sgdm", "SGD(momentum=0.9)"),
        /** Adam with PyTorch's defaults. */
        ADAM("adam", "Adam");

        private final String token;
        private final Spec spec;

        OptimizerKind(String token, String spec) {
            this.token = token;
            this.spec = Spec.parse(spec);
        }

        /** The word in task names: {@code sgd}, {@code sgdm} or {@code adam}. */
        public String token() {
            return token;
        }

        /** The optimizer spec the task carries. */
        public Spec spec() {
            return spec;
        }

        /** The kind whose token is {@code word}, or null. */
        static OptimizerKind of(String word) {
            for (OptimizerKind kind : values()) {
                if (kind.token.equals(word)) {
                    return kind;
                }
            }
            return null;
        }

        /** The valid tokens, for messages. */
        static String tokens() {
            return String.join(", ", List.of(SGD.token, SGD_MOMENTUM.token, ADAM.token));
        }
    }

    public TrainingSettings {
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("batch size and epochs must be >= 1, got " + batchSize + " and " + epochs);
        }
    }

    /**
     * Draws the settings of a task with {@code trainSize} training examples (0 when unknown: no step cap).
     */
    public static TrainingSettings draw(Random random, int trainSize) {
        OptimizerKind optimizer = OptimizerKind.values()[random.nextInt(OptimizerKind.values().length)];
        int batch = BATCH_SIZES.get(random.nextInt(BATCH_SIZES.size()));
        int most = MAX_EPOCHS;
        if (trainSize > 0) {
            int stepsPerEpoch = (trainSize + batch - 1) / batch;
            most = Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, MAX_STEPS / stepsPerEpoch));
        }
        int epochs = MIN_EPOCHS + random.nextInt(most - MIN_EPOCHS + 1);
        return new TrainingSettings(optimizer, batch, epochs);
    }

    /** The name tokens, e.g. {@code sgdm-b64-e12}. */
    public String token() {
        return String.format(Locale.ROOT, "%s-b%d-e%d", optimizer.token, batchSize, epochs);
    }
}
