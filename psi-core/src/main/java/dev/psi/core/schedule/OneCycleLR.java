package dev.psi.core.schedule;

import java.io.Serializable;

/**
 * PyTorch {@code OneCycleLR} (Smith and Topin, "Super-Convergence"): anneals from
 * {@code initial_lr = max_lr / div_factor} up to {@code max_lr} over the first {@code pct_start} of
 * {@code total_steps}, then down to {@code min_lr = initial_lr / final_div_factor}; with
 * {@code three_phase} it comes back down to {@code initial_lr} symmetrically before annealing to
 * {@code min_lr}. Annealing is cosine, {@code end + (start − end)/2 · (1 + cos(π · pct))}, or linear.
 *
 * <p>Not chainable: it ignores the lr in force. Like PyTorch it fails when stepped more than
 * {@code total_steps} times. Momentum cycling is left out: Psi controls only the learning rate.
 */
final class OneCycleLR extends LrScheduler {

    private static final long serialVersionUID = 1L;

    /** Where a phase starts or ends: entries of PyTorch's param group. */
    private enum Level {
        INITIAL, MAX, MIN
    }

    /** One phase of the cycle, ending (inclusively) at step {@code endStep}. */
    private record Phase(double endStep, Level from, Level to) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    private final int totalSteps;
    private final Phase[] phases;
    private final boolean cosine;

    OneCycleLR(ParamGroup group, double maxLr, int totalSteps, double pctStart, boolean cosine,
            double divFactor, double finalDivFactor, boolean threePhase) {
        super(group);
        this.totalSteps = totalSteps;
        this.cosine = cosine;
        this.phases = threePhase
                ? new Phase[] {
                    new Phase(pctStart * totalSteps - 1, Level.INITIAL, Level.MAX),
                    new Phase(2 * pctStart * totalSteps - 2, Level.MAX, Level.INITIAL),
                    new Phase(totalSteps - 1, Level.INITIAL, Level.MIN)}
                : new Phase[] {
                    new Phase(pctStart * totalSteps - 1, Level.INITIAL, Level.MAX),
                    new Phase(totalSteps - 1, Level.MAX, Level.MIN)};
        double initialLr = maxLr / divFactor;
        group.setInitialLr(initialLr);
        group.setCycleBounds(maxLr, initialLr / finalDivFactor);
        start();
    }

    private OneCycleLR(OneCycleLR from, ParamGroup group) {
        super(from, group);
        this.totalSteps = from.totalSteps;
        this.phases = from.phases;
        this.cosine = from.cosine;
    }

    @Override
    double chainedLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("OneCycleLR: tried to step " + (stepNum + 1)
                    + " times; the specified number of total steps is " + totalSteps);
        }
        double startStep = 0;
        for (int i = 0; i < phases.length; i++) {
            Phase phase = phases[i];
            if (stepNum <= phase.endStep() || i == phases.length - 1) {
                if (phase.endStep() == startStep) {
                    throw new IllegalStateException("OneCycleLR: phase " + (i + 1) + " has no steps at step "
                            + stepNum + " (PyTorch divides by zero here); change pct_start or total_steps");
                }
                double pct = (stepNum - startStep) / (phase.endStep() - startStep);
                return anneal(level(phase.from()), level(phase.to()), pct);
            }
            startStep = phase.endStep();
        }
        throw new AssertionError("the last phase always matches");
    }

    private double level(Level level) {
        return switch (level) {
            case INITIAL -> group.initialLr();
            case MAX -> group.maxLr();
            case MIN -> group.minLr();
        };
    }

    private double anneal(double start, double end, double pct) {
        if (cosine) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    @Override
    public OneCycleLR copyOnto(ParamGroup group) {
        return new OneCycleLR(this, group);
    }
}
