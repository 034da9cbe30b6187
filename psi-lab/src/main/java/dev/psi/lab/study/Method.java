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
    /**
     * Random search: the plan's {@link StudyPlan#searchTrials() budget} of points drawn log-uniform over the
     * space of {@link Searches} (rate over 3 decades, every schedule family, for SGD momentum 0 or 0.9), each
     * trained on both tuning seeds, the best by time to target; its best point is trained on every evaluation
     * seed. Cost: budget × 2 trials × the epoch budget.
     */
    RANDOM_SEARCH("random-search"),
    /**
     * Successive halving (η = 3) over the same space and budget, each point on both tuning seeds, rungs cut by
     * time to target (else the latest validation loss); its best point on every evaluation seed. Cost: every
     * epoch trained on both seeds, pruned runs included.
     */
    SUCCESSIVE_HALVING("successive-halving"),
    /**
     * Population-based training as PBT: on every evaluation seed a population of
     * {@link StudyPlan#pbtPopulation()} members trains, exploiting and exploring as Ray Tune does (bottom quartile
     * copies a top-quartile member, rate ×0.5/×2 or resampled), and the seed's run is the curve of the member
     * that ends best by time to target. Cost per new task: one PBT run, population × epochs (the winner's own
     * epochs included, nothing subtracted), the mean over evaluation seeds.
     */
    PBT("pbt"),
    /**
     * Hyperband (η = 3): whole iterations of halving brackets over the same space until the budget of points has
     * started, each point on both tuning seeds, judged by time to target; its best point on every evaluation seed.
     */
    HYPERBAND("hyperband"),
    /**
     * The genetic search (Jenetics) over the same space, the fitness of a point its time to target over both
     * tuning seeds; generations run until the budget of points has started.
     */
    GENETIC_SEARCH("genetic-search"),
    /**
     * AlgoPerf's external tuning ruleset: 5 quasi-random (Halton) points of a fixed space that does not depend on
     * the task (rate in [standard / 10, standard × 10], cosine or warm-up cosine, for SGD momentum 0 or 0.9),
     * each on both tuning seeds, the best by time to target; its best point on every evaluation seed. Cost:
     * 5 × 2 trials × the epoch budget.
     */
    ALGOPERF_5("algoperf-5"),
    /**
     * Ray Tune's "PBT replay": PBT with the same population on the tuning seeds (every member on both), then the
     * per-epoch rates of the winner replayed from scratch on every evaluation seed. Cost: population × 2 trials.
     */
    PBT_REPLAY("pbt-replay"),
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
        return this == RANDOM_SEARCH || this == SUCCESSIVE_HALVING || this == PBT || this == HYPERBAND
                || this == GENETIC_SEARCH || this == ALGOPERF_5 || this == PBT_REPLAY;
    }

    /** The search strategy of a searched method, as {@link dev.psi.lab.search.SearchStrategies} names it. */
    String strategy() {
        return switch (this) {
            case RANDOM_SEARCH -> "random";
            case SUCCESSIVE_HALVING -> "halving";
            case PBT, PBT_REPLAY -> "pbt";
            case HYPERBAND -> "hyperband";
            case GENETIC_SEARCH -> "genetic";
            case ALGOPERF_5 -> "quasi-random";
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
