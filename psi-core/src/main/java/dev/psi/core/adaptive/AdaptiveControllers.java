package dev.psi.core.adaptive;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.spec.Arguments;
import dev.psi.core.spec.Echo;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the loss- and gradient-driven controllers and the wrappers from their specs:
 * <pre>
 *   BoldDriver(lr=0.1, increase=1.05, decrease=0.5, undo=false, min_lr=0, max_lr=none, monitor=train_loss|val_loss)
 *   SPS(c=0.5, max_lr=1.0, f_star=0, smooth=none)
 *   L4(alpha=0.15, gamma=0.9, tau=1e-3, gamma_0=0.75)
 *   Hypergradient(lr=0.01, beta=1e-4)
 *   Warmup(steps=N | epochs=N, start_factor=0.1, then=SPEC)
 *   Guard(then=SPEC, factor=0.5, max_recoveries=3, threshold=none)
 * </pre>
 * None of them takes {@code interval=}: each acts when its rule says, before every optimizer step
 * (SPS, L4, Hypergradient) or after every epoch (BoldDriver, Guard's threshold), and a wrapper's inner
 * controller takes its own. A spec that gives one is told so rather than that the key is unknown.
 */
public final class AdaptiveControllers {

    /** The most recoveries a {@code Guard} may make: the engine retries one epoch at most this many times. */
    static final int MAX_RECOVERIES = 20;


    /** Reads one controller's arguments, calls {@link Arguments#done()}, and builds it. */
    @FunctionalInterface
    private interface Factory {
        Controller create(Arguments args, ControllerContext context, Function<Spec, Controller> nested);
    }

    private static final String BOLD_DRIVER = "BoldDriver";
    private static final Range LR = Range.atLeast(0);
    private static final Map<String, Factory> FACTORIES = factories();

    private AdaptiveControllers() {
    }

    /** The spec names this class builds, in a stable order. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** Whether the named controller observes a metric after every epoch (only {@code BoldDriver}). */
    public static boolean observesMetric(String name) {
        return BOLD_DRIVER.equals(name);
    }

    /**
     * Builds the controller for one of {@link #names()}; reads every argument and calls
     * {@link Arguments#done()}.
     *
     * @param nested builds the controller of a wrapper's {@code then=...}
     * @throws SpecException if the name is not one of these or an argument is unknown, missing or out of range
     */
    public static Controller create(Arguments args, ControllerContext context, Function<Spec, Controller> nested) {
        Factory factory = FACTORIES.get(args.spec().name());
        if (factory == null) {
            throw new SpecException("unknown controller " + Echo.quote(args.spec().name()) + "; valid: "
                    + String.join(", ", names()));
        }
        return factory.create(args, context, nested);
    }

    private static Map<String, Factory> factories() {
        Map<String, Factory> factories = new LinkedHashMap<>();
        factories.put(BOLD_DRIVER, (args, context, nested) -> boldDriver(args));
        factories.put("SPS", (args, context, nested) -> polyak(args));
        factories.put("L4", (args, context, nested) -> l4(args));
        factories.put("Hypergradient", (args, context, nested) -> hypergradient(args));
        factories.put("Warmup", AdaptiveControllers::warmup);
        factories.put("Guard", (args, context, nested) -> guard(args, nested));
        return Collections.unmodifiableMap(factories);
    }

    private static Controller boldDriver(Arguments args) {
        double lr = args.number("lr", 0.1, Range.positive());
        var settings = new BoldDriver.Settings(
                args.number("increase", 1.05, Range.atLeast(1)),
                args.number("decrease", 0.5, Range.open(0, 1)),
                args.flag("undo", false),
                args.number("min_lr", 0, LR),
                args.optionalNumber("max_lr", Range.positive()).orElse(Double.POSITIVE_INFINITY),
                BoldDriver.Monitor.ofWord(args.choice("monitor", BoldDriver.Monitor.TRAIN_LOSS.word(),
                        BoldDriver.Monitor.TRAIN_LOSS.word(), BoldDriver.Monitor.VAL_LOSS.word())));
        done(args, "it acts after every epoch");
        if (settings.minLr() > settings.maxLr()) {
            throw args.error("min_lr=" + format(settings.minLr()) + " is above max_lr=" + format(settings.maxLr()));
        }
        if (lr < settings.minLr() || lr > settings.maxLr()) {
            throw args.error("lr=" + format(lr) + " is outside [min_lr, max_lr] = [" + format(settings.minLr()) + ", "
                    + format(settings.maxLr()) + "]");
        }
        return new BoldDriver(lr, settings);
    }

    private static Controller polyak(Arguments args) {
        var settings = new StochasticPolyakStep.Settings(
                args.number("c", 0.5, Range.positive()),
                args.number("max_lr", 1.0, Range.positive()),
                args.number("f_star", 0, Range.any()),
                args.optionalNumber("smooth", Range.atLeast(1)).orElse(Double.NaN));
        done(args, "it sets the rate before every optimizer step");
        return new StochasticPolyakStep(settings);
    }

    private static Controller l4(Arguments args) {
        var settings = new L4.Settings(
                args.number("alpha", 0.15, Range.openClosed(0, 1)),
                args.number("gamma", 0.9, Range.closed(0, 1)),
                args.number("tau", 1e-3, Range.closedOpen(0, 1)),
                args.number("gamma_0", 0.75, Range.closed(0, 1)));
        done(args, "it sets the rate before every optimizer step");
        return new L4(settings);
    }

    private static Controller hypergradient(Arguments args) {
        double lr = args.number("lr", 0.01, LR);
        double beta = args.number("beta", 1e-4, Range.positive());
        done(args, "it sets the rate before every optimizer step");
        return new Hypergradient(lr, beta);
    }

    private static Controller warmup(Arguments args, ControllerContext context, Function<Spec, Controller> nested) {
        Optional<Integer> steps = args.optionalInteger("steps", Range.atLeast(1));
        Optional<Integer> epochs = args.optionalInteger("epochs", Range.atLeast(1));
        double startFactor = args.number("start_factor", 0.1, Range.openClosed(0, 1));
        Spec then = args.nested("then");
        done(args, "it counts optimizer steps; give interval= to the controller in then=...");
        if (steps.isPresent() && epochs.isPresent()) {
            throw args.error("give steps=N or epochs=N, not both");
        }
        if (steps.isEmpty() && epochs.isEmpty()) {
            throw new SpecException(args.spec().name() + " needs steps=N or epochs=N");
        }
        long length = steps.isPresent() ? steps.get() : (long) epochs.get() * context.stepsPerEpoch();
        return new Warmup(nested.apply(then), length, startFactor);
    }

    private static Controller guard(Arguments args, Function<Spec, Controller> nested) {
        Spec then = args.nested("then");
        var settings = new Guard.Settings(
                args.number("factor", 0.5, Range.open(0, 1)),
                // At most the engine's retries of one epoch (RollBackPolicy.MAX_RETRIES in psi-train): a guard that
                // recovered beyond them would rewind its inner controller for an epoch the engine kept.
                args.integer("max_recoveries", 3, Range.closed(1, MAX_RECOVERIES)),
                args.optionalNumber("threshold", Range.atLeast(1)).orElse(Double.NaN));
        done(args, "give interval= to the controller in then=...");
        return new Guard(nested.apply(then), settings);
    }

    /**
     * Rejects {@code interval=} with the reason, then any other key that was not read. The interval is
     * checked without {@link Arguments#has}, which would list it among the valid keys.
     */
    private static void done(Arguments args, String reason) {
        if (args.spec().args().containsKey("interval")) {
            throw args.error("takes no interval=; " + reason);
        }
        args.done();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
