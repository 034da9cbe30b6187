package dev.psi.lab.study;

import dev.psi.core.spec.Echo;
import dev.psi.core.spec.Spec;
import dev.psi.lab.search.Point;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.train.optim.Optimizers;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A method a study evaluates on its held-out tasks. Most are a fixed controller at the optimizer
 * family's standard rate, needing no tuning; the others are tuned per task (the searches, the oracle)
 * or learned once for all tasks (Ψ).
 */
public enum Method {
    /** Ψ as a closed form, {@code Psi(model=formula file)}. */
    PSI_FORMULA("psi-formula"),
    /** Ψ as a small network, {@code Psi(model=network file)}. */
    PSI_NETWORK("psi-network"),
    /** The oracle's branching search on the held-out task itself: the ceiling. */
    ORACLE("oracle"),
    /** Random search over rate and schedule family, then its best point on every seed. */
    RANDOM_SEARCH("random-search"),
    /** Successive halving over rate and schedule family, then its best point on every seed. */
    SUCCESSIVE_HALVING("successive-halving"),
    /** Population-based training, then its discovered per-epoch schedule replayed on every seed. */
    PBT("pbt"),
    /** {@code Constant} at the standard rate. */
    CONSTANT("constant"),
    /** {@code StepLR} at the standard rate, divided by 10 after each third of the budget. */
    STEP("step"),
    /** {@code CosineAnnealingLR} from the standard rate over the budget. */
    COSINE("cosine"),
    /** One epoch of warm-up, then cosine annealing. */
    WARMUP_COSINE("warmup-cosine"),
    /** {@code OneCycleLR} peaking at the standard rate. */
    ONE_CYCLE("one-cycle"),
    /** {@code ReduceLROnPlateau} on the validation loss, halving after one epoch without progress. */
    PLATEAU("plateau"),
    /** {@code BoldDriver}: grows the rate while the loss falls, halves it when it rises. */
    BOLD_DRIVER("bold-driver"),
    /** {@code SPS}: the stochastic Polyak step size, computed from the loss and the gradient norm. */
    SPS("sps"),
    /** Adam at PyTorch's default rate, constant. */
    ADAM("adam"),
    /** RMSprop at PyTorch's default rate, constant. */
    RMSPROP("rmsprop");

    private final String word;

    Method(String word) {
        this.word = word;
    }

    /** The name on the command line and in the results, e.g. {@code random-search}. */
    public String word() {
        return word;
    }

    /** Whether this method searches on each task before its evaluation runs. */
    boolean searched() {
        return this == RANDOM_SEARCH || this == SUCCESSIVE_HALVING || this == PBT;
    }

    /** The search strategy of a searched method, as {@link dev.psi.lab.search.SearchStrategies} names it. */
    String strategy() {
        return switch (this) {
            case RANDOM_SEARCH -> "random";
            case SUCCESSIVE_HALVING -> "halving";
            case PBT -> "pbt";
            default -> throw new IllegalStateException(word + " does not search");
        };
    }

    /** Whether this method is one fixed controller (and optimizer), untuned. */
    public boolean fixed() {
        return ordinal() >= CONSTANT.ordinal();
    }

    /** The optimizer a fixed method trains with: its own for Adam and RMSprop, else the task's. */
    Spec optimizer(Spec taskOptimizer) {
        return switch (this) {
            case ADAM -> Spec.parse("Adam()");
            case RMSPROP -> Spec.parse("RMSprop()");
            default -> taskOptimizer;
        };
    }

    /**
     * The controller spec of a fixed method over {@code epochs} epochs, at the standard rate of the
     * optimizer it trains with ({@link Optimizers#defaultLearningRate}).
     *
     * @throws IllegalStateException for a method that is not fixed
     */
    Spec controller(Spec taskOptimizer, int epochs) {
        String lr = Point.rateText(Optimizers.defaultLearningRate(optimizer(taskOptimizer)));
        String text = switch (this) {
            case CONSTANT, ADAM, RMSPROP -> ScheduleFamily.CONSTANT.spec(lr, epochs);
            case STEP -> ScheduleFamily.STEP.spec(lr, epochs);
            case COSINE -> ScheduleFamily.COSINE.spec(lr, epochs);
            case WARMUP_COSINE -> ScheduleFamily.WARMUP_COSINE.spec(lr, epochs);
            case ONE_CYCLE -> ScheduleFamily.ONE_CYCLE.spec(lr, epochs);
            // Patience 1: the study's budgets are a few epochs, PyTorch's default of 10 would never act.
            case PLATEAU -> "ReduceLROnPlateau(lr=" + lr + ",factor=0.5,patience=1)";
            case BOLD_DRIVER -> "BoldDriver(lr=" + lr + ")";
            case SPS -> "SPS()";
            default -> throw new IllegalStateException(word + " is not a fixed controller");
        };
        return Spec.parse(text);
    }

    /**
     * The method's name in the results: its word, or for a fixed method its controller spec, followed by
     * the optimizer when that is not the task's, e.g. {@code Constant(lr=0.001) / Adam()}.
     */
    String label(Spec taskOptimizer, int epochs) {
        if (!fixed()) {
            return word;
        }
        Spec optimizer = optimizer(taskOptimizer);
        String controller = controller(taskOptimizer, epochs).toString();
        return optimizer.equals(taskOptimizer) ? controller : controller + " / " + optimizer;
    }

    /**
     * The method called {@code word}.
     *
     * @throws IllegalArgumentException naming the valid words
     */
    public static Method of(String word) {
        String wanted = word.strip().toLowerCase(Locale.ROOT);
        for (Method method : values()) {
            if (method.word.equals(wanted)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown method " + Echo.quote(word) + "; valid: " + String.join(", ", words()));
    }

    /** Every method's word, in declaration order. */
    public static List<String> words() {
        return Arrays.stream(values()).map(Method::word).toList();
    }
}
