package dev.psi.lab.search;

import dev.psi.core.spec.Spec;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One point of a {@link SearchSpace}: a rate, a schedule family and an optimizer.
 *
 * @param lr the base (or peak) learning rate α, already rounded to the digits its spec shows
 * @param family the schedule family
 * @param optimizer the optimizer spec, e.g. {@code SGD(momentum=0.9)}
 */
public record Point(double lr, ScheduleFamily family, Spec optimizer) {

    public Point {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("a learning rate must be positive and finite, got " + lr);
        }
    }

    /** The controller spec text of this point for a trial of {@code epochs} epochs. */
    public String controller(int epochs) {
        return family.spec(rateText(lr), epochs);
    }

    /** α as plain decimal text, which the spec parser reads back to the same double. */
    public static String rateText(double lr) {
        return BigDecimal.valueOf(lr).stripTrailingZeros().toPlainString();
    }
}
