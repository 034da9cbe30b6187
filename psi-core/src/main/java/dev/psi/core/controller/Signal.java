package dev.psi.core.controller;

/**
 * A measurement of the current step that a controller may ask the engine for. The engine computes only
 * what some controller asks for ({@link Controller#signals()}), so the plain schedules pay nothing.
 * All sums run over every parameter of the model.
 */
public enum Signal {
    /** ‖g_t‖²: the squared norm of this batch's gradient (Polyak step sizes, DoG). */
    GRADIENT_NORM_SQUARED,
    /**
     * g_t · d_{t−1}: this batch's gradient against the previous step's update direction, where the
     * previous step moved θ by −α_{t−1} d_{t−1} (the hypergradient of Baydin et al. 2018).
     */
    GRADIENT_DOT_PREVIOUS_DIRECTION,
    /** g_t · d_t: this batch's gradient against the direction the optimizer is about to take. */
    GRADIENT_DOT_DIRECTION,
    /**
     * ḡ_t · d_t: a moving average of the batch gradients against the direction the optimizer is about
     * to take. ḡ is the bias-corrected exponential moving average with β = 0.9 (a time scale of 10
     * steps), the averaged gradient L4's authors divide by (Rolínek &amp; Martius 2018): one noisy batch
     * gradient nearly orthogonal to a momentum or Adam direction would otherwise make a huge step.
     */
    AVERAGED_GRADIENT_DOT_DIRECTION,
    /** ‖θ_t − θ_0‖: distance of the parameters from their initial values (DoG). */
    DISTANCE_FROM_INIT
}
