package dev.psi.lab.study;

import dev.psi.core.spec.Echo;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.spec.Spec;
import dev.psi.lab.fit.FitKind;
import dev.psi.lab.fit.PsiFitter;
import dev.psi.lab.search.Point;
import dev.psi.lab.search.ScheduleFamily;
import dev.psi.train.optim.Optimizers;
import dev.psi.train.task.TaskSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    /**
     * The ablation's Ψ(i): a closed form learned from the same surface with the epoch alone as input (i and i/E),
     * i.e. a learned schedule; against {@link #PSI_FORMULA} it measures what the loss adds.
     */
    PSI_EPOCH_FORMULA("psi-epoch-formula"),
    /** The ablation's Ψ(i) as a network. */
    PSI_EPOCH_NETWORK("psi-epoch-network"),
    /**
     * The ablation's Ψ(ε, i, task): a closed form with the task's features besides the loss and the epoch
     * (training-set size, parameter count, batch size and its fraction of the training set, adaptive optimizer or
     * not, the optimizer's effective step factor 1/(1 − momentum)).
     */
    PSI_TASK_FORMULA("psi-task-formula"),
    /** The ablation's Ψ(ε, i, task) as a network. */
    PSI_TASK_NETWORK("psi-task-network"),
    /**
     * Ψ(ε, i) relative to the task's scale: fitted to ln α − ln s, s the rate one learning-rate range test
     * (Smith 2017) suggests on each training task, and run as {@code Psi(model=FILE, scale=s)} with the held-out
     * task's own test, whose steps are its tuning cost. Ψ learns the shape, the task gives the scale; against
     * {@link #PSI_FORMULA} it measures whether that beats predicting α itself.
     */
    PSI_RELATIVE_FORMULA("psi-relative-formula"),
    /** The relative Ψ(ε, i) as a network. */
    PSI_RELATIVE_NETWORK("psi-relative-network"),
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
    /**
     * The first configuration of the list learned on the training tasks ({@link ConfigurationList}, after Metz
     * et al. 2020) from the training grid's configurations ({@link TrainingGrid}: the plan's fixed methods, each
     * at several scales): zero tuning on a new task, like Ψ.
     */
    LEARNED_LIST_1("learned-list-1"),
    /**
     * The list's first three configurations, each trained on the new task's tuning seeds; the one that reaches
     * the target first is trained on every evaluation seed. Its tuning cost is those 3 × seeds trials.
     */
    LEARNED_LIST_3("learned-list-3"),
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
    /**
     * {@code SPS}, the stochastic Polyak step size (Loizou et al. 2021), on plain {@code SGD()} as its authors run
     * it: momentum would multiply the Polyak step. f* is the task's known loss floor where it has one (the noisy
     * quadratic's noise variance), else 0, the interpolation assumption of the paper.
     */
    SPS("sps"),
    /** Adam at PyTorch's default rate, constant. */
    ADAM("adam"),
    /** RMSprop at PyTorch's default rate, constant. */
    RMSPROP("rmsprop"),
    /** DoG (Ivgi et al. 2023) at its reference's {@code lr=1}, constant: a parameter-free step size. */
    DOG("dog"),
    /**
     * Prodigy (Mishchenko and Defazio 2023) at {@code lr=1} with cosine annealing over the budget, as the
     * {@code prodigyopt} README recommends.
     */
    PRODIGY("prodigy"),
    /** Schedule-Free SGD (Defazio et al. 2024) at its reference's {@code lr=1}, constant: it needs no schedule. */
    SCHEDULE_FREE_SGD("schedule-free-sgd"),
    /**
     * Schedule-Free AdamW at its reference's {@code lr=0.0025}, constant; the winner of AlgoPerf's self-tuning
     * track.
     */
    SCHEDULE_FREE_ADAMW("schedule-free-adamw"),
    /** Hypergradient descent (Baydin et al. 2018) from the standard rate, on the task's optimizer. */
    HYPERGRADIENT("hypergradient"),
    /** L4 (Rolínek and Martius 2018) at its default α = 0.15, on the task's optimizer (L4Mom for momentum SGD). */
    L4("l4");

    /** How a label writes the standard rate of the task's optimizer, α₀. */
    static final String STANDARD_RATE = "α₀";

    /** What the label of a fixed method whose scale was calibrated ends with. */
    static final String CALIBRATED = "(calibrated)";

    private final String word;

    Method(String word) {
        this.word = word;
    }

    /** The name on the command line and in the results, e.g. {@code random-search}. */
    public String word() {
        return word;
    }

    /** The inputs of the ablation's Ψ(i). */
    private static final List<PsiFeature> EPOCH_ONLY = List.of(PsiFeature.EPOCH, PsiFeature.EPOCH_FRACTION);
    /** The inputs of the ablation's Ψ(ε, i, task): the question's, and what a task spec and its data tell. */
    private static final List<PsiFeature> WITH_TASK = List.of(PsiFeature.LOG_LOSS_RATIO, PsiFeature.EPOCH,
            PsiFeature.EPOCH_FRACTION, PsiFeature.LOG_DATASET_SIZE, PsiFeature.LOG_PARAMETER_COUNT,
            PsiFeature.LOG_BATCH_SIZE, PsiFeature.LOG_BATCH_FRACTION, PsiFeature.ADAPTIVE_OPTIMIZER,
            PsiFeature.LOG_EFFECTIVE_STEP);

    /** Whether this method trains with a fitted Ψ, {@code Psi(model=FILE)}. */
    boolean psi() {
        return ordinal() <= PSI_RELATIVE_NETWORK.ordinal();
    }

    /** Whether this Ψ predicts rates relative to the scale a range test measures on each task. */
    boolean relative() {
        return this == PSI_RELATIVE_FORMULA || this == PSI_RELATIVE_NETWORK;
    }

    /** What kind of model a Ψ method fits: a closed form or a network. */
    FitKind psiKind() {
        return switch (this) {
            case PSI_FORMULA, PSI_EPOCH_FORMULA, PSI_TASK_FORMULA, PSI_RELATIVE_FORMULA -> FitKind.FORMULA;
            case PSI_NETWORK, PSI_EPOCH_NETWORK, PSI_TASK_NETWORK, PSI_RELATIVE_NETWORK -> FitKind.NETWORK;
            default -> throw new IllegalStateException(word + " is not a Ψ");
        };
    }

    /** The features a Ψ method's model is a function of. */
    List<PsiFeature> psiFeatures() {
        return switch (this) {
            case PSI_FORMULA, PSI_NETWORK, PSI_RELATIVE_FORMULA, PSI_RELATIVE_NETWORK -> PsiFitter.DEFAULT_FEATURES;
            case PSI_EPOCH_FORMULA, PSI_EPOCH_NETWORK -> EPOCH_ONLY;
            case PSI_TASK_FORMULA, PSI_TASK_NETWORK -> WITH_TASK;
            default -> throw new IllegalStateException(word + " is not a Ψ");
        };
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

    /** Whether the method's knob may take {@code scale} times its textbook value: L4's α is at most 1. */
    boolean accepts(double scale) {
        return this != L4 || Calibration.scaled(0.15, scale) <= 1;
    }

    /** Whether a fixed method trains with an optimizer of its own rather than the task's. */
    boolean bringsOptimizer() {
        return switch (this) {
            case ADAM, RMSPROP, SPS, DOG, PRODIGY, SCHEDULE_FREE_SGD, SCHEDULE_FREE_ADAMW -> true;
            default -> false;
        };
    }

    /** The optimizer a fixed method trains with: its own for those that bring one, else the task's. */
    Spec optimizer(Spec taskOptimizer) {
        return switch (this) {
            case ADAM -> Spec.parse("Adam()");
            case RMSPROP -> Spec.parse("RMSprop()");
            case SPS -> Spec.parse("SGD()");
            case DOG -> Spec.parse("DoG()");
            case PRODIGY -> Spec.parse("Prodigy()");
            case SCHEDULE_FREE_SGD -> Spec.parse("ScheduleFreeSGD()");
            case SCHEDULE_FREE_ADAMW -> Spec.parse("ScheduleFreeAdamW()");
            default -> taskOptimizer;
        };
    }

    /** The controller spec of a fixed method on {@code task} over {@code epochs} epochs, at its textbook scale. */
    Spec controller(TaskSpec task, int epochs) {
        return controller(task, epochs, 1);
    }

    /**
     * The controller spec of a fixed method on {@code task} over {@code epochs} epochs, with its one scale knob
     * set to {@code scale} times its textbook value: the rate for a schedule or an optimizer that brings its own
     * step size (the standard rate of the optimizer it trains with, {@link Optimizers#defaultLearningRate}, and
     * the multiplier {@code lr} of DoG, Prodigy and Schedule-Free), the initial rate of hypergradient descent,
     * 1/c for SPS (its step is the Polyak step divided by c, default c = 0.5) and α for L4 (its step is α times
     * L4's own, default 0.15). Scale 1 gives the textbook default.
     *
     * @throws IllegalStateException for a method that is not fixed
     */
    Spec controller(TaskSpec task, int epochs, double scale) {
        String lr = Point.rateText(Calibration.scaled(Optimizers.defaultLearningRate(optimizer(task.optimizer())),
                scale));
        String fStar = task.data().lossFloor().isPresent()
                ? "f_star=" + Point.rateText(Calibration.scaled(task.data().lossFloor().getAsDouble(), 1)) : null;
        return Spec.parse(text(scale, lr, family -> family.spec(lr, epochs), fStar));
    }

    /**
     * The controller's text at {@code scale}: {@code lr} its rate, {@code schedule} how a schedule family is written
     * (over a budget, or symbolically), {@code fStar} SPS's floor argument or {@code null}.
     */
    private String text(double scale, String lr, Function<ScheduleFamily, String> schedule, String fStar) {
        return switch (this) {
            case CONSTANT, ADAM, RMSPROP, DOG, SCHEDULE_FREE_SGD, SCHEDULE_FREE_ADAMW ->
                    schedule.apply(ScheduleFamily.CONSTANT);
            case STEP -> schedule.apply(ScheduleFamily.STEP);
            case COSINE, PRODIGY -> schedule.apply(ScheduleFamily.COSINE);
            case WARMUP_COSINE -> schedule.apply(ScheduleFamily.WARMUP_COSINE);
            case ONE_CYCLE -> schedule.apply(ScheduleFamily.ONE_CYCLE);
            // Patience 1: the study's budgets are a few epochs, PyTorch's default of 10 would never act.
            case PLATEAU -> "ReduceLROnPlateau(lr=" + lr + ",factor=0.5,patience=1)";
            case BOLD_DRIVER -> "BoldDriver(lr=" + lr + ")";
            case SPS -> sps(scale, fStar);
            case HYPERGRADIENT -> "Hypergradient(lr=" + lr + ")";
            case L4 -> "L4(" + arguments(scale == 1 ? null : "alpha=" + Point.rateText(Calibration.scaled(0.15, scale)))
                    + ")";
            default -> throw new IllegalStateException(word + " is not a fixed controller");
        };
    }

    /** SPS's spec at {@code scale}, with {@code fStar} ({@code f_star=...}) when not null. */
    private static String sps(double scale, String fStar) {
        return "SPS(" + arguments(scale == 1 ? null : "c=" + Point.rateText(Calibration.scaled(0.5, 1 / scale)), fStar)
                + ")";
    }

    /** The non-null arguments, comma-separated. */
    private static String arguments(String... arguments) {
        return Arrays.stream(arguments).filter(Objects::nonNull).collect(Collectors.joining(","));
    }

    /**
     * The method's name in the results: its word, or for a fixed method its controller at {@code scale}, followed
     * by the optimizer when that is not the task's, e.g. {@code Constant(lr=0.001) / Adam()}, and by
     * {@code (calibrated)} when the scale was chosen on the training tasks rather than the textbook's. A row is one
     * method across the held-out tasks, so its name may not depend on the task: the epoch budget is written
     * {@code E}, a rate on the task's own optimizer as a multiple of that optimizer's standard rate α₀ (SGD 0.1,
     * Adam 0.001: {@code CosineAnnealingLR(lr=10α₀,T_max=E)}), SPS's f* (the task's floor) stays out, and a method
     * that brings its own optimizer always names it, even on a task that happens to train with the same one.
     */
    String label(TaskSpec task, double scale, boolean calibrated) {
        if (!fixed()) {
            return word;
        }
        Spec optimizer = optimizer(task.optimizer());
        String lr = bringsOptimizer()
                ? Point.rateText(Calibration.scaled(Optimizers.defaultLearningRate(optimizer), scale))
                : (scale == 1 ? "" : Point.rateText(Calibration.scaled(1, scale))) + STANDARD_RATE;
        String controller = text(scale, lr, family -> family.symbolic(lr), null);
        String label = bringsOptimizer() ? controller + " / " + optimizer : controller;
        return calibrated ? label + " " + CALIBRATED : label;
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
