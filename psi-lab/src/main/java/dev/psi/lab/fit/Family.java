package dev.psi.lab.fit;

import static dev.psi.lab.fit.Term.add;
import static dev.psi.lab.fit.Term.exp;
import static dev.psi.lab.fit.Term.feature;
import static dev.psi.lab.fit.Term.fixed;
import static dev.psi.lab.fit.Term.literal;
import static dev.psi.lab.fit.Term.ln;
import static dev.psi.lab.fit.Term.multiply;
import static dev.psi.lab.fit.Term.parameter;
import static dev.psi.lab.fit.Term.subtract;

import dev.psi.core.psi.PsiFeature;
import java.util.Locale;
import java.util.Set;

/**
 * The parametric families of Ψ fitted by nonlinear least squares on ln α (ρ = ε/ε₀, i the epoch, E the
 * budget, f = i/E):
 *
 * <ul>
 *   <li>{@link #CONSTANT}: α = a, the baseline every other formula must beat.
 *   <li>{@link #POWER}: α = a·ρ^b·(1 + i)^c — a power of the loss times an inverse-power decay in the
 *       epoch (Robbins–Monro rates for c = −1/2, −1).
 *   <li>{@link #EXPONENTIAL}: α = a·ρ^b·e^(−c·i) — the loss power times {@code ExponentialLR}'s decay.
 *   <li>{@link #HORIZON}: α = a·ρ^b·(d − f)^c with d = 1 + e^δ &gt; 1 — the loss power times a
 *       polynomial decay toward the end of the budget, as {@code PolynomialLR} decays over its horizon.
 *       The floor d − 1 &gt; 0 keeps α finite and nonzero at f = 1, where the plain (1 − f)^c would be 0
 *       or infinite; it is fitted (through δ, so that it stays positive) rather than fixed, because
 *       where the decay ends is part of what the data should say. Of the horizon-aware forms this one
 *       needs only the grammar's {@code ^}, so the formula text stays a product of powers.
 * </ul>
 *
 * <p>Each is linear in ln a, b and c on the log scale, and the fit is done there: ln α = ln a + b ln ρ +
 * c·g(i), so that an error of 10 % in α weighs the same at α = 1e-4 as at 1. The formula text is the
 * product form, with the features {@code loss_ratio}, {@code epoch} and {@code epoch_fraction}.
 */
enum Family {
    CONSTANT,
    POWER,
    EXPONENTIAL,
    HORIZON;

    /**
     * Whether the family may take part given the features the user allowed: the loss ratio (as
     * {@code loss_ratio} or {@code log_loss_ratio}) and the epoch variable it decays in.
     */
    boolean allowed(Set<PsiFeature> features) {
        boolean loss = features.contains(PsiFeature.LOSS_RATIO) || features.contains(PsiFeature.LOG_LOSS_RATIO);
        return switch (this) {
            case CONSTANT -> true;
            case POWER, EXPONENTIAL -> loss && features.contains(PsiFeature.EPOCH);
            case HORIZON -> loss && features.contains(PsiFeature.EPOCH_FRACTION);
        };
    }

    /** ln α as a term in parameters p0 = ln a, p1 = b, p2 = c (and p3 = δ for {@link #HORIZON}). */
    Term term() {
        Term scale = parameter(0);
        if (this == CONSTANT) {
            return scale;
        }
        Term loss = add(scale, multiply(parameter(1), ln(feature(PsiFeature.LOSS_RATIO))));
        return switch (this) {
            case POWER -> add(loss, multiply(parameter(2), ln(add(fixed(1), feature(PsiFeature.EPOCH)))));
            case EXPONENTIAL -> subtract(loss, multiply(parameter(2), feature(PsiFeature.EPOCH)));
            default -> add(loss, multiply(parameter(2),
                    ln(subtract(add(fixed(1), exp(parameter(3))), feature(PsiFeature.EPOCH_FRACTION)))));
        };
    }

    /** Where Levenberg–Marquardt starts: α constant at the data's geometric mean, the floor d − 1 at 0.1. */
    double[] start(double meanLogLr) {
        return switch (this) {
            case CONSTANT -> new double[] {meanLogLr};
            case POWER, EXPONENTIAL -> new double[] {meanLogLr, 0, 0};
            case HORIZON -> new double[] {meanLogLr, 0, 0, Math.log(0.1)};
        };
    }

    /** α as formula text, e.g. {@code 0.3*loss_ratio^0.5*(1 + epoch)^-0.2}. */
    String formula(double[] p) {
        String a = literal(Math.exp(p[0]));
        if (this == CONSTANT) {
            return a;
        }
        String loss = a + " * loss_ratio^" + literal(p[1]);
        return switch (this) {
            case POWER -> loss + " * (1 + epoch)^" + literal(p[2]);
            case EXPONENTIAL -> loss + " * exp(" + literal(-p[2]) + " * epoch)";
            default -> loss + " * (" + literal(1 + Math.exp(p[3])) + " - epoch_fraction)^" + literal(p[2]);
        };
    }

    /** The name in the Pareto front and messages, e.g. {@code power}. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
