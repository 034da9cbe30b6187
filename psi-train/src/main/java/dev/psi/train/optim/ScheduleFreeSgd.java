package dev.psi.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Schedule-Free SGD ({@code SGDScheduleFree} of the {@code schedulefree} package): the base step is
 * plain SGD, d = g + λy, and β is the momentum; see {@link ScheduleFree} for the recursion.
 */
final class ScheduleFreeSgd extends ScheduleFree {

    ScheduleFreeSgd(NDManager manager, double momentum, int warmupSteps, double r, double weightLrPower,
            double weightDecay) {
        super("ScheduleFreeSGD", 2, manager, momentum, warmupSteps, r, weightLrPower, weightDecay);
    }

    @Override
    NDArray direction(NDArray y, NDArray gradient, NDArray[] state, long step) {
        return gradient;
    }
}
