package dev.psi.lab.fit;

import dev.psi.core.spec.Echo;
import java.util.Locale;

/** What {@code psi fit --kind} fits. */
public enum FitKind {
    /** A closed form: parametric families and symbolic regression, the knee of their Pareto front. */
    FORMULA,
    /** An ensemble of small multilayer perceptrons giving ln α. */
    NETWORK,
    /** A quadratic model of r over (features, ln α), and Ψ its argmax in α, as a formula. */
    SURFACE;

    /** The word on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code word}.
     *
     * @throws IllegalArgumentException if there is none; the message lists the valid words
     */
    public static FitKind ofWord(String word) {
        for (FitKind kind : values()) {
            if (kind.word().equals(word)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind " + Echo.quote(word) + "; valid: formula, network, surface");
    }
}
