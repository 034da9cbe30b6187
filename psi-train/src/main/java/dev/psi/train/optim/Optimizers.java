package dev.psi.train.optim;

import ai.djl.ndarray.NDManager;
import dev.psi.core.spec.Arguments;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.List;

/**
 * Creates optimizers from specs with PyTorch's names, argument names and defaults:
 * {@code SGD(momentum=0, dampening=0, nesterov=false, weight_decay=0)},
 * {@code Adam(betas=[0.9,0.999], eps=1e-8, weight_decay=0, amsgrad=false)}, {@code AdamW(...)} (weight
 * decay 0.01), {@code RMSprop(alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=false)} and
 * {@code Adagrad(lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10)}.
 *
 * <p>The learning rate is not an optimizer argument: it is the controller's to decide, step by step.
 * {@link #defaultLearningRate(Spec)} gives PyTorch's default for the family, used when no controller
 * is named.
 */
public final class Optimizers {

    private static final List<String> NAMES = List.of("SGD", "Adam", "AdamW", "RMSprop", "Adagrad");

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
     * PyTorch's default learning rate of the family ({@code Adam}/{@code AdamW} 1e-3,
     * {@code RMSprop}/{@code Adagrad} 1e-2); SGD has none in PyTorch, and 0.1 is Psi's choice.
     */
    public static double defaultLearningRate(Spec spec) {
        switch (spec.name()) {
            case "Adam":
            case "AdamW":
                return 1e-3;
            case "RMSprop":
            case "Adagrad":
                return 1e-2;
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
            default:
                throw new SpecException("unknown optimizer '" + spec.name() + "'; valid: " + String.join(", ", NAMES));
        }
        return optimizer;
    }
}
