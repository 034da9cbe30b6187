package dev.psi.core.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.psi.core.Controllers;
import dev.psi.core.psi.Expression;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.NetworkModel.Activation;
import dev.psi.core.psi.NetworkModel.Layer;
import dev.psi.core.psi.NetworkModel.Member;
import dev.psi.core.psi.ParetoPoint;
import dev.psi.core.psi.PsiController;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.spec.Spec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every controller survives the checkpoint a killed trial resumes from: written with
 * {@link ObjectOutputStream} after an epoch (with the {@link LossAverage}, as the engine's checkpoint
 * does) and read back, it continues exactly as the original, the same learning rate at every later step.
 *
 * <p>Each controller runs a small trial on a noisy quadratic that calls it as the engine does, so the
 * losses, signals and roll-backs depend on the rates it chose. After {@link #FIRST_CHECKPOINT} epochs
 * it is serialized and deserialized; the original and the copy then run the same trial on, in
 * lockstep, and are serialized once more (a worker may be killed twice) at {@link #SECOND_CHECKPOINT}.
 */
class ControllerSerializationTest {

    private static final int STEPS_PER_EPOCH = 5;
    private static final int EPOCHS = 10;
    private static final TaskFeatures TASK = new TaskFeatures(60000, 203530, 128, "SGD");
    private static final ControllerContext CONTEXT = new ControllerContext(STEPS_PER_EPOCH, EPOCHS, TASK);
    private static final int FIRST_CHECKPOINT = 3;
    private static final int SECOND_CHECKPOINT = 5;
    private static final int RUN_EPOCHS = 8;
    /** Steps whose batch loss is NaN in the runs of a {@code Guard}: one before the first checkpoint, one after. */
    private static final Set<Long> DIVERGING_STEPS = Set.of(7L, 27L);

    /**
     * Specs for every name of the registry, with the settings that exercise each controller's state;
     * nested controllers are covered both on their own and inside containers and wrappers.
     */
    private static final Map<String, List<String>> SPECS = specs();

    private static Map<String, List<String>> specs() {
        Map<String, List<String>> specs = new LinkedHashMap<>();
        specs.put("Constant", List.of("Constant(lr=0.05)"));
        specs.put("StepLR", List.of("StepLR(lr=0.1,step_size=2,gamma=0.5)",
                "StepLR(lr=0.1,step_size=3,gamma=0.8,interval=step)"));
        specs.put("MultiStepLR", List.of("MultiStepLR(lr=0.1,milestones=[2,4,4],gamma=0.5)"));
        specs.put("ConstantLR", List.of("ConstantLR(lr=0.1,factor=0.5,total_iters=4)"));
        specs.put("LinearLR", List.of("LinearLR(lr=0.1,start_factor=0.25,total_iters=5)"));
        specs.put("ExponentialLR", List.of("ExponentialLR(lr=0.1,gamma=0.8)",
                "ExponentialLR(lr=0.1,gamma=0.97,interval=step)"));
        specs.put("PolynomialLR", List.of("PolynomialLR(lr=0.1,total_iters=6,power=2)"));
        specs.put("CosineAnnealingLR", List.of("CosineAnnealingLR(lr=0.1,T_max=3,eta_min=0.001)",
                "CosineAnnealingLR(lr=0.1,T_max=12,interval=step)"));
        specs.put("CosineAnnealingWarmRestarts", List.of(
                "CosineAnnealingWarmRestarts(lr=0.1,T_0=2,T_mult=2,eta_min=0.001)",
                "CosineAnnealingWarmRestarts(lr=0.1,T_0=7,interval=step)"));
        specs.put("CyclicLR", List.of(
                "CyclicLR(base_lr=0.01,max_lr=0.1,step_size_up=3,step_size_down=4,mode=triangular2)",
                "CyclicLR(base_lr=0.01,max_lr=0.1,step_size_up=4,mode=exp_range,gamma=0.99)"));
        specs.put("OneCycleLR", List.of("OneCycleLR(max_lr=0.2)",
                "OneCycleLR(max_lr=0.2,total_steps=45,anneal_strategy=linear,three_phase=true)"));
        specs.put("ReduceLROnPlateau", List.of("ReduceLROnPlateau(lr=0.1,factor=0.5,patience=0,cooldown=1)",
                "ReduceLROnPlateau(lr=0.1,monitor=val_accuracy,patience=0,threshold=0.05)",
                "ReduceLROnPlateau(lr=0.1,monitor=train_loss,patience=0,threshold=0.05,threshold_mode=abs,min_lr=0.02)"));
        specs.put("SequentialLR", List.of(
                "SequentialLR(lr=0.1,schedulers=[LinearLR(start_factor=0.1,total_iters=2),CosineAnnealingLR(T_max=4),"
                        + "ExponentialLR(gamma=0.9)],milestones=[2,5])",
                "SequentialLR(lr=0.1,schedulers=[ConstantLR(factor=0.5,total_iters=3),OneCycleLR(max_lr=0.2,"
                        + "total_steps=40)],milestones=[8])"));
        specs.put("ChainedScheduler", List.of(
                "ChainedScheduler(lr=0.1,schedulers=[StepLR(step_size=2,gamma=0.5),CosineAnnealingWarmRestarts(T_0=3),"
                        + "ConstantLR(factor=0.5,total_iters=3)])",
                "ChainedScheduler(schedulers=[CyclicLR(base_lr=0.01,max_lr=0.1,step_size_up=5),ExponentialLR(gamma=0.99)])",
                "ChainedScheduler(lr=0.1,schedulers=[SequentialLR(schedulers=[LinearLR(total_iters=2),"
                        + "ExponentialLR(gamma=0.8)],milestones=[3]),MultiStepLR(milestones=[4],gamma=0.5)])"));
        specs.put("BoldDriver", List.of("BoldDriver(lr=0.1,increase=1.1,decrease=0.5)",
                "BoldDriver(lr=0.1,undo=true,monitor=val_loss,max_lr=0.3,min_lr=0.01)"));
        specs.put("SPS", List.of("SPS(c=0.5,max_lr=0.5)", "SPS(c=1,max_lr=0.5,f_star=0.1,smooth=2)"));
        specs.put("L4", List.of("L4", "L4(alpha=0.1,gamma=0.8,tau=0.01,gamma_0=0.5)"));
        specs.put("Hypergradient", List.of("Hypergradient(lr=0.05,beta=0.001)"));
        specs.put("Warmup", List.of("Warmup(steps=7,start_factor=0.2,then=CosineAnnealingLR(lr=0.1,T_max=8))",
                "Warmup(epochs=2,then=ReduceLROnPlateau(lr=0.1,patience=0))",
                "Warmup(steps=12,then=Guard(then=SPS(max_lr=0.5),threshold=1.5))"));
        specs.put("Guard", List.of("Guard(then=StepLR(lr=0.1,step_size=2,gamma=0.9),factor=0.5,max_recoveries=6,threshold=1.2)",
                "Guard(then=BoldDriver(lr=0.1,undo=true),max_recoveries=5)",
                "Guard(then=Hypergradient(lr=0.05,beta=0.001),max_recoveries=1)",
                "Guard(then=Warmup(steps=6,then=OneCycleLR(max_lr=0.2)),max_recoveries=6,threshold=1.1)"));
        return specs;
    }

    @TestFactory
    Stream<DynamicTest> everyRegisteredControllerContinuesExactlyAfterSerialization() {
        return Controllers.names().stream().flatMap(name -> {
            List<String> specs = SPECS.getOrDefault(name, List.of());
            if (specs.isEmpty()) {
                return Stream.of(dynamicTest(name, () -> fail("controller " + name + " is registered but has no "
                        + "serialization case: add specs for it to ControllerSerializationTest.SPECS")));
            }
            return specs.stream().map(spec -> dynamicTest(spec,
                    () -> resumesExactly(spec, Controllers.create(spec, CONTEXT), spec.contains("Guard("))));
        });
    }

    @Test
    void everyCaseNamesARegisteredController() {
        for (Map.Entry<String, List<String>> entry : SPECS.entrySet()) {
            assertTrue(Controllers.names().contains(entry.getKey()), entry.getKey() + " is not registered");
            for (String spec : entry.getValue()) {
                assertEquals(entry.getKey(), Spec.parse(spec).name(), spec);
            }
        }
    }

    @Test
    void psiWithAFormulaModelContinuesExactly() {
        FitInfo fit = new FitInfo(1e-3, 0.5,
                Map.of(PsiFeature.LOSS_RATIO, new double[] {0.01, 1}, PsiFeature.EPOCH, new double[] {0, 9}),
                Map.of("r2", 0.9, "loto_rmse_log_lr", Double.NaN), List.of("study-a"), List.of("fmnist"),
                List.of(new ParetoPoint(1, 0.5, Expression.parse("0.1")),
                        new ParetoPoint(5, 0.2, Expression.parse("0.3*sqrt(loss_ratio)"))));
        FormulaModel model = FormulaModel.of(
                Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2 + 0.001*exp(-ln(1 + epoch))"), fit);

        resumesExactly("Psi(formula, interval=epoch)", new PsiController(model, CONTEXT, Interval.EPOCH), false);
        resumesExactly("Psi(formula, interval=step)", new PsiController(model, CONTEXT, Interval.STEP), false);
    }

    @Test
    void psiWithANetworkModelContinuesExactly() {
        List<PsiFeature> features = List.of(PsiFeature.LOG_LOSS_RATIO, PsiFeature.EPOCH_FRACTION,
                PsiFeature.LOG_BATCH_SIZE);
        FitInfo fit = FitInfo.of(1e-3, 0.5, Map.of(
                PsiFeature.LOG_LOSS_RATIO, new double[] {-5, 0.5},
                PsiFeature.EPOCH_FRACTION, new double[] {0, 1},
                PsiFeature.LOG_BATCH_SIZE, new double[] {3, 6}));
        Member first = new Member(List.of(
                new Layer(new double[][] {{0.5, -0.25, 0.1}, {-0.3, 0.8, 0.05}, {0.2, 0.1, -0.4}},
                        new double[] {0.1, -0.2, 0.05}, Activation.TANH),
                new Layer(new double[][] {{0.7, -0.4, 0.3}}, new double[] {-2.5}, Activation.LINEAR)));
        Member second = new Member(List.of(
                new Layer(new double[][] {{-0.2, 0.3, 0.4}, {0.6, -0.1, 0.2}, {0.1, 0.5, -0.3}},
                        new double[] {0.0, 0.3, -0.1}, Activation.TANH),
                new Layer(new double[][] {{0.5, 0.2, -0.6}}, new double[] {-2.2}, Activation.LINEAR)));
        NetworkModel model = new NetworkModel(features, new double[] {-1, 0.5, 4.5}, new double[] {1.5, 0.3, 1},
                List.of(first, second), fit);

        resumesExactly("Psi(network, interval=epoch)", new PsiController(model, CONTEXT, Interval.EPOCH), false);
        resumesExactly("Psi(network, interval=step)", new PsiController(model, CONTEXT, Interval.STEP), false);
    }

    @Test
    void lossAverageContinuesExactly() {
        LossAverage original = new LossAverage(0.9);
        for (double loss : new double[] {2.0, 1.7, 1.9, 1.2}) {
            original.add(loss);
        }
        LossAverage copy = roundTrip(original);

        assertEquals(original.value(), copy.value());
        for (double loss : new double[] {1.1, 0.9, 1.4}) {
            assertEquals(original.add(loss), copy.add(loss));
        }
    }

    /**
     * Runs the controller to the first checkpoint, restores a copy from its serialized form (and again at
     * the second checkpoint), and checks that original and copy agree on every rate and every answer.
     */
    private static void resumesExactly(String label, Controller controller, boolean diverging) {
        Run original = new Run(label, controller, diverging ? DIVERGING_STEPS : Set.of());
        while (original.epoch < FIRST_CHECKPOINT && !original.ended) {
            original.trainEpoch(null);
        }
        Run resumed = original.resumed();
        while (original.epoch < RUN_EPOCHS && !original.ended) {
            if (original.epoch == SECOND_CHECKPOINT) {
                resumed = resumed.resumed();
            }
            original.trainEpoch(resumed);
        }
        assertEquals(original.ended, resumed.ended, label + ": whether the trial ended");
        if (controller instanceof PsiController psi) {
            PsiController copy = assertInstanceOf(PsiController.class, resumed.controller);
            assertEquals(psi.model(), copy.model(), label);
            assertEquals(psi.fallbacks(), copy.fallbacks(), label);
        }
    }

    /** Writes the object with Java serialization and reads it back, as the engine's checkpoint does. */
    private static <T> T roundTrip(T object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new AssertionError("not serializable: " + e, e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            T copy = (T) in.readObject();
            assertNotSame(object, copy);
            assertEquals(object.getClass(), copy.getClass());
            return copy;
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("cannot be read back: " + e, e);
        }
    }

    /**
     * A trial on the noisy quadratic f(θ) = ½ Σ h_k θ_k², trained with SGD with momentum 0.9, that calls
     * the controller in the order of psi-train's {@code Trial.trainEpoch}: for each batch with a finite loss
     * {@code beforeUpdate} (with the signals the controller asked for, the others NaN), the rate read and
     * applied, {@code afterStep}; a NaN batch loss ends the epoch and asks {@code recoverFromDivergence};
     * after a sound epoch {@code afterEpoch} and {@code rollBack}. A roll-back restores θ, the optimizer,
     * the signal history and the loss average of the epoch start, never the controller.
     */
    private static final class Run {

        private static final double[] CURVATURE = {4, 1, 0.25};
        private static final double MOMENTUM = 0.9;
        private static final double AVERAGING = 0.9;

        private final String label;
        final Controller controller;
        private final Set<Long> divergingSteps;
        private final Set<Signal> wanted;
        private final double[] theta0;
        /** The model, optimizer and signal state a roll-back restores. */
        private State state;
        int epoch;
        private long steps;
        boolean ended;
        private double lastTrainLoss = Double.NaN;
        private double lastValLoss = Double.NaN;
        private double lastValAccuracy = Double.NaN;
        /** The rate the last batch was applied with. */
        private double lastRate;
        /** The answer of {@code rollBack()} after the last sound epoch. */
        private boolean lastRollBack;

        Run(String label, Controller controller, Set<Long> divergingSteps) {
            this.label = label;
            this.controller = controller;
            this.divergingSteps = divergingSteps;
            this.wanted = controller.signals();
            this.theta0 = new double[] {1, -2, 3};
            this.state = new State(theta0.clone(), new double[3], null, new double[3], 0, new LossAverage(0.9));
        }

        /** This run as a restarted worker rebuilds it from the checkpoint taken now. */
        Run resumed() {
            Object[] checkpoint = roundTrip(new Object[] {controller, state.lossAverage});
            Run copy = new Run(label, (Controller) checkpoint[0], divergingSteps);
            assertNotSame(controller, copy.controller);
            assertEquals(controller.getClass(), copy.controller.getClass(), at(-1, "class"));
            assertEquals(wanted, copy.wanted, at(-1, "signals"));
            assertEquals(controller.mayRollBack(), copy.controller.mayRollBack(), at(-1, "mayRollBack"));
            assertEquals(controller.learningRate(), copy.controller.learningRate(), at(-1, "rate right after resuming"));
            copy.state = state.copy((LossAverage) checkpoint[1]);
            copy.epoch = epoch;
            copy.steps = steps;
            copy.ended = ended;
            copy.lastTrainLoss = lastTrainLoss;
            copy.lastValLoss = lastValLoss;
            copy.lastValAccuracy = lastValAccuracy;
            return copy;
        }

        /** Trains one epoch, and the same epoch on {@code twin} in lockstep, checking every rate and answer. */
        void trainEpoch(Run twin) {
            State epochStart = controller.mayRollBack() ? state.copy(state.lossAverage.copy()) : null;
            State twinStart = twin != null && twin.controller.mayRollBack()
                    ? twin.state.copy(twin.state.lossAverage.copy()) : null;
            double lossSum = 0;
            int batches = 0;
            boolean diverged = false;
            for (int k = 0; k < STEPS_PER_EPOCH; k++) {
                double loss = step();
                if (twin != null) {
                    assertEquals(loss, twin.step(), at(k, "batch loss"));
                    assertEquals(lastRate, twin.lastRate, at(k, "learning rate"));
                }
                batches++;
                lossSum += loss;
                if (!Double.isFinite(loss)) {
                    diverged = true;
                    break;
                }
                controller.afterStep(stepState(loss));
                if (twin != null) {
                    twin.controller.afterStep(twin.stepState(loss));
                    assertEquals(controller.learningRate(), twin.controller.learningRate(), at(k, "rate after step"));
                }
            }
            double trainLoss = lossSum / batches;
            if (diverged) {
                boolean recovered = epochStart != null && controller.recoverFromDivergence();
                if (twin != null) {
                    assertEquals(recovered, twinStart != null && twin.controller.recoverFromDivergence(),
                            at(-1, "recovery from divergence"));
                    twin.finishDiverged(recovered, twinStart, trainLoss);
                }
                finishDiverged(recovered, epochStart, trainLoss);
                return;
            }
            finishEpoch(epochStart, trainLoss);
            if (twin != null) {
                twin.finishEpoch(twinStart, trainLoss);
                assertEquals(lastValLoss, twin.lastValLoss, at(-1, "validation loss"));
                assertEquals(lastRollBack, twin.lastRollBack, at(-1, "roll-back"));
                assertEquals(controller.learningRate(), twin.controller.learningRate(), at(-1, "rate after epoch"));
                assertEquals(state.lossAverage.value(), twin.state.lossAverage.value(), at(-1, "loss average"));
            }
        }

        /** One batch; returns its loss and leaves the rate used in {@link #lastRate}. */
        private double step() {
            Random noise = new Random(1000 + steps);
            double loss = 0;
            double[] gradient = new double[3];
            for (int k = 0; k < 3; k++) {
                double theta = state.theta[k];
                loss += 0.5 * CURVATURE[k] * theta * theta;
                gradient[k] = CURVATURE[k] * theta + 0.3 * Math.sqrt(CURVATURE[k]) * noise.nextGaussian();
            }
            loss *= 1 + 0.2 * noise.nextGaussian();
            loss = Math.abs(loss);
            if (divergingSteps.contains(steps)) {
                loss = Double.NaN;
            }
            if (Double.isFinite(loss)) {
                state.lossAverage.add(loss);
                double[] direction = new double[3];
                for (int k = 0; k < 3; k++) {
                    direction[k] = MOMENTUM * state.velocity[k] + gradient[k];
                    state.averagedGradient[k] = AVERAGING * state.averagedGradient[k] + (1 - AVERAGING) * gradient[k];
                }
                state.averaged++;
                double correction = 1 - Math.pow(AVERAGING, state.averaged);
                double normSquared = 0;
                double dotPrevious = 0;
                double dot = 0;
                double averagedDot = 0;
                double distance = 0;
                for (int k = 0; k < 3; k++) {
                    normSquared += gradient[k] * gradient[k];
                    dotPrevious += state.previousDirection == null ? 0 : gradient[k] * state.previousDirection[k];
                    dot += gradient[k] * direction[k];
                    averagedDot += state.averagedGradient[k] / correction * direction[k];
                    distance += (state.theta[k] - theta0[k]) * (state.theta[k] - theta0[k]);
                }
                StepSignals signals = new StepSignals(
                        wanted.contains(Signal.GRADIENT_NORM_SQUARED) ? normSquared : Double.NaN,
                        wanted.contains(Signal.GRADIENT_DOT_PREVIOUS_DIRECTION) ? dotPrevious : Double.NaN,
                        wanted.contains(Signal.GRADIENT_DOT_DIRECTION) ? dot : Double.NaN,
                        wanted.contains(Signal.AVERAGED_GRADIENT_DOT_DIRECTION) ? averagedDot : Double.NaN,
                        wanted.contains(Signal.DISTANCE_FROM_INIT) ? Math.sqrt(distance) : Double.NaN);
                controller.beforeUpdate(stepState(loss), signals);
                lastRate = controller.learningRate();
                for (int k = 0; k < 3; k++) {
                    state.theta[k] -= lastRate * direction[k];
                }
                state.velocity = direction;
                state.previousDirection = direction;
            } else {
                lastRate = controller.learningRate();
            }
            steps++;
            return loss;
        }

        private void finishEpoch(State epochStart, double trainLoss) {
            double valLoss = 0;
            for (int k = 0; k < 3; k++) {
                valLoss += 0.5 * CURVATURE[k] * state.theta[k] * state.theta[k];
            }
            valLoss *= 1 + 0.4 * Math.sin(1.7 * epoch);
            double valAccuracy = 1 / (1 + valLoss);
            if (!Double.isFinite(valLoss)) {
                ended = true;
                return;
            }
            double smoothed = state.lossAverage.value();
            controller.afterEpoch(new TrainingState(epoch, steps, STEPS_PER_EPOCH, EPOCHS, smoothed, smoothed, trainLoss,
                    valLoss, valAccuracy));
            lastTrainLoss = trainLoss;
            lastValLoss = valLoss;
            lastValAccuracy = valAccuracy;
            epoch++;
            lastRollBack = epochStart != null && controller.rollBack();
            if (lastRollBack) {
                state = epochStart;
            }
        }

        private void finishDiverged(boolean recovered, State epochStart, double trainLoss) {
            epoch++;
            if (recovered) {
                lastTrainLoss = trainLoss;
                lastValLoss = Double.NaN;
                lastValAccuracy = Double.NaN;
                state = epochStart;
            } else {
                ended = true;
            }
        }

        private TrainingState stepState(double batchLoss) {
            return new TrainingState(epoch, steps, STEPS_PER_EPOCH, EPOCHS, batchLoss, state.lossAverage.value(),
                    lastTrainLoss, lastValLoss, lastValAccuracy);
        }

        private String at(int k, String what) {
            return label + ": " + what + " at epoch " + epoch + (k < 0 ? "" : ", step " + k);
        }
    }

    /** What the engine restores on a roll-back: parameters, optimizer, signal history, loss average. */
    private static final class State {
        final double[] theta;
        double[] velocity;
        double[] previousDirection;
        final double[] averagedGradient;
        long averaged;
        final LossAverage lossAverage;

        State(double[] theta, double[] velocity, double[] previousDirection, double[] averagedGradient, long averaged,
                LossAverage lossAverage) {
            this.theta = theta;
            this.velocity = velocity;
            this.previousDirection = previousDirection;
            this.averagedGradient = averagedGradient;
            this.averaged = averaged;
            this.lossAverage = lossAverage;
        }

        State copy(LossAverage lossAverage) {
            return new State(theta.clone(), velocity.clone(), previousDirection == null ? null : previousDirection.clone(),
                    averagedGradient.clone(), averaged, lossAverage);
        }
    }
}
