package dev.psi.lab.surface;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The long-horizon labeller's candidate schedules for one task and seed: N points of a K-dimensional Halton
 * sequence (bases 2, 3, 5, …), shifted modulo 1 by a random vector drawn from the trial seed (a
 * Cranley–Patterson rotation), each coordinate u mapped log-uniformly to a knot rate lrMin·(lrMax/lrMin)^u.
 *
 * <p>Quasi-random rather than random because N is small (about 30) and the search should leave no large
 * hole in the box of knot rates: the sequence starts at index 0, so with one knot and N a power of two the N
 * rates are spread exactly evenly, one every ln(lrMax/lrMin)/N in ln α (and within a factor 2 of that for
 * any N). The shift makes different seeds try different schedules while the same seed always tries the same.
 */
final class ScheduleCandidates {

    /** Knots supported: one dimension per prime base below. */
    static final int MAX_DIMENSIONS = 12;

    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};

    /** Keeps the shift's stream apart from other uses of the trial seed. */
    private static final long STREAM = 0x5ced_0c4e_d01e_5L;

    private ScheduleCandidates() {
    }

    /**
     * The {@code mode.count()} candidate schedules of a trial.
     *
     * @param low the smallest knot rate
     * @param high the largest knot rate, above {@code low}
     * @param epochs E, the epoch budget
     * @param seed the trial seed
     */
    static List<LogLinearSchedule> draw(SamplingMode.Schedules mode, double low, double high, int epochs, long seed) {
        if (!(low > 0 && low < high && Double.isFinite(high))) {
            throw new IllegalArgumentException("the knot rates need 0 < low < high, got " + low + " and " + high);
        }
        SplittableRandom random = new SplittableRandom(seed ^ STREAM);
        double[] shift = new double[mode.knots()];
        for (int k = 0; k < shift.length; k++) {
            shift[k] = random.nextDouble();
        }
        double span = Math.log(high / low);
        List<LogLinearSchedule> schedules = new ArrayList<>(mode.count());
        for (int n = 0; n < mode.count(); n++) {
            List<Double> rates = new ArrayList<>(mode.knots());
            for (int k = 0; k < mode.knots(); k++) {
                double u = radicalInverse(n, PRIMES[k]) + shift[k];
                rates.add(low * Math.exp(span * (u - Math.floor(u))));
            }
            schedules.add(new LogLinearSchedule(rates, epochs));
        }
        return schedules;
    }

    /** The van der Corput radical inverse of {@code n} in {@code base}: its digits mirrored about the point. */
    static double radicalInverse(long n, int base) {
        double inverse = 0;
        double scale = 1.0 / base;
        for (long rest = n; rest > 0; rest /= base) {
            inverse += (rest % base) * scale;
            scale /= base;
        }
        return inverse;
    }
}
