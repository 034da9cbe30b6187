package dev.psi.core.adaptive;

import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.StepSignals;
import dev.psi.core.controller.TrainingState;

/** The pieces of a training run that the controller tests feed in: a context, states and signals. */
final class Runs {

    static final int STEPS_PER_EPOCH = 4;
    static final ControllerContext CONTEXT = new ControllerContext(STEPS_PER_EPOCH, 10);

    private Runs() {
    }

    static Controller create(String spec) {
        return Controllers.create(spec, CONTEXT);
    }

    /** The state of a step whose batch loss is {@code loss}. */
    static TrainingState batch(double loss) {
        return new TrainingState(0, 0, STEPS_PER_EPOCH, 10, loss, loss, Double.NaN, Double.NaN, Double.NaN);
    }

    /** The state after an epoch with these training and validation losses. */
    static TrainingState epoch(double trainLoss, double valLoss) {
        return new TrainingState(0, STEPS_PER_EPOCH, STEPS_PER_EPOCH, 10, trainLoss, trainLoss, trainLoss, valLoss, 0.5);
    }

    /** The state after an epoch with this training loss (and the same validation loss). */
    static TrainingState epoch(double loss) {
        return epoch(loss, loss);
    }

    static StepSignals normSquared(double value) {
        return new StepSignals(value, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    static StepSignals dotPreviousDirection(double value) {
        return new StepSignals(Double.NaN, value, Double.NaN, Double.NaN, Double.NaN);
    }

    static StepSignals averagedDotDirection(double value) {
        return new StepSignals(Double.NaN, Double.NaN, Double.NaN, value, Double.NaN);
    }

    /** The learning rate after each epoch of {@code losses}, one value per epoch. */
    static double[] ratesAfterEpochs(Controller controller, double... losses) {
        double[] rates = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            controller.afterEpoch(epoch(losses[i]));
            rates[i] = controller.learningRate();
        }
        return rates;
    }

    /** The answer of {@code rollBack()} after each epoch of {@code losses}. */
    static boolean[] rollBacksAfterEpochs(Controller controller, double... losses) {
        boolean[] answers = new boolean[losses.length];
        for (int i = 0; i < losses.length; i++) {
            controller.afterEpoch(epoch(losses[i]));
            answers[i] = controller.rollBack();
        }
        return answers;
    }
}
