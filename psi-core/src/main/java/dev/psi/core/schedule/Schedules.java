package dev.psi.core.schedule;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.Interval;
import dev.psi.core.spec.Arguments;
import dev.psi.core.spec.Echo;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.core.spec.SpecValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds controllers for the PyTorch 1.13 learning-rate schedulers (and Psi's {@code Constant}) from
 * their specs, e.g. {@code StepLR(lr=0.1,step_size=30,gamma=0.1)}.
 *
 * <p>Argument names and defaults are PyTorch's. {@code lr} is the lr the PyTorch optimizer would be
 * built with (default 0.1); {@code CyclicLR} and {@code OneCycleLR} set it themselves and take none,
 * and the schedulers inside {@code SequentialLR}/{@code ChainedScheduler} share the container's.
 * Every top-level spec also takes {@code interval=step|epoch}: OneCycleLR and CyclicLR (and containers
 * holding one) tick after every optimizer step by default, the others after every epoch.
 * {@code ReduceLROnPlateau} ticks after every epoch with the value named by
 * {@code monitor=val_loss|val_accuracy|train_loss}.
 */
public final class Schedules {

    /** The lr a spec's optimizer gets when it gives none. */
    static final double DEFAULT_LR = 0.1;

    private static final String PLATEAU = "ReduceLROnPlateau";
    private static final String SEQUENTIAL = "SequentialLR";
    private static final String CHAINED = "ChainedScheduler";
    /** Schedules that PyTorch practice steps after every batch rather than every epoch. */
    private static final Set<String> PER_STEP = Set.of("OneCycleLR", "CyclicLR");
    private static final Range LR = Range.atLeast(0);
    private static final Range FACTOR = Range.openClosed(0, 1);
    private static final Range MOMENTUM = Range.closed(0, 1);

    /** Reads one scheduler's arguments (but does not call {@code done()}) and builds it. */
    @FunctionalInterface
    private interface Factory {
        Scheduler create(Arguments args, Build build);
    }

    private static final Map<String, Factory> FACTORIES = factories();
    private static final List<String> NAMES = names(FACTORIES);

    private Schedules() {
    }

    /** The spec names this class builds, in a stable order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The schedulers, with ReduceLROnPlateau (built apart: it is no {@link Scheduler}) before the containers. */
    private static List<String> names(Map<String, Factory> factories) {
        List<String> names = new ArrayList<>(factories.keySet());
        names.add(names.indexOf(SEQUENTIAL), PLATEAU);
        return List.copyOf(names);
    }

    /** Whether the named schedule observes a metric on every tick (only {@code ReduceLROnPlateau}). */
    public static boolean observesMetric(String name) {
        return PLATEAU.equals(name);
    }

    /**
     * Builds the controller for a top-level schedule spec; reads every argument and calls
     * {@link Arguments#done()}.
     *
     * @throws SpecException if the name is not a schedule or an argument is unknown, missing or out of range
     */
    public static Controller create(Arguments args, ControllerContext context) {
        String name = args.spec().name();
        if (PLATEAU.equals(name)) {
            return plateau(args);
        }
        Factory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new SpecException("unknown schedule " + Echo.quote(name) + "; valid: " + String.join(", ", names()));
        }
        Scheduler scheduler = factory.create(args, new Build(context, null, null));
        Interval natural = naturalInterval(args.spec());
        Interval interval = args.choice("interval", natural.word(), "step", "epoch").equals("step")
                ? Interval.STEP
                : Interval.EPOCH;
        args.done();
        return new ScheduleController(scheduler, interval);
    }

    private static Controller plateau(Arguments args) {
        ParamGroup group = new ParamGroup(args.number("lr", DEFAULT_LR, LR));
        Monitor monitor = Monitor.ofWord(args.choice("monitor", Monitor.VAL_LOSS.word(), Monitor.words()));
        // Accuracy improves upwards; defaulting to PyTorch's mode=min there would cut the lr on success.
        String mode = args.choice("mode", monitor == Monitor.VAL_ACCURACY ? "max" : "min", "min", "max");
        var settings = new ReduceLROnPlateau.Settings(
                mode.equals("max"),
                args.number("factor", 0.1, Range.open(0, 1)),
                args.integer("patience", 10, Range.atLeast(0)),
                args.number("threshold", 1e-4, Range.atLeast(0)),
                args.choice("threshold_mode", "rel", "rel", "abs").equals("rel"),
                args.integer("cooldown", 0, Range.atLeast(0)),
                args.number("min_lr", 0, LR),
                args.number("eps", 1e-8, Range.atLeast(0)));
        args.choice("interval", "epoch", "epoch");
        args.done();
        return new PlateauController(new ReduceLROnPlateau(group, settings), monitor);
    }

    /**
     * One factory per scheduler. Arguments are read in PyTorch's order after {@code lr}; Java evaluates
     * constructor arguments left to right, so that is also the order in which error messages list them.
     */
    private static Map<String, Factory> factories() {
        Map<String, Factory> factories = new LinkedHashMap<>();
        factories.put("Constant", (args, build) -> new Constant(build.group(args)));
        factories.put("StepLR", (args, build) -> new StepLR(
                build.group(args),
                args.integer("step_size", Range.atLeast(1)),
                args.number("gamma", 0.1, Range.positive())));
        factories.put("MultiStepLR", (args, build) -> new MultiStepLR(
                build.group(args),
                required(args, args.integers("milestones", null, Range.atLeast(0)), "milestones=[m1,m2,...]"),
                args.number("gamma", 0.1, Range.positive())));
        factories.put("ConstantLR", (args, build) -> new ConstantLR(
                build.group(args),
                args.number("factor", 1.0 / 3, FACTOR),
                args.integer("total_iters", 5, Range.atLeast(1))));
        factories.put("LinearLR", (args, build) -> new LinearLR(
                build.group(args),
                args.number("start_factor", 1.0 / 3, FACTOR),
                args.number("end_factor", 1.0, Range.closed(0, 1)),
                args.integer("total_iters", 5, Range.atLeast(1))));
        factories.put("ExponentialLR", (args, build) -> new ExponentialLR(
                build.group(args),
                args.number("gamma", Range.positive())));
        factories.put("PolynomialLR", (args, build) -> new PolynomialLR(
                build.group(args),
                args.integer("total_iters", 5, Range.atLeast(1)),
                args.number("power", 1.0, Range.atLeast(0))));
        factories.put("CosineAnnealingLR", (args, build) -> new CosineAnnealingLR(
                build.group(args),
                args.integer("T_max", Range.atLeast(1)),
                args.number("eta_min", 0, LR)));
        factories.put("CosineAnnealingWarmRestarts", (args, build) -> new CosineAnnealingWarmRestarts(
                build.group(args),
                args.integer("T_0", Range.atLeast(1)),
                args.integer("T_mult", 1, Range.atLeast(1)),
                args.number("eta_min", 0, LR)));
        factories.put("CyclicLR", Schedules::cyclic);
        factories.put("OneCycleLR", Schedules::oneCycle);
        factories.put(SEQUENTIAL, Schedules::sequential);
        factories.put(CHAINED, Schedules::chained);
        return Collections.unmodifiableMap(factories);
    }

    private static Scheduler cyclic(Arguments args, Build build) {
        double baseLr = args.number("base_lr", LR);
        double maxLr = args.number("max_lr", LR);
        int stepSizeUp = args.integer("step_size_up", 2000, Range.atLeast(1));
        int stepSizeDown = args.integer("step_size_down", stepSizeUp, Range.atLeast(0));
        String mode = args.choice("mode", "triangular", "triangular", "triangular2", "exp_range");
        double gamma = args.number("gamma", 1.0, Range.positive());
        ignoreMomentum(args, 0.8, 0.9);
        return new CyclicLR(build.ownGroup(), baseLr, maxLr, stepSizeUp, stepSizeDown,
                CyclicLR.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), gamma);
    }

    private static Scheduler oneCycle(Arguments args, Build build) {
        double maxLr = args.number("max_lr", Range.positive());
        Optional<Integer> totalSteps = args.optionalInteger("total_steps", Range.atLeast(1));
        Optional<Integer> epochs = args.optionalInteger("epochs", Range.atLeast(1));
        int stepsPerEpoch = args.integer("steps_per_epoch", build.context.stepsPerEpoch(), Range.atLeast(1));
        double pctStart = args.number("pct_start", 0.3, Range.closed(0, 1));
        String strategy = args.choice("anneal_strategy", "cos", "cos", "linear");
        ignoreMomentum(args, 0.85, 0.95);
        double divFactor = args.number("div_factor", 25, Range.positive());
        double finalDivFactor = args.number("final_div_factor", 1e4, Range.positive());
        boolean threePhase = args.flag("three_phase", false);
        // As in PyTorch, total_steps takes precedence over epochs * steps_per_epoch.
        int total = totalSteps.orElseGet(() -> cycleSteps(args, epochs.orElse(build.context.epochs()), stepsPerEpoch));
        if (pctStart * total - 1 == 0) {
            throw args.error("pct_start=" + pctStart + " with " + total
                    + " total steps leaves the first phase no steps; change pct_start or total_steps");
        }
        return new OneCycleLR(build.ownGroup(), maxLr, total, pctStart, strategy.equals("cos"),
                divFactor, finalDivFactor, threePhase);
    }

    private static int cycleSteps(Arguments args, int epochs, int stepsPerEpoch) {
        if (epochs < 1) {
            throw args.error("needs total_steps=N, or epochs=N (with steps_per_epoch, by default the run's "
                    + stepsPerEpoch + ")");
        }
        long steps = (long) epochs * stepsPerEpoch;
        if (steps > Integer.MAX_VALUE) {
            throw args.error("epochs * steps_per_epoch = " + steps + " is too many steps");
        }
        return (int) steps;
    }

    /** PyTorch's momentum arguments are accepted so that specs carry over, and ignored: Psi sets only the lr. */
    private static void ignoreMomentum(Arguments args, double baseMomentum, double maxMomentum) {
        args.flag("cycle_momentum", true);
        args.number("base_momentum", baseMomentum, MOMENTUM);
        args.number("max_momentum", maxMomentum, MOMENTUM);
    }

    private static Scheduler sequential(Arguments args, Build build) {
        ParamGroup group = build.group(args);
        List<LrScheduler> schedulers = new ArrayList<>();
        for (Scheduler scheduler : build.children(args, group, sequentialChoices())) {
            // sequentialChoices() admits only LrSchedulers.
            schedulers.add((LrScheduler) scheduler);
        }
        List<Integer> milestones = required(args, args.integers("milestones", null, Range.atLeast(1)),
                "milestones=[m1,...]");
        if (milestones.size() != schedulers.size() - 1) {
            throw args.error("needs one milestone fewer than schedulers; got " + schedulers.size()
                    + " schedulers and milestones=" + milestones);
        }
        for (int i = 1; i < milestones.size(); i++) {
            if (milestones.get(i) <= milestones.get(i - 1)) {
                throw args.error("milestones must increase, got " + milestones);
            }
        }
        return new SequentialLR(group, schedulers, milestones.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Scheduler chained(Arguments args, Build build) {
        ParamGroup group = build.group(args);
        return new ChainedScheduler(group, build.children(args, group, chainedChoices()));
    }

    /**
     * What SequentialLR can hold in PyTorch: schedulers with {@code last_epoch} and {@code step(epoch)},
     * so neither container and not ReduceLROnPlateau.
     */
    private static List<String> sequentialChoices() {
        List<String> names = new ArrayList<>(FACTORIES.keySet());
        names.remove(SEQUENTIAL);
        names.remove(CHAINED);
        return names;
    }

    /** What ChainedScheduler can hold: anything stepped with a plain {@code step()}. */
    private static List<String> chainedChoices() {
        return new ArrayList<>(FACTORIES.keySet());
    }

    private static <T> T required(Arguments args, T value, String form) {
        if (value == null) {
            throw new SpecException(args.spec().name() + " needs " + form);
        }
        return value;
    }

    /** Step-wise schedules tick per step, and so does a container holding one. */
    private static Interval naturalInterval(Spec spec) {
        if (PER_STEP.contains(spec.name())) {
            return Interval.STEP;
        }
        for (SpecValue value : spec.args().values()) {
            List<SpecValue> items = value instanceof SpecValue.ListOf list ? list.items() : List.of(value);
            for (SpecValue item : items) {
                if (item instanceof SpecValue.Nested nested && naturalInterval(nested.spec()) == Interval.STEP) {
                    return Interval.STEP;
                }
            }
        }
        return Interval.EPOCH;
    }

    /** Where a scheduler is being built: at the top level (own param group) or inside a container. */
    private static final class Build {

        final ControllerContext context;
        /** The container's group, or null at the top level. */
        private final ParamGroup shared;
        /** The container's name, for messages. */
        private final String parent;

        Build(ControllerContext context, ParamGroup shared, String parent) {
            this.context = context;
            this.shared = shared;
            this.parent = parent;
        }

        /** The group of a scheduler that scales an lr: a new one holding {@code lr}, or the container's. */
        ParamGroup group(Arguments args) {
            if (shared == null) {
                return new ParamGroup(args.number("lr", DEFAULT_LR, LR));
            }
            // Checked without has(), which would list lr among a child's valid keys.
            if (args.spec().args().containsKey("lr")) {
                throw args.error("lr belongs on the enclosing " + parent + "(lr=...), not on its schedulers");
            }
            return shared;
        }

        /** The group of a scheduler that sets the lr itself (CyclicLR, OneCycleLR). */
        ParamGroup ownGroup() {
            return shared == null ? new ParamGroup(DEFAULT_LR) : shared;
        }

        /** Builds the {@code schedulers=[...]} of a container, in order, on its group, as PyTorch code would. */
        List<Scheduler> children(Arguments args, ParamGroup group, List<String> choices) {
            String name = args.spec().name();
            List<Spec> specs = args.nestedList("schedulers");
            if (specs.isEmpty()) {
                throw args.error("schedulers=[] is empty; give at least one of " + String.join(", ", choices));
            }
            List<Scheduler> schedulers = new ArrayList<>(specs.size());
            for (Spec spec : specs) {
                Factory factory = choices.contains(spec.name()) ? FACTORIES.get(spec.name()) : null;
                if (factory == null) {
                    String why = PLATEAU.equals(spec.name()) || FACTORIES.containsKey(spec.name())
                            ? spec.name() + " cannot be one of its schedulers"
                            : "unknown scheduler " + Echo.quote(spec.name());
                    throw new SpecException(name + ": " + why + "; valid: " + String.join(", ", choices));
                }
                Arguments childArgs = Arguments.of(spec);
                schedulers.add(factory.create(childArgs, new Build(context, group, name)));
                childArgs.done();
            }
            return schedulers;
        }
    }
}
