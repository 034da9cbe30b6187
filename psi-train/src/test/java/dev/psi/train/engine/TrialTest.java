package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.Signal;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Recovery;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.Examples;
import dev.psi.train.data.FashionMnist;
import dev.psi.train.data.FashionMnistOptions;
import dev.psi.train.data.NoisyQuadratic;
import dev.psi.train.data.TeacherStudent;
import dev.psi.train.optim.TensorCopy;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrialTest {

    private static final DataSplit TEACHER = TeacherStudent.defaults().generate(1000, 1);

    private static TrialConfig config(String controller, String optimizer, int epochs, long seed) {
        return new TrialConfig(Spec.parse("mlp(hidden=[32])"), Spec.parse(optimizer), Spec.parse(controller), 50,
                epochs, seed, TrialConfig.DEFAULT_LOSS_SMOOTHING);
    }

    private static List<EpochResult> withoutTimes(List<EpochResult> epochs) {
        List<EpochResult> out = new ArrayList<>();
        for (EpochResult e : epochs) {
            out.add(new EpochResult(e.epoch(), e.lr(), e.trainLoss(), e.valLoss(), e.valAccuracy(), e.steps(), 0));
        }
        return out;
    }

    /** Every optimizer family, every activation, a controller that reads gradient signals and one that rolls back. */
    @ParameterizedTest(name = "{0}, {1}, {2}")
    @CsvSource(delimiter = ';', value = {
        "mlp(hidden=[32]); SGD(momentum=0.9,nesterov=true,weight_decay=0.001); OneCycleLR(max_lr=0.3,epochs=2)",
        "mlp(hidden=[16,8],activation=tanh); Adam(); Constant(lr=0.01)",
        "mlp(hidden=[16],activation=sigmoid); AdamW(amsgrad=true); Constant(lr=0.01)",
        "mlp(hidden=[16],activation=gelu); RMSprop(centered=true,momentum=0.5); Constant(lr=0.001)",
        "linear; Adagrad(); Constant(lr=0.05)",
        "mlp(hidden=[16]); DoG(); Constant(lr=1)",
        "mlp(hidden=[16]); Prodigy(); Constant(lr=1)",
        "mlp(hidden=[16]); ScheduleFreeSGD(); Constant(lr=0.5)",
        "mlp(hidden=[16]); ScheduleFreeAdamW(); Constant(lr=0.003)",
        "mlp(hidden=[16]); SGD(); L4",
        "mlp(hidden=[16]); SGD(momentum=0.9); BoldDriver(lr=2)"})
    void aPerceptronTrainsToTheSameNumbersThroughItsProgramAsThroughAutograd(String model, String optimizer,
            String controller) {
        TrialConfig config = new TrialConfig(Spec.parse(model), Spec.parse(optimizer), Spec.parse(controller), 50, 2, 5,
                TrialConfig.DEFAULT_LOSS_SMOOTHING);
        assertSameThroughProgramAndAutograd(config, TEACHER, false);
    }

    /**
     * Batches of 16 rows start aligned in the epoch's shuffled copy (64 bytes per feature column), so the program
     * slices them itself; element-wise optimizers run on the packed parameters, and a controller that reads g·d_{t−1}.
     */
    @ParameterizedTest(name = "{0}, {1}, {2}, regression: {3}")
    @CsvSource(delimiter = ';', value = {
        "mlp(hidden=[32]); SGD(momentum=0.9); Constant(lr=0.05); false",
        "mlp(hidden=[16,8],activation=tanh); Adam(weight_decay=0.01); Constant(lr=0.01); false",
        "mlp(hidden=[7]); RMSprop(centered=true,momentum=0.5); Constant(lr=0.001); false",
        "mlp(hidden=[16]); SGD(momentum=0.9); Hypergradient(lr=0.01); false",
        "mlp(hidden=[16]); Adagrad(); Constant(lr=0.05); true",
        "linear; SGD(momentum=0.9,nesterov=true); Constant(lr=0.01); true"})
    void aPerceptronTrainsToTheSameNumbersOnBatchesSlicedByItsProgram(String model, String optimizer,
            String controller, boolean regression) {
        TrialConfig config = new TrialConfig(Spec.parse(model), Spec.parse(optimizer), Spec.parse(controller), 16, 2, 6,
                TrialConfig.DEFAULT_LOSS_SMOOTHING);
        assertSameThroughProgramAndAutograd(config, regression ? NoisyQuadratic.defaults().generate(600, 1) : TEACHER,
                true);
    }

    private static void assertSameThroughProgramAndAutograd(TrialConfig config, DataSplit data, boolean sliced) {
        TrialOutcome scripted;
        try (Trial trial = Trial.create(config, data)) {
            assertTrue(trial.scripted());
            assertEquals(sliced, trial.batchesAreSlices());
            scripted = trial.run(TrialListener.NONE);
        }
        System.setProperty(Trial.AUTOGRAD_PROPERTY, "true");
        try (Trial trial = Trial.create(config, data)) {
            assertFalse(trial.scripted());
            TrialOutcome autograd = trial.run(TrialListener.NONE);
            assertEquals(withoutTimes(autograd.epochs()), withoutTimes(scripted.epochs()));
            assertEquals(autograd.recoveries(), scripted.recoveries());
        } finally {
            System.clearProperty(Trial.AUTOGRAD_PROPERTY);
        }
    }

    @Test
    void aConvolutionalNetworkTrainsThroughAutograd() {
        TrialConfig config = new TrialConfig(Spec.parse("cnn(channels=[2])"), Spec.parse("SGD()"),
                Spec.parse("Constant(lr=0.1)"), 8, 1, 1, TrialConfig.DEFAULT_LOSS_SMOOTHING);
        Examples images = new Examples(4, new long[] {1, 4, 4}, new float[64], new float[] {0, 1, 0, 1}, 2);
        try (Trial trial = Trial.create(config, new DataSplit(images, images))) {
            assertFalse(trial.scripted());
        }
    }

    @Test
    void sameSeedGivesTheSameNumbers() {
        TrialConfig config = config("Constant(lr=0.1)", "SGD(momentum=0.9)", 2, 7);
        List<EpochResult> first;
        try (Trial trial = Trial.create(config, TEACHER)) {
            first = trial.run(TrialListener.NONE).epochs();
        }
        try (Trial trial = Trial.create(config, TEACHER)) {
            assertEquals(withoutTimes(first), withoutTimes(trial.run(TrialListener.NONE).epochs()));
        }
    }

    @Test
    void aTrialTrainsTheSameOnAThreadThatDidNotLoadTheEngine() throws Exception {
        TrialConfig config = config("Constant(lr=0.1)", "SGD(momentum=0.9)", 2, 7);
        List<EpochResult> here;
        try (Trial trial = Trial.create(config, TEACHER)) {
            here = trial.run(TrialListener.NONE).epochs();
        }
        // A fresh thread starts with libtorch's default grad mode (on), unlike the one that loaded the engine.
        List<EpochResult> elsewhere = CompletableFuture.supplyAsync(() -> {
            try (Trial trial = Trial.create(config, TEACHER)) {
                return trial.run(TrialListener.NONE).epochs();
            }
        }, runnable -> new Thread(runnable).start()).get();

        assertEquals(withoutTimes(here), withoutTimes(elsewhere));
    }

    @Test
    void differentSeedsGiveDifferentNumbers() {
        try (Trial a = Trial.create(config("Constant(lr=0.1)", "SGD()", 1, 1), TEACHER);
                Trial b = Trial.create(config("Constant(lr=0.1)", "SGD()", 1, 2), TEACHER)) {
            assertTrue(a.trainEpoch(TrialListener.NONE).trainLoss() != b.trainEpoch(TrialListener.NONE).trainLoss());
        }
    }

    @Test
    void restoringACheckpointReplaysTheSameEpochExactly() {
        try (Trial trial = Trial.create(config("StepLR(lr=0.1,step_size=1,gamma=0.5)", "Adam()", 3, 3), TEACHER)) {
            trial.trainEpoch(TrialListener.NONE);
            Checkpoint checkpoint = trial.checkpoint();
            EpochResult first = trial.trainEpoch(TrialListener.NONE);
            trial.trainEpoch(TrialListener.NONE);
            trial.restore(checkpoint);
            EpochResult replay = trial.trainEpoch(TrialListener.NONE);
            assertEquals(withoutTimes(List.of(first)), withoutTimes(List.of(replay)));
            assertEquals(2, trial.history().size());
        }
    }

    @Test
    void aCheckpointHoldsEachParametersOptimizerBuffersInTheParametersShape() {
        try (Trial trial = Trial.create(config("Constant(lr=0.01)", "Adam(amsgrad=true)", 2, 3), TEACHER)) {
            assertTrue(trial.scripted());
            trial.trainEpoch(TrialListener.NONE);
            Checkpoint checkpoint = trial.checkpoint();
            assertEquals(checkpoint.parameters().size(), checkpoint.optimizer().buffers().size());
            for (int i = 0; i < checkpoint.parameters().size(); i++) {
                for (TensorCopy buffer : checkpoint.optimizer().buffers().get(i)) {
                    assertArrayEquals(checkpoint.parameters().get(i).shape(), buffer.shape());
                }
            }
        }
    }

    /** The checkpoint of a trial trained one way goes on the other way as it would have gone on the first. */
    @ParameterizedTest(name = "{0}, from autograd: {1}")
    @CsvSource({"SGD(momentum=0.9), true, 50", "SGD(momentum=0.9), false, 50", "Adam(amsgrad=true), true, 50",
        "Adam(amsgrad=true), false, 50", "Prodigy(), true, 50", "RMSprop(momentum=0.5), false, 16",
        "RMSprop(momentum=0.5), true, 16"})
    void aCheckpointRestoresAcrossTheProgramAndAutograd(String optimizer, boolean fromAutograd, int batch) {
        TrialConfig config = new TrialConfig(Spec.parse("mlp(hidden=[32])"), Spec.parse(optimizer),
                Spec.parse("Constant(lr=0.01)"), batch, 3, 4, TrialConfig.DEFAULT_LOSS_SMOOTHING);
        Checkpoint checkpoint;
        EpochResult expected;
        try (Trial trial = createTrial(config, fromAutograd)) {
            trial.trainEpoch(TrialListener.NONE);
            checkpoint = trial.checkpoint();
            expected = trial.trainEpoch(TrialListener.NONE);
        }
        try (Trial trial = createTrial(config, !fromAutograd)) {
            trial.restore(checkpoint);
            assertEquals(withoutTimes(List.of(expected)), withoutTimes(List.of(trial.trainEpoch(TrialListener.NONE))));
        }
    }

    private static Trial createTrial(TrialConfig config, boolean autograd) {
        if (!autograd) {
            return Trial.create(config, TEACHER);
        }
        System.setProperty(Trial.AUTOGRAD_PROPERTY, "true");
        try {
            return Trial.create(config, TEACHER);
        } finally {
            System.clearProperty(Trial.AUTOGRAD_PROPERTY);
        }
    }

    @Test
    void epochLearningRateIsTheMeanOfTheControllersRatesOverItsSteps() {
        String spec = "OneCycleLR(max_lr=0.2,epochs=2)";
        try (Trial trial = Trial.create(config(spec, "SGD()", 2, 1), TEACHER)) {
            int steps = trial.stepsPerEpoch();
            double[] trace = Controllers.trace(Spec.parse(spec), new ControllerContext(steps, 2), 2 * steps, null);
            List<EpochResult> epochs = trial.run(TrialListener.NONE).epochs();
            for (int epoch = 0; epoch < 2; epoch++) {
                double sum = 0;
                for (int k = epoch * steps; k < (epoch + 1) * steps; k++) {
                    sum += trace[k];
                }
                assertEquals(sum / steps, epochs.get(epoch).lr(), 1e-12);
            }
        }
    }

    @Test
    void epochIntervalControllerChangesRateBetweenEpochs() {
        try (Trial trial = Trial.create(config("StepLR(lr=0.1,step_size=1,gamma=0.5)", "SGD()", 3, 1), TEACHER)) {
            List<EpochResult> epochs = trial.run(TrialListener.NONE).epochs();
            assertEquals(0.1, epochs.get(0).lr(), 1e-12);
            assertEquals(0.05, epochs.get(1).lr(), 1e-12);
            assertEquals(0.025, epochs.get(2).lr(), 1e-12);
        }
    }

    @Test
    void stepsCountEveryBatchIncludingTheLastPartialOne() {
        try (Trial trial = Trial.create(config("Constant(lr=0.1)", "SGD()", 1, 1),
                TeacherStudent.defaults().generate(1010, 1))) {
            assertEquals(21, trial.stepsPerEpoch());
            assertEquals(21, trial.trainEpoch(TrialListener.NONE).steps());
        }
    }

    @Test
    void aDivergingRunEndsAsDivergedWithItsEpoch() {
        try (Trial trial = Trial.create(config("Constant(lr=1e8)", "SGD(momentum=0.9)", 5, 1), TEACHER)) {
            TrialOutcome outcome = trial.run(TrialListener.NONE);
            assertEquals(TrialStatus.DIVERGED, outcome.status());
            assertEquals(OptionalInt.of(0), outcome.divergedEpoch());
            assertTrue(outcome.epochs().isEmpty());
        }
    }

    @Test
    void regressionHasNoAccuracyAndItsLossFalls() {
        DataSplit data = NoisyQuadratic.defaults().generate(2000, 1);
        TrialConfig config = new TrialConfig(Spec.parse("linear"), Spec.parse("SGD()"), Spec.parse("Constant(lr=0.05)"),
                64, 3, 1, TrialConfig.DEFAULT_LOSS_SMOOTHING);
        try (Trial trial = Trial.create(config, data)) {
            List<EpochResult> epochs = trial.run(TrialListener.NONE).epochs();
            assertTrue(Double.isNaN(epochs.get(2).valAccuracy()));
            assertTrue(epochs.get(2).valLoss() < epochs.get(0).valLoss(), epochs.toString());
        }
    }

    @Test
    void fashionMnistMlpLearns() throws URISyntaxException {
        Path fixture = Path.of(TrialTest.class.getResource("/fmnist-small").toURI());
        DataSplit data = FashionMnist.load(fixture, FashionMnistOptions.all());
        TrialConfig config = new TrialConfig(Spec.parse("mlp(hidden=[256])"), Spec.parse("SGD(momentum=0.9)"),
                Spec.parse("Constant(lr=0.05)"), 64, 3, 1, TrialConfig.DEFAULT_LOSS_SMOOTHING);
        try (Trial trial = Trial.create(config, data)) {
            assertEquals(203_530, trial.parameterCount());
            List<EpochResult> epochs = trial.run(TrialListener.NONE).epochs();
            assertTrue(epochs.get(2).valAccuracy() > 0.75, epochs.toString());
        }
    }

    @Test
    void listenerSeesEveryStepAndEpoch() {
        List<Long> steps = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        try (Trial trial = Trial.create(config("Constant(lr=0.1)", "SGD()", 2, 1), TEACHER)) {
            trial.run(new TrialListener() {
                @Override
                public void onStep(dev.psi.core.controller.TrainingState state, double learningRate) {
                    steps.add(state.step());
                }

                @Override
                public void onEpoch(EpochResult epoch) {
                    epochs.add(epoch.epoch());
                }
            });
        }
        assertEquals(40, steps.size());
        assertEquals(40L, steps.get(39));
        assertEquals(List.of(0, 1), epochs);
    }

    @Test
    void aRejectedEpochIsRetriedFromItsStartAndOnlyTheRetryIsKept() {
        // Rejected at 0.2, the epoch is retried at 0.1: it must then equal a plain epoch at 0.1.
        ScriptedController controller = new ScriptedController(0.2);
        controller.rejectEpochs = 1;
        try (Trial trial = Trial.create(config("Constant(lr=0.1)", "SGD(momentum=0.9)", 2, 1), TEACHER);
             Trial uninterrupted = Trial.create(config("Constant(lr=0.1)", "SGD(momentum=0.9)", 2, 1), TEACHER)) {
            trial.restore(withController(trial.checkpoint(), controller));
            EpochResult retried = trial.trainEpoch(TrialListener.NONE);
            EpochResult plain = uninterrupted.trainEpoch(TrialListener.NONE);

            assertEquals(List.of(new Recovery(0, 20, Recovery.REJECTED, 0.1)), trial.recoveries());
            assertEquals(List.of(retried), trial.history());
            // The retry starts from the same parameters with the same data order: the same epoch, at twice the steps.
            assertEquals(plain.trainLoss(), retried.trainLoss());
            assertEquals(plain.valLoss(), retried.valLoss());
            assertEquals(0, retried.epoch());
            assertEquals(40, retried.steps());
        }
    }

    @Test
    void aRejectionThatKeepsTheRateIsNotRetried() {
        ScriptedController controller = new ScriptedController(0.1);
        controller.rejectEpochs = 1;
        controller.keepRateOnReject = true;
        try (Trial trial = Trial.create(config("Constant(lr=0.1)", "SGD(momentum=0.9)", 1, 1), TEACHER)) {
            trial.restore(withController(trial.checkpoint(), controller));
            EpochResult kept = trial.trainEpoch(TrialListener.NONE);

            assertEquals(List.of(), trial.recoveries());
            assertEquals(20, kept.steps());
        }
    }

    @Test
    void divergenceTheControllerRecoversFromRetriesTheEpochAtTheNewRate() {
        ScriptedController controller = new ScriptedController(1e8);
        controller.recoverTo = 0.05;
        try (Trial trial = Trial.create(config("Constant(lr=0.1)", "SGD(momentum=0.9)", 3, 1), TEACHER)) {
            trial.restore(withController(trial.checkpoint(), controller));
            TrialOutcome outcome = trial.run(TrialListener.NONE);
            assertEquals(TrialStatus.COMPLETED, outcome.status());
            assertEquals(1, outcome.recoveries().size());
            assertEquals(Recovery.DIVERGED, outcome.recoveries().get(0).reason());
            assertEquals(0.05, outcome.recoveries().get(0).learningRate());
            assertEquals(List.of(0, 1, 2), outcome.epochs().stream().map(EpochResult::epoch).toList());
            assertTrue(Double.isFinite(outcome.epochs().get(0).valLoss()));
            assertTrue(outcome.epochs().get(2).valAccuracy() > 0.5, outcome.epochs().toString());
        }
    }

    @Test
    void aRunWhoseEveryRetryDivergesEndsDivergedWithNoEpoch() {
        ScriptedController controller = new ScriptedController(1e8);
        controller.recoverAlways = true;
        try (Trial trial = Trial.create(config("Constant(lr=0.1)", "SGD(momentum=0.9)", 3, 1), TEACHER)) {
            trial.restore(withController(trial.checkpoint(), controller));
            TrialOutcome outcome = trial.run(TrialListener.NONE);
            assertEquals(TrialStatus.DIVERGED, outcome.status());
            assertEquals(OptionalInt.of(0), outcome.divergedEpoch());
            assertEquals(List.of(), outcome.epochs());
            assertEquals(RollBackPolicy.MAX_RETRIES, outcome.recoveries().size());
        }
    }

    @Test
    void anEpochRejectedMoreOftenThanTheRetryLimitIsKept() {
        ScriptedController controller = new ScriptedController(0.1);
        controller.rejectEpochs = Integer.MAX_VALUE;
        try (Trial trial = Trial.create(config("Constant(lr=0.1)", "SGD(momentum=0.9)", 1, 1), TEACHER)) {
            trial.restore(withController(trial.checkpoint(), controller));
            TrialOutcome outcome = trial.run(TrialListener.NONE);
            assertEquals(TrialStatus.COMPLETED, outcome.status());
            assertEquals(1, outcome.epochs().size());
            assertEquals(RollBackPolicy.MAX_RETRIES, outcome.recoveries().size());
            assertEquals(20L * (RollBackPolicy.MAX_RETRIES + 1), outcome.epochs().get(0).steps());
        }
    }

    @Test
    void requestedSignalsMatchTheirDefinitionsForPlainSgd() {
        ScriptedController controller = new ScriptedController(0.1);
        try (Trial trial = Trial.create(config("Constant(lr=0.1)", "SGD()", 1, 1), TEACHER)) {
            trial.restore(withController(trial.checkpoint(), controller));
            trial.trainEpoch(TrialListener.NONE);
        }
        StepSignals first = controller.signals.get(0);
        StepSignals second = controller.signals.get(1);
        assertEquals(0, first.distanceFromInit());
        assertEquals(0, first.gradientDotPreviousDirection());
        // Plain SGD moves along the gradient: g·d = ‖g‖², and one step of 0.1 goes 0.1‖g‖ from the start.
        assertEquals(first.gradientNormSquared(), first.gradientDotDirection(), 1e-5 * first.gradientNormSquared());
        assertEquals(0.1 * Math.sqrt(first.gradientNormSquared()), second.distanceFromInit(),
                1e-4 * second.distanceFromInit());
        // After one step the bias-corrected gradient average is that step's gradient.
        assertEquals(first.gradientDotDirection(), first.averagedGradientDotDirection(),
                1e-5 * first.gradientNormSquared());
        assertTrue(first.gradientNormSquared() > 0);
        assertTrue(Double.isFinite(second.gradientDotPreviousDirection()) && second.gradientDotPreviousDirection() != 0);
    }

    private static Checkpoint withController(Checkpoint checkpoint, Controller controller) {
        return new Checkpoint(checkpoint.parameters(), checkpoint.optimizer(), checkpoint.signals(),
                controller, checkpoint.lossAverage(), checkpoint.nextEpoch(), checkpoint.steps(), checkpoint.history());
    }

    /** A controller scripted to roll back, to recover, and to record the signals it is shown. */
    private static final class ScriptedController implements Controller {
        final List<StepSignals> signals = new ArrayList<>();
        double rate;
        int rejectEpochs;
        boolean keepRateOnReject;
        double recoverTo = Double.NaN;
        boolean recoverAlways;

        ScriptedController(double rate) {
            this.rate = rate;
        }

        @Override
        public Set<Signal> signals() {
            return EnumSet.allOf(Signal.class);
        }

        @Override
        public void beforeUpdate(TrainingState state, StepSignals measured) {
            signals.add(measured);
        }

        @Override
        public double learningRate() {
            return rate;
        }

        @Override
        public void afterStep(TrainingState state) {
        }

        @Override
        public void afterEpoch(TrainingState state) {
        }

        @Override
        public boolean mayRollBack() {
            return true;
        }

        @Override
        public boolean rollBack() {
            if (rejectEpochs-- > 0) {
                rate = keepRateOnReject ? rate : rate / 2;
                return true;
            }
            return false;
        }

        @Override
        public boolean recoverFromDivergence() {
            if (recoverAlways) {
                return true;
            }
            if (Double.isNaN(recoverTo)) {
                return false;
            }
            rate = recoverTo;
            recoverTo = Double.NaN;
            return true;
        }

        @Override
        public Controller copy() {
            // Shared on purpose: the test reads what the trial's controller saw.
            return this;
        }
    }
}
