package dev.psi.core.psi;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.spec.Echo;
import dev.psi.core.spec.SpecException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The inputs Ψ may be a function of: the loss, the epoch, and descriptors of the task (DESIGN.md, "Fit
 * Ψ"). Each has a name, used in formulas and model files, and computes its value from a
 * {@link PsiState}. Logarithms are natural. A value that cannot be known (a task size of 0, meaning
 * unknown, or an epoch fraction without a budget) is {@code NaN}, which the {@link PsiController}
 * treats as outside the fitted range.
 */
public enum PsiFeature {

    /** ε_i / ε₀. */
    LOSS_RATIO {
        @Override
        public double value(PsiState state) {
            return state.lossRatio();
        }
    },
    /** ln(ε_i / ε₀). */
    LOG_LOSS_RATIO {
        @Override
        public double value(PsiState state) {
            return Math.log(state.lossRatio());
        }
    },
    /** i, fractional when Ψ is asked on every step. */
    EPOCH {
        @Override
        public double value(PsiState state) {
            return state.epoch();
        }
    },
    /** i / E, E the epoch budget. */
    EPOCH_FRACTION {
        @Override
        public double value(PsiState state) {
            return state.epochs() == 0 ? Double.NaN : state.epoch() / state.epochs();
        }
    },
    /** ln of the number of training examples. */
    LOG_DATASET_SIZE {
        @Override
        public double value(PsiState state) {
            return logOfKnown(state.task().datasetSize());
        }
    },
    /** ln of the number of model parameters. */
    LOG_PARAMETER_COUNT {
        @Override
        public double value(PsiState state) {
            return logOfKnown(state.task().parameterCount());
        }
    },
    /** ln of the batch size. */
    LOG_BATCH_SIZE {
        @Override
        public double value(PsiState state) {
            return logOfKnown(state.task().batchSize());
        }
    },
    /**
     * 1 for an optimizer that scales each coordinate by its own gradient history (and so wants rates
     * orders of magnitude below SGD's), 0 for the others.
     */
    ADAPTIVE_OPTIMIZER {
        @Override
        public double value(PsiState state) {
            String family = state.task().optimizerFamily();
            if (family.isEmpty()) {
                return Double.NaN;
            }
            return ADAPTIVE_FAMILIES.contains(family) ? 1 : 0;
        }
    },
    /**
     * ln(B / N), the batch as a fraction of the training set: the gradient noise of a step falls as B grows
     * towards N, and the rate that noise allows grows with it (linear scaling, Goyal et al. 2017).
     */
    LOG_BATCH_FRACTION {
        @Override
        public double value(PsiState state) {
            TaskFeatures task = state.task();
            return task.batchSize() == 0 || task.datasetSize() == 0 ? Double.NaN
                    : Math.log((double) task.batchSize() / task.datasetSize());
        }
    },
    /**
     * ln of the optimizer's effective step factor ({@link TaskFeatures#effectiveStep(dev.psi.core.spec.Spec)}:
     * 1/(1 − μ) for momentum μ, 1 for plain SGD and Adam), so that a Ψ can learn that SGD with μ = 0.9 wants a rate
     * ten times smaller.
     */
    LOG_EFFECTIVE_STEP {
        @Override
        public double value(PsiState state) {
            double factor = state.task().effectiveStep();
            return factor == 0 ? Double.NaN : Math.log(factor);
        }
    };

    /** The optimizer spec names {@link #ADAPTIVE_OPTIMIZER} counts as adaptive. */
    public static final Set<String> ADAPTIVE_FAMILIES =
            Set.of("Adam", "AdamW", "RMSprop", "Adagrad", "Prodigy", "ScheduleFreeAdamW");

    private static final List<PsiFeature> ALL = List.of(values());

    /** This feature's value in the given state. */
    public abstract double value(PsiState state);

    /** The name in formulas and model files, e.g. {@code log_loss_ratio}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All features in declaration order, the order of {@link #ordinal()}. */
    public static List<PsiFeature> all() {
        return ALL;
    }

    /** The names of all features, comma-separated, for error messages. */
    public static String words() {
        return ALL.stream().map(PsiFeature::word).collect(Collectors.joining(", "));
    }

    /**
     * The feature with this name.
     *
     * @throws SpecException if there is none; the message lists the valid names
     */
    public static PsiFeature ofWord(String word) {
        for (PsiFeature feature : ALL) {
            if (feature.word().equals(word)) {
                return feature;
            }
        }
        throw new SpecException("unknown feature " + Echo.quote(word) + "; valid: " + words());
    }

    /** Whether {@code word} names a feature. */
    public static boolean isWord(String word) {
        return ALL.stream().anyMatch(feature -> feature.word().equals(word));
    }

    /** The values of {@code features} in the given state, in that order. */
    public static double[] values(List<PsiFeature> features, PsiState state) {
        double[] out = new double[features.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = features.get(k).value(state);
        }
        return out;
    }

    private static double logOfKnown(long size) {
        return size == 0 ? Double.NaN : Math.log(size);
    }
}
