/**
 * Controllers that react to what training reports rather than following a fixed schedule: loss-reactive
 * ones (bold driver), loss- and gradient-driven step sizes (Polyak/SPS, L4, hypergradient), warm-up and the
 * divergence {@link dev.psi.core.adaptive.Guard}, with {@link dev.psi.core.adaptive.AdaptiveControllers} naming
 * them for the spec language. They see the {@code TrainingState} and the gradient signals the engine fills in;
 * they may use {@code dev.psi.core.controller} and {@code dev.psi.core.spec} and nothing outside psi-core.
 */
package dev.psi.core.adaptive;
