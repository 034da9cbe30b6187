package dev.psi.lab.search;

import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The optimizers a search tries for a task trained with {@code optimizer}: for SGD, momentum ∈ {0, 0.9} —
     * the spec without momentum (nor {@code nesterov}, which needs it) and the spec with {@code momentum=0.9},
     * every other argument kept (e.g. {@code SGD()} and {@code SGD(momentum=0.9)}); any other optimizer alone.
     */
    public static List<Spec> momentumChoices(Spec optimizer) {
        if (!optimizer.name().equals("SGD")) {
            return List.of(optimizer);
        }
        Map<String, SpecValue> plain = new LinkedHashMap<>(optimizer.args());
        plain.remove("momentum");
        plain.remove("nesterov");
        Map<String, SpecValue> heavy = new LinkedHashMap<>();
        heavy.put("momentum", new SpecValue.Number(0.9, "0.9"));
        optimizer.args().forEach((key, value) -> {
            if (!key.equals("momentum")) {
                heavy.put(key, value);
            }
        });
        return List.of(new Spec("SGD", plain), new Spec("SGD", heavy));
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
