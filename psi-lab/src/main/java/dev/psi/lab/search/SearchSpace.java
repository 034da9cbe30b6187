package dev.psi.lab.search;

import dev.psi.core.spec.Spec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;

/**
 * Where a search looks: α log-uniform in [{@code lrMin}, {@code lrMax}], one of {@code families}, one of
 * {@code optimizers}. Rates are rounded to three significant digits so that the spec a trial stores is
 * short and names exactly the rate it trained with.
 *
 * @param lrMin smallest rate, &gt; 0
 * @param lrMax largest rate, &ge; lrMin
 * @param families the schedule families, at least one, no repeats
 * @param optimizers the optimizer specs, at least one
 */
public record SearchSpace(double lrMin, double lrMax, List<ScheduleFamily> families, List<Spec> optimizers) {

    private static final MathContext DIGITS = new MathContext(3);

    public SearchSpace {
        families = List.copyOf(families);
        optimizers = List.copyOf(optimizers);
        if (!(lrMin > 0) || !(lrMax >= lrMin) || Double.isInfinite(lrMax)) {
            throw new IllegalArgumentException("the rate range needs 0 < lr-min <= lr-max, got [" + lrMin + ", "
                    + lrMax + "]");
        }
        if (families.isEmpty() || families.stream().distinct().count() != families.size()) {
            throw new IllegalArgumentException("a search needs at least one schedule family, each once");
        }
        if (optimizers.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one optimizer");
        }
        optimizers.forEach(o -> Objects.requireNonNull(o, "optimizer"));
    }

    /** ln of the range's ends, the coordinates in which α is uniform. */
    double logMin() {
        return Math.log(lrMin);
    }

    double logMax() {
        return Math.log(lrMax);
    }

    /** The rate at natural-log coordinate {@code logLr}, clipped to the range and rounded. */
    double rate(double logLr) {
        double clipped = Math.min(logMax(), Math.max(logMin(), logLr));
        double rounded = new BigDecimal(Math.exp(clipped)).round(DIGITS).doubleValue();
        return Math.min(lrMax, Math.max(lrMin, rounded));
    }

    /** Number of (family, optimizer) combinations. */
    int arms() {
        return families.size() * optimizers.size();
    }

    /** The point at rate coordinate {@code logLr} and combination {@code arm} (family-major). */
    Point point(double logLr, int arm) {
        return new Point(rate(logLr), families.get(arm / optimizers.size()), optimizers.get(arm % optimizers.size()));
    }
}
