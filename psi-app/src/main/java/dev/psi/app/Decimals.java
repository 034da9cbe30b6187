package dev.psi.app;

import java.util.Locale;

/**
 * Numbers printed with a fixed count of decimals where that reads well, and in compact scientific form
 * elsewhere: a loss of 1e27 in fixed point is 28 digits wide and breaks every column after it, and a
 * loss of 1e-9 would print as zeros. Ordinary values print exactly as {@code %.Nf} would.
 */
final class Decimals {

    /** From here up a value is printed in scientific form: no ordinary loss or metric is this large. */
    private static final double LARGE = 1e4;

    private Decimals() {
    }

    /**
     * {@code value} with {@code decimals} decimals if it is 0, not finite, or at least one unit of the
     * last decimal and below {@value #LARGE} in size; otherwise in scientific form with {@code decimals - 1}
     * significant digits ({@code 1.00e+27} for 4 decimals), about as wide as the fixed form of an ordinary
     * value, so that columns stay aligned.
     *
     * @param decimals at least 2
     */
    static String of(double value, int decimals) {
        double size = Math.abs(value);
        boolean fixed = value == 0 || !Double.isFinite(value) || (size >= Math.pow(10, -decimals) && size < LARGE);
        return String.format(Locale.ROOT, fixed ? "%." + decimals + "f" : "%." + (decimals - 2) + "e", value);
    }
}
