package dev.psi.train.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.tracker.Tracker;
import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.LossAverage;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;
import dev.psi.train.engine.TrialConfig;
import java.util.Map;

/**
 * Any Psi controller as a DJL learning-rate {@link Tracker}, for a user's own {@code EasyTrain} loop.
 * It is also a {@link TrainingListener}: register the same object both as the optimizer's tracker and
 * as a training listener, so that the controller sees the batch loss after every step and the
 * validation loss and accuracy after every epoch.
 *
 * <pre>{@code
 * ControllerTracker psi = ControllerTracker.of("OneCycleLR(max_lr=0.3,epochs=10)", stepsPerEpoch, 10);
 * Optimizer sgd = Optimizer.sgd().setLearningRateTracker(psi).optMomentum(0.9f).build();
 * TrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
 *         .optOptimizer(sgd)
 *         .addTrainingListeners(psi);
 * }</pre>
 *
 * <p>Order of events: DJL's {@code EasyTrain} calls {@link #onTrainingBatch} after the batch's forward
 * and backward pass and before the optimizer update, so that is where the controller gets
 * {@code beforeUpdate} with the batch loss; the previous batch's {@code afterStep} is delivered just
 * before it (or before {@code afterEpoch}), so that update k uses the rate of tick k exactly as in
 * PyTorch's {@code optimizer.step(); scheduler.step()}. DJL asks the tracker once per parameter per
 * step; every parameter of a step gets the same α. DJL's optimizer does the update itself, so
 * gradient {@link dev.psi.core.controller.Signal}s are not available here: controllers that need them
 * get {@code NaN}; use {@code psi train} or {@code Trial} for those.
 */
public final class ControllerTracker implements Tracker, TrainingListener {

    private final LossAverage lossAverage = new LossAverage(TrialConfig.DEFAULT_LOSS_SMOOTHING);
    private final Controller controller;
    private final int stepsPerEpoch;
    private final int epochs;
    private int epoch;
    private long steps;
    private double epochLossSum;
    private int epochBatches;
    private TrainingState pendingStep;
    private double valLossSum;
    private long valCount;
    private long valCorrect;

    private ControllerTracker(Controller controller, int stepsPerEpoch, int epochs) {
        this.controller = controller;
        this.stepsPerEpoch = stepsPerEpoch;
        this.epochs = epochs;
    }

    /**
     * @param spec a controller spec such as {@code StepLR(lr=0.1,step_size=3)}
     * @param stepsPerEpoch batches per epoch of the training set
     * @param epochs the epoch budget
     */
    public static ControllerTracker of(String spec, int stepsPerEpoch, int epochs) {
        return of(Controllers.create(spec, new ControllerContext(stepsPerEpoch, epochs)), stepsPerEpoch, epochs);
    }

    /** Wraps an existing controller. */
    public static ControllerTracker of(Controller controller, int stepsPerEpoch, int epochs) {
        return new ControllerTracker(controller, stepsPerEpoch, epochs);
    }

    /** The controller this tracker drives. */
    public Controller controller() {
        return controller;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) controller.learningRate();
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        deliverPendingStep();
        double loss = meanLoss(trainer, batchData);
        double smoothed = lossAverage.add(loss);
        controller.beforeUpdate(new TrainingState(epoch, steps, stepsPerEpoch, epochs, loss, smoothed, Double.NaN,
                Double.NaN, Double.NaN), StepSignals.NONE);
        steps++;
        epochLossSum += loss;
        epochBatches++;
        pendingStep = new TrainingState(epoch, steps, stepsPerEpoch, epochs, loss, smoothed, Double.NaN, Double.NaN,
                Double.NaN);
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        for (Map.Entry<Device, NDList> entry : batchData.getPredictions().entrySet()) {
            NDList labels = batchData.getLabels().get(entry.getKey());
            NDArray predictions = entry.getValue().singletonOrThrow();
            long count = predictions.getShape().get(0);
            valLossSum += trainer.getLoss().evaluate(labels, entry.getValue()).getFloat() * count;
            valCount += count;
            if (predictions.getShape().dimension() == 2 && predictions.getShape().get(1) > 1) {
                valCorrect += predictions.argMax(1).toType(labels.singletonOrThrow().getDataType(), false)
                        .eq(labels.singletonOrThrow().reshape(-1)).sum().getLong();
            }
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        deliverPendingStep();
        double valLoss = valCount == 0 ? Double.NaN : valLossSum / valCount;
        double valAccuracy = valCount == 0 ? Double.NaN : (double) valCorrect / valCount;
        double epochLoss = epochBatches == 0 ? Double.NaN : epochLossSum / epochBatches;
        controller.afterEpoch(new TrainingState(epoch, steps, stepsPerEpoch, epochs, lossAverage.value(),
                lossAverage.value(), epochLoss, valLoss, valAccuracy));
        epoch++;
        epochLossSum = 0;
        epochBatches = 0;
        valLossSum = 0;
        valCount = 0;
        valCorrect = 0;
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        // Nothing to prepare: the controller was built with the run's size.
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        // Nothing to release.
    }

    private void deliverPendingStep() {
        if (pendingStep != null) {
            controller.afterStep(pendingStep);
            pendingStep = null;
        }
    }

    private static double meanLoss(Trainer trainer, BatchData batchData) {
        double sum = 0;
        int devices = 0;
        for (Map.Entry<Device, NDList> entry : batchData.getPredictions().entrySet()) {
            sum += trainer.getLoss().evaluate(batchData.getLabels().get(entry.getKey()), entry.getValue()).getFloat();
            devices++;
        }
        return devices == 0 ? Double.NaN : sum / devices;
    }
}
