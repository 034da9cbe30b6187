package dev.psi.lab.search;

import dev.psi.core.controller.Controller;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A per-epoch learning-rate schedule, as population-based training discovers it: rate k is in force for
 * every step of epoch k, and the last rate for any epoch after the list ends. {@link #controller()}
 * replays it, e.g. through {@code Trial.useController}.
 *
 * @param rates the rate of each epoch, at least one, all positive and finite
 */
public record RateSchedule(List<Double> rates) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RateSchedule {
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one rate");
        }
        for (double rate : rates) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("a rate must be positive and finite, got " + rate);
            }
        }
    }

    /** The rate in force during {@code epoch}. */
    public double rate(int epoch) {
        return rates.get(Math.min(Math.max(epoch, 0), rates.size() - 1));
    }

    /** A fresh controller that replays this schedule from epoch 0. */
    public Controller controller() {
        return new EpochRates(this);
    }

    /** {@code rates per epoch [a,b,...]}: a description, not a controller spec. */
    @Override
    public String toString() {
        return rates.stream().map(Point::rateText).collect(Collectors.joining(",", "rates per epoch [", "]"));
    }
}
