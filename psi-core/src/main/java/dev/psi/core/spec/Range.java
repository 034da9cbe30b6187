package dev.psi.core.spec;

/**
 * The valid values of a numeric argument, used to check a value and to say in an error what would
 * have been valid.
 *
 * @param low lower bound ({@code -inf} for none)
 * @param lowInclusive whether {@code low} itself is valid
 * @param high upper bound ({@code +inf} for none)
 * @param highInclusive whether {@code high} itself is valid
 */
public record Range(double low, boolean lowInclusive, double high, boolean highInclusive) {

    private static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

    public static Range any() {
        return ANY;
    }

    /** Values {@code > 0}. */
    public static Range positive() {
        return new Range(0, false, Double.POSITIVE_INFINITY, false);
    }

    /** Values {@code >= low}. */
    public static Range atLeast(double low) {
        return new Range(low, true, Double.POSITIVE_INFINITY, false);
    }

    /** Values in {@code [low, high]}. */
    public static Range closed(double low, double high) {
        return new Range(low, true, high, true);
    }

    /** Values in {@code (low, high)}. */
    public static Range open(double low, double high) {
        return new Range(low, false, high, false);
    }

    /** Values in {@code (low, high]}. */
    public static Range openClosed(double low, double high) {
        return new Range(low, false, high, true);
    }

    /** Values in {@code [low, high)}. */
    public static Range closedOpen(double low, double high) {
        return new Range(low, true, high, false);
    }

    public boolean contains(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean aboveLow = lowInclusive ? value >= low : value > low;
        boolean belowHigh = highInclusive ? value <= high : value < high;
        return aboveLow && belowHigh;
    }

    /** Human-readable form such as {@code > 0}, {@code >= 1} or {@code in [0, 1)}. */
    public String describe() {
        boolean noLow = low == Double.NEGATIVE_INFINITY;
        boolean noHigh = high == Double.POSITIVE_INFINITY;
        if (noLow && noHigh) {
            return "a finite number";
        }
        if (noHigh) {
            return (lowInclusive ? ">= " : "> ") + format(low);
        }
        if (noLow) {
            return (highInclusive ? "<= " : "< ") + format(high);
        }
        return "in " + (lowInclusive ? "[" : "(") + format(low) + ", " + format(high) + (highInclusive ? "]" : ")");
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
