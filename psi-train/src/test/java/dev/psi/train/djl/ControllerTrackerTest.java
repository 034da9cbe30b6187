package dev.psi.train.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;
import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.Examples;
import dev.psi.train.data.TeacherStudent;
import dev.psi.train.engine.TorchRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Psi controller driving a plain DJL EasyTrain loop, as the README shows. */
class ControllerTrackerTest {

    private static final int BATCH = 100;

    @Test
    void stepIntervalControllerAdvancesOncePerBatchInEasyTrain() throws IOException, TranslateException {
        String spec = "OneCycleLR(max_lr=0.2,total_steps=30)";
        ControllerTracker psi = ControllerTracker.of(spec, 10, 2);
        fit(psi, 2);
        // 2 epochs × 10 batches = 20 ticks: the tracker now returns the schedule's value at tick 20.
        double[] trace = Controllers.trace(Spec.parse(spec), new ControllerContext(10, 2), 21, null);
        assertEquals((float) trace[20], psi.getNewValue(0));
    }

    @Test
    void controllerSeesEveryBatchLossAndTheValidationMetricsOfEveryEpoch() throws IOException, TranslateException {
        Recording recording = new Recording();
        fit(ControllerTracker.of(recording, 10, 3), 3);
        assertEquals(30, recording.steps.size());
        assertEquals(30L, recording.steps.get(29).step());
        assertTrue(recording.steps.stream().allMatch(s -> Double.isFinite(s.batchLoss()) && s.batchLoss() > 0));
        assertEquals(List.of(0, 1, 2), recording.epochs.stream().map(TrainingState::epoch).toList());
        for (TrainingState epoch : recording.epochs) {
            assertTrue(Double.isFinite(epoch.valLoss()) && epoch.valLoss() > 0, epoch.toString());
            assertTrue(epoch.valAccuracy() >= 0 && epoch.valAccuracy() <= 1, epoch.toString());
            assertTrue(Double.isFinite(epoch.epochLoss()), epoch.toString());
        }
    }

    @Test
    void updateKUsesTheRateOfTickKAsInPyTorch() throws IOException, TranslateException {
        Recording recording = new Recording();
        fit(ControllerTracker.of(recording, 10, 1), 1);
        // For every batch: the loss is shown, then DJL reads the rate for the update, then the tick.
        List<String> first = recording.events.subList(0, recording.events.indexOf("after"));
        assertEquals("before", first.get(0));
        assertTrue(first.size() > 1 && first.subList(1, first.size()).stream().allMatch("rate"::equals), first.toString());
        assertEquals(10, recording.events.stream().filter("before"::equals).count());
        assertEquals(10, recording.events.stream().filter("after"::equals).count());
    }

    /** A controller that keeps a constant rate and records what it is shown. */
    private static final class Recording implements Controller {
        final List<TrainingState> steps = new ArrayList<>();
        final List<TrainingState> epochs = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public double learningRate() {
            events.add("rate");
            return 0.1;
        }

        @Override
        public void beforeUpdate(TrainingState state, StepSignals signals) {
            events.add("before");
        }

        @Override
        public void afterStep(TrainingState state) {
            events.add("after");
            steps.add(state);
        }

        @Override
        public void afterEpoch(TrainingState state) {
            epochs.add(state);
        }

        @Override
        public Controller copy() {
            return this;
        }
    }

    private static void fit(ControllerTracker psi, int epochs) throws IOException, TranslateException {
        TorchRuntime.seed(1);
        DataSplit data = TeacherStudent.defaults().generate(1000, 1);
        try (NDManager manager = TorchRuntime.engine().newBaseManager();
                Model model = Model.newInstance("tracker-test", TorchRuntime.engine().getEngineName())) {
            model.setBlock(new SequentialBlock()
                    .add(Linear.builder().setUnits(32).build())
                    .add(Activation::relu)
                    .add(Linear.builder().setUnits(4).build()));
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(psi).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(sgd)
                    .addTrainingListeners(psi);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 20));
                EasyTrain.fit(trainer, epochs, dataset(manager, data.train()), dataset(manager, data.validation()));
            }
        }
    }

    private static ArrayDataset dataset(NDManager manager, Examples examples) {
        return new ArrayDataset.Builder()
                .setData(manager.create(examples.features(), new Shape(examples.count(), examples.featureSize())))
                .optLabels(manager.create(examples.targets()))
                .setSampling(BATCH, false)
                .build();
    }
}
