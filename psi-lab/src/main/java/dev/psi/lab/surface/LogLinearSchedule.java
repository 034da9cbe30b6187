package dev.psi.lab.surface;

import java.util.List;
import java.util.StringJoiner;

/**
 * A whole-budget learning-rate schedule, piecewise linear in ln α over the epochs: knot j sits at epoch
 * x_j = j·(E − 1)/(K − 1) with rate α_j, and α_i between two knots is the geometric interpolation of their
 * rates (one knot: a constant rate). Linear in ln α because rates matter by ratio: a schedule that halves
 * the rate between two knots does so at the same pace whatever the rate's scale.
 *
 * @param rates α_0 … α_{K−1}, the knot rates, each positive and finite
 * @param epochs E, the epoch budget the knots span
 */
record LogLinearSchedule(List<Double> rates, int epochs) {

    LogLinearSchedule {
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one knot");
        }
        for (double rate : rates) {
            if (!(rate > 0 && Double.isFinite(rate))) {
                throw new IllegalArgumentException("a knot rate must be a positive number, got " + rate);
            }
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("a schedule needs an epoch budget >= 1, got " + epochs);
        }
    }

    /** α_i, the rate of epoch {@code epoch} (epochs past the budget keep the last knot's rate). */
    double rate(int epoch) {
        int last = rates.size() - 1;
        if (last == 0 || epochs == 1) {
            return rates.get(0);
        }
        double position = Math.min(Math.max(epoch, 0), epochs - 1) * (double) last / (epochs - 1);
        int left = Math.min((int) Math.floor(position), last - 1);
        double t = position - left;
        return Math.exp((1 - t) * Math.log(rates.get(left)) + t * Math.log(rates.get(left + 1)));
    }

    /** The knot rates as text, e.g. {@code [0.1,0.03,0.01]}. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(",", "[", "]");
        rates.forEach(rate -> text.add(SamplingMode.format(rate)));
        return text.toString();
    }
}
