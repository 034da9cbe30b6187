package dev.psi.train.optim;

import ai.djl.ndarray.NDManager;
import dev.psi.core.spec.Arguments;
import dev.psi.core.spec.Echo;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.List;

/**
 * Creates optimizers from specs with PyTorch's names, argument names and defaults:
 * {@code SGD(momentum=0, dampening=0, nesterov=false, weight_decay=0)},
 * {@code Adam(betas=[0.9,0.999], eps=1e-8, weight_decay=0, amsgrad=false)}, {@code AdamW(...)} (weight
 * decay 0.01), {@code RMSprop(alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=false)} and
 * {@code Adagrad(lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10)}; and the
 * optimizers that change the update rule, with their reference implementations' names and defaults:
 * {@code DoG(r_epsilon=1e-6, weight_decay=0)},
 * {@code Prodigy(betas=[0.9,0.999], beta3=sqrt(beta2), d0=1e-6, d_coef=1, weight_decay=0, decouple=true,
 * use_bias_correction=false, safeguard_warmup=false, eps=1e-8)},
 * {@code ScheduleFreeSGD(momentum=0.9, warmup_steps=0, r=0, weight_lr_power=2, weight_decay=0)} and
 * {@code ScheduleFreeAdamW(betas=[0.9,0.999], eps=1e-8, warmup_steps=0, r=0, weight_lr_power=2,
 * weight_decay=0)}.
 *
 * <p>The learning rate is not an optimizer argument: it is the controller's to decide, step by step.
 * For DoG, Prodigy and Schedule-Free it is the multiplier their references call {@code lr}, so any
 * controller can still scale them. {@link #defaultLearningRate(Spec)} gives the family's default, used
 * when no controller is named.
 */
public final class Optimizers {

    private static final List<String> NAMES = List.of("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "DoG", "Prodigy",
            "ScheduleFreeSGD", "ScheduleFreeAdamW");

    private Optimizers() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /** Checks a spec without creating tensors; throws {@link SpecException} when it is not valid. */
    public static void validate(Spec spec) {
        build(spec, null);
    }

    /** Creates the optimizer; its state tensors live in a sub-manager of {@code manager}. */
    public static Optimizer create(Spec spec, NDManager manager) {
        if (manager == null) {
            throw new IllegalArgumentException("manager is null");
        }
        return build(spec, manager);
    }

    /**
     * The family's default learning rate. PyTorch's for its optimizers ({@code Adam}/{@code AdamW} 1e-3,
     * {@code RMSprop}/{@code Adagrad} 1e-2); SGD has none in PyTorch, and 0.1 is Psi's choice. For the
     * others, the default {@code lr} of the reference implementation, which there multiplies the
     * method's own step size: {@code DoG} 1 ({@code formll/dog}), {@code Prodigy} 1 ({@code prodigyopt}),
     * {@code ScheduleFreeSGD} 1 ({@code SGDScheduleFree}) and {@code ScheduleFreeAdamW} 0.0025
     * ({@code AdamWScheduleFree}).
     */
    public static double defaultLearningRate(Spec spec) {
        switch (spec.name()) {
            case "Adam":
            case "AdamW":
                return 1e-3;
            case "RMSprop":
            case "Adagrad":
                return 1e-2;
            case "DoG":
            case "Prodigy":
            case "ScheduleFreeSGD":
                return 1.0;
            case "ScheduleFreeAdamW":
                return 2.5e-3;
            default:
                return 0.1;
        }
    }

