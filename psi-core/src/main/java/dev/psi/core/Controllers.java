package dev.psi.core;

import dev.psi.core.adaptive.AdaptiveControllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.TrainingState;
import dev.psi.core.schedule.Schedules;
import dev.psi.core.spec.Arguments;
import dev.psi.core.spec.Echo;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.core.spec.SpecValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import java.util.stream.DoubleStream;

/**
 * The entry point to learning-rate controllers: builds one from its spec, e.g.
 * {@code Controllers.create("StepLR(lr=0.1,step_size=30)", context)}, and traces a schedule for
 * {@code psi schedule}.
 *
 * <p>Each controller name maps to a {@link Factory}; adding a built-in controller is adding one line to
 * {@link #registry()}, and other modules add theirs through a {@link ControllerProvider}.
 */
public final class Controllers {

    /** Builds one kind of controller from its spec. */
    @FunctionalInterface
    public interface Factory {

        /**
         * Reads every argument the controller knows, then calls {@link Arguments#done()}, and builds it.
         *
         * @param args the spec's arguments
         * @param context what is known of the run the controller will drive
         * @param nested builds a controller from a nested spec, e.g. a wrapper's {@code then=...}
         */
        Controller create(Arguments args, ControllerContext context, Function<Spec, Controller> nested);
    }

    /** A registered controller; {@code observesMetric} says it needs a metric on every tick of a trace. */
    private record Entry(Factory factory, boolean observesMetric) {
    }

    private static final Map<String, Entry> REGISTRY = registry();

    private Controllers() {
    }

    private static Map<String, Entry> registry() {
        Map<String, Entry> registry = new LinkedHashMap<>();
        for (String name : Schedules.names()) {
            registry.put(name, new Entry((args, context, nested) -> Schedules.create(args, context),
                    Schedules.observesMetric(name)));
        }
        for (String name : AdaptiveControllers.names()) {
            registry.put(name, new Entry(AdaptiveControllers::create, AdaptiveControllers.observesMetric(name)));
        }
        for (ControllerProvider provider : ServiceLoader.load(ControllerProvider.class)) {
            provider.controllers().forEach((name, factory) -> {
                if (registry.putIfAbsent(name, new Entry(factory, false)) != null) {
                    throw new IllegalStateException("controller " + name + " of " + provider.getClass().getName()
                            + " is already defined");
                }
            });
        }
        return Collections.unmodifiableMap(registry);
    }

    /** The names of all controllers, in a stable order. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /**
     * Parses and builds a controller.
     *
     * @throws SpecException if the spec is malformed or invalid; the message names the wrong word
     */
    public static Controller create(String specText, ControllerContext context) {
        return create(Spec.parse(specText), context);
    }

    /**
     * Builds a controller from a parsed spec.
     *
     * @throws SpecException if the name is unknown or an argument is unknown, missing or out of range
     */
    public static Controller create(Spec spec, ControllerContext context) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(context, "context");
        Entry entry = REGISTRY.get(spec.name());
        if (entry == null) {
            throw new SpecException("unknown controller " + Echo.quote(spec.name()) + "; valid: " + String.join(", ", names()));
        }
        return entry.factory().create(Arguments.of(spec), context, nested -> create(nested, context));
    }

    /**
     * The learning rates of {@code psi schedule SPEC --steps N [--metrics m0,...]}: value {@code k} is
     * the rate in force at tick {@code k}, value 0 the rate right after construction. One tick is one
     * {@code step()} of the PyTorch scheduler whatever the spec's interval: the controller sees one
     * optimizer step and then one epoch end. Metric {@code k} is observed in the tick after value
     * {@code k} (as {@code scheduler.step(metric)} after epoch {@code k}): the state of that tick holds
     * it as every loss and as the validation accuracy.
     *
     * @param steps the number of values, at least 1
     * @param metricsOrNull the metrics; a controller that observes one (ReduceLROnPlateau) needs
     *     {@code steps - 1} of them, others ignore them
     * @throws IllegalArgumentException if {@code steps < 1} or there are fewer metrics than needed
     * @throws SpecException if the spec is invalid
     */
    public static double[] trace(Spec spec, ControllerContext context, int steps, double[] metricsOrNull) {
        DoubleStream.Builder rates = DoubleStream.builder();
        trace(spec, context, steps, metricsOrNull, rates);
        return rates.build().toArray();
    }

    /**
     * The same learning rates as {@link #trace(Spec, ControllerContext, int, double[])}, handed to
     * {@code sink} one by one as they are computed, so that a long trace needs no memory for its values.
     */
    public static void trace(Spec spec, ControllerContext context, int steps, double[] metricsOrNull, DoubleConsumer sink) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        Controller controller = create(spec, context);
        if (!controller.signals().isEmpty()) {
            throw new IllegalArgumentException(spec.name() + " sets the rate from each batch's loss and gradient, which "
                    + "a trace cannot supply: train with it (psi train) to see its rates");
        }
        int given = metricsOrNull == null ? 0 : metricsOrNull.length;
        if (observesMetric(spec) && given < steps - 1) {
            throw new IllegalArgumentException(spec.name() + " observes a metric after every tick: " + steps
                    + " steps need " + (steps - 1) + " metrics (--metrics m0,m1,...), got " + given);
        }
        sink.accept(controller.learningRate());
        for (int k = 0; k + 1 < steps; k++) {
            double metric = k < given ? metricsOrNull[k] : Double.NaN;
            var state = new TrainingState(k, k + 1L, 1, steps - 1, metric, metric, metric, metric, metric);
            controller.afterStep(state);
            controller.afterEpoch(state);
            sink.accept(controller.learningRate());
        }
    }

    /** Whether the spec, or a spec nested in it, names a controller that observes a metric. */
    private static boolean observesMetric(Spec spec) {
        Entry entry = REGISTRY.get(spec.name());
        if (entry != null && entry.observesMetric()) {
            return true;
        }
        for (SpecValue value : spec.args().values()) {
            List<SpecValue> items = value instanceof SpecValue.ListOf list ? list.items() : List.of(value);
            for (SpecValue item : items) {
                if (item instanceof SpecValue.Nested nested && observesMetric(nested.spec())) {
                    return true;
                }
            }
        }
        return false;
    }
}
