package dev.psi.core.controller;

/**
 * The values of the {@link Signal}s for one step; those no controller asked for are {@code NaN}.
 *
 * @param gradientNormSquared ‖g_t‖²
 * @param gradientDotPreviousDirection g_t · d_{t−1} ({@code 0} at the first step)
 * @param gradientDotDirection g_t · d_t
 * @param averagedGradientDotDirection ḡ_t · d_t
 * @param distanceFromInit ‖θ_t − θ_0‖
 */
public record StepSignals(
        double gradientNormSquared,
        double gradientDotPreviousDirection,
        double gradientDotDirection,
        double averagedGradientDotDirection,
        double distanceFromInit) {

    /** No signal measured. */
    public static final StepSignals NONE = new StepSignals(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
