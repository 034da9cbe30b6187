package dev.psi.lab.report;

import dev.psi.core.criteria.ConfidenceInterval;
import dev.psi.core.criteria.Reliability;
import java.util.Locale;

/** How the report writes numbers: one place, so that the tables, the CSVs and the verdict agree. */
final class Format {

    /** What the report writes for a time of ∞: the run never reached the target within budget. */
    static final String NOT_REACHED = "not reached";

    private Format() {
    }

    /** Steps to target: a whole number, or {@value #NOT_REACHED} for ∞; "n/a" for NaN. */
    static String steps(double steps) {
        if (Double.isInfinite(steps)) {
            return NOT_REACHED;
        }
        if (Double.isNaN(steps)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f", steps);
    }

    /** A bootstrap interval of steps, e.g. {@code [120, not reached]}. */
    static String steps(ConfidenceInterval interval) {
        return interval == null ? "n/a" : "[" + steps(interval.lower()) + ", " + steps(interval.upper()) + "]";
    }

    /** Seconds with one decimal, {@value #NOT_REACHED} for ∞. */
    static String seconds(double seconds) {
        if (Double.isInfinite(seconds)) {
            return NOT_REACHED;
        }
        return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** A value in [0, 1] such as an accuracy or a profile score, with {@code digits} decimals. */
    static String fixed(double value, int digits) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    /**
     * A value that may be negative, such as a score difference, with {@code digits} decimals and a minus
     * sign (−) for a negative one; a value that rounds to zero is written without a sign.
     */
    static String signed(double value, int digits) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        String magnitude = fixed(Math.abs(value), digits);
        boolean zero = Double.parseDouble(magnitude) == 0;
        return value < 0 && !zero ? "−" + magnitude : magnitude;
    }

    /** Three significant digits, for errors, rates and metrics of any scale. */
    static String general(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3g", value);
    }

    /** A count that may be a mean: whole numbers without decimals, others with one. */
    static String count(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A fraction as a whole percentage, e.g. {@code 83 %}. */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }

    /** e.g. {@code 5/6 (83 %, 95 % CI 44–97 %)}. */
    static String reliability(Reliability reliability) {
        ConfidenceInterval ci = reliability.interval();
        return reliability.successes() + "/" + reliability.trials() + " (" + percent(reliability.fraction())
                + ", 95 % CI " + String.format(Locale.ROOT, "%.0f–%.0f %%", 100 * ci.lower(), 100 * ci.upper()) + ")";
    }
}