    private static Optimizer build(Spec spec, NDManager manager) {
        Arguments args = Arguments.of(spec);
        if (args.has("lr")) {
            throw new SpecException(spec.name() + ": the learning rate belongs to the controller, not the optimizer; "
                    + "write it there, e.g. --controller 'Constant(lr=0.01)'");
        }
        Range nonNegative = Range.atLeast(0);
        Optimizer optimizer;
        switch (spec.name()) {
            case "SGD": {
                double momentum = args.number("momentum", 0, nonNegative);
                double dampening = args.number("dampening", 0, nonNegative);
                boolean nesterov = args.flag("nesterov", false);
                double weightDecay = args.number("weight_decay", 0, nonNegative);
                args.done();
                if (nesterov && (momentum <= 0 || dampening != 0)) {
                    throw args.error("nesterov=true requires momentum > 0 and dampening=0");
                }
                optimizer = manager == null ? null : new Sgd(manager, momentum, dampening, nesterov, weightDecay);
                break;
            }
            case "Adam":
            case "AdamW": {
                boolean decoupled = spec.name().equals("AdamW");
                List<Double> betas = args.numbers("betas", List.of(0.9, 0.999), Range.closedOpen(0, 1));
                double eps = args.number("eps", 1e-8, nonNegative);
                double weightDecay = args.number("weight_decay", decoupled ? 1e-2 : 0, nonNegative);
                boolean amsgrad = args.flag("amsgrad", false);
                args.done();
                if (betas.size() != 2) {
                    throw args.error("betas must be a list of two numbers such as [0.9,0.999], got " + betas.size());
                }
                optimizer = manager == null ? null
                        : new Adam(manager, betas.get(0), betas.get(1), eps, weightDecay, decoupled, amsgrad);
                break;
            }
            case "RMSprop": {
                double alpha = args.number("alpha", 0.99, nonNegative);
                double eps = args.number("eps", 1e-8, nonNegative);
                double weightDecay = args.number("weight_decay", 0, nonNegative);
                double momentum = args.number("momentum", 0, nonNegative);
                boolean centered = args.flag("centered", false);
                args.done();
                optimizer = manager == null ? null : new RmsProp(manager, alpha, eps, weightDecay, momentum, centered);
                break;
            }
            case "Adagrad": {
                double lrDecay = args.number("lr_decay", 0, nonNegative);
                double weightDecay = args.number("weight_decay", 0, nonNegative);
                double initial = args.number("initial_accumulator_value", 0, nonNegative);
                double eps = args.number("eps", 1e-10, nonNegative);
                args.done();
                optimizer = manager == null ? null : new Adagrad(manager, lrDecay, weightDecay, initial, eps);
                break;
            }
            case "DoG": {
                double relativeEpsilon = args.number("r_epsilon", 1e-6, Range.positive());
                double weightDecay = args.number("weight_decay", 0, nonNegative);
                args.done();
                optimizer = manager == null ? null : new DoG(manager, relativeEpsilon, weightDecay);
                break;
            }
            case "Prodigy": {
                List<Double> betas = betas(args);
                double beta3 = args.number("beta3", Math.sqrt(betas.get(1)), Range.closedOpen(0, 1));
                double d0 = args.number("d0", 1e-6, Range.positive());
                double dCoef = args.number("d_coef", 1, Range.positive());
                double weightDecay = args.number("weight_decay", 0, nonNegative);
                boolean decouple = args.flag("decouple", true);
                boolean biasCorrection = args.flag("use_bias_correction", false);
                boolean safeguardWarmup = args.flag("safeguard_warmup", false);
                double eps = args.number("eps", 1e-8, Range.positive());
                args.done();
                optimizer = manager == null ? null : new Prodigy(manager, betas.get(0), betas.get(1), beta3, d0, dCoef,
                        weightDecay, decouple, biasCorrection, safeguardWarmup, eps);
                break;
            }
            case "ScheduleFreeSGD": {
                double momentum = args.number("momentum", 0.9, Range.open(0, 1));
                int warmupSteps = args.integer("warmup_steps", 0, nonNegative);
                double r = args.number("r", 0, nonNegative);
                double weightLrPower = args.number("weight_lr_power", 2, nonNegative);
                double weightDecay = args.number("weight_decay", 0, nonNegative);
                args.done();
                optimizer = manager == null ? null
                        : new ScheduleFreeSgd(manager, momentum, warmupSteps, r, weightLrPower, weightDecay);
                break;
            }
            case "ScheduleFreeAdamW": {
                List<Double> betas = betas(args);
                double eps = args.number("eps", 1e-8, nonNegative);
                int warmupSteps = args.integer("warmup_steps", 0, nonNegative);
                double r = args.number("r", 0, nonNegative);
                double weightLrPower = args.number("weight_lr_power", 2, nonNegative);
                double weightDecay = args.number("weight_decay", 0, nonNegative);
                args.done();
                optimizer = manager == null ? null : new ScheduleFreeAdamW(manager, betas.get(0), betas.get(1), eps,
                        warmupSteps, r, weightLrPower, weightDecay);
                break;
            }
            default:
                throw new SpecException("unknown optimizer " + Echo.quote(spec.name()) + "; valid: " + String.join(", ", NAMES));
        }
        return optimizer;
    }

    /**
     * {@code betas=[β₁,β₂]}, each in [0, 1), checked as soon as read: other defaults derive from β₂
     * (Prodigy's β₃ = √β₂).
     */
    private static List<Double> betas(Arguments args) {
        List<Double> betas = args.numbers("betas", List.of(0.9, 0.999), Range.closedOpen(0, 1));
        if (betas.size() != 2) {
            throw args.error("betas must be a list of two numbers such as [0.9,0.999], got " + betas.size());
        }
        return betas;
    }
}
