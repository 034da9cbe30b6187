package dev.psi.lab.surface;

import dev.psi.core.criteria.Target;
import dev.psi.core.spec.Echo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * How a sampling study chooses the learning rate α_i of each epoch: a random walk, a constant-rate
 * grid, the greedy oracle's branching search, or the long-horizon labeller's search over whole-budget
 * schedules. Every mode keeps α constant within an epoch, so that each epoch is one sample
 * (ε_i, α_i) → r_i of the surface.
 *
 * <p>A trial records its mode as its controller spec text ({@link Walk#spec}, {@link Grid#spec},
 * {@link Oracle#spec}, {@link Schedules#spec}), with every value that changes the numbers written out:
 * rerunning a study finds the trials it already ran by that text.
 */
public sealed interface SamplingMode {

    /**
     * The mode's name as the command line writes it: {@code walk}, {@code grid}, {@code oracle} or
     * {@code schedules}.
     */
    String name();

    /**
     * Whether the mode searches: it trains epochs it does not keep (the oracle's branches, the labeller's
     * losing schedules), so its trials record how many epochs they trained in all.
     */
    default boolean searches() {
        return false;
    }

    /**
     * A random walk in log α: α_0 = the start rate, α_{i+1} = α_i · e^{σZ} with Z ~ N(0, 1) drawn from a
     * generator seeded by the trial seed, clamped to [lrMin, lrMax].
     *
     * @param sigma σ, the standard deviation of one step of ln α
     * @param lrMin the smallest rate
     * @param lrMax the largest rate
     * @param lrStart α_0, or empty for the optimizer family's default rate (clamped to the bounds)
     */
    record Walk(double sigma, double lrMin, double lrMax, OptionalDouble lrStart) implements SamplingMode {

        public Walk {
            requirePositive("--sigma", sigma);
            requirePositive("--lr-min", lrMin);
            requirePositive("--lr-max", lrMax);
            if (lrMin >= lrMax) {
                throw new IllegalArgumentException("--lr-min must be below --lr-max, got " + format(lrMin) + " and "
                        + format(lrMax));
            }
            if (lrStart.isPresent()) {
                double start = lrStart.getAsDouble();
                requirePositive("--lr-start", start);
                if (start < lrMin || start > lrMax) {
                    throw new IllegalArgumentException("--lr-start must lie in [--lr-min, --lr-max] = [" + format(lrMin)
                            + ", " + format(lrMax) + "], got " + format(start));
                }
            }
        }

        @Override
        public String name() {
            return "walk";
        }

        /** α_0 for an optimizer whose default rate is {@code defaultLr}. */
        public double start(double defaultLr) {
            return clamp(lrStart.orElse(defaultLr));
        }

        /** {@code rate} moved into [lrMin, lrMax]. */
        public double clamp(double rate) {
            return Math.min(lrMax, Math.max(lrMin, rate));
        }

        /** The controller spec text of a walk starting at {@code start}, e.g. {@code walk(sigma=0.5,...)}. */
        public String spec(double start) {
            return "walk(sigma=" + format(sigma) + ",lr_min=" + format(lrMin) + ",lr_max=" + format(lrMax)
                    + ",lr_start=" + format(start) + ")";
        }
    }

    /**
     * One trial per rate and seed, each at a constant rate throughout.
     *
     * @param rates the rates, each positive
     */
    record Grid(List<Double> rates) implements SamplingMode {

        public Grid {
            rates = List.copyOf(rates);
            requireRates("--grid", rates);
        }

        @Override
        public String name() {
            return "grid";
        }

        /** The controller spec text of the trial at {@code rate}: the real controller {@code Constant(lr=...)}. */
        public static String spec(double rate) {
            return "Constant(lr=" + format(rate) + ")";
        }
    }

    /**
     * The oracle: at each epoch i, from a checkpoint, train every candidate α_{i−1} · m for {@code horizon}
     * epochs, keep the one with the best objective, and continue from its first epoch.
     *
     * @param candidates the factors m applied to the previous epoch's rate, each positive
     * @param horizon H, the epochs of lookahead per candidate (cut short by the epoch budget)
     * @param objective what "best" means after the lookahead
     * @param lrStart α_{−1}, the rate the first epoch's factors apply to, or empty for the optimizer
     *     family's default rate
     */
    record Oracle(List<Double> candidates, int horizon, Objective objective, OptionalDouble lrStart)
            implements SamplingMode {

        public Oracle {
            candidates = List.copyOf(candidates);
            requireRates("--candidates", candidates);
            if (horizon < 1) {
                throw new IllegalArgumentException("--horizon must be >= 1, got " + horizon);
            }
            if (objective == null) {
                throw new IllegalArgumentException("the oracle needs an objective");
            }
            if (lrStart.isPresent()) {
                requirePositive("--lr-start", lrStart.getAsDouble());
            }
        }

        @Override
        public String name() {
            return "oracle";
        }

        @Override
        public boolean searches() {
            return true;
        }

        /** α_{−1} for an optimizer whose default rate is {@code defaultLr}. */
        public double start(double defaultLr) {
            return lrStart.orElse(defaultLr);
        }

        /**
         * The controller spec text, e.g.
         * {@code oracle(candidates=[0.5,1,2],horizon=1,objective=val_loss,lr_start=0.1)}.
         */
        public String spec(double start) {
            StringJoiner factors = new StringJoiner(",", "[", "]");
            candidates.forEach(m -> factors.add(format(m)));
            return "oracle(candidates=" + factors + ",horizon=" + horizon + ",objective=" + objective.word()
                    + ",lr_start=" + format(start) + ")";
        }
    }

    /**
     * The long-horizon labeller: per task and seed, {@code count} whole-budget schedules, each piecewise
     * linear in ln α over the epoch budget E with {@code knots} knots at epochs j·(E − 1)/(K − 1), their knot
     * rates drawn quasi-randomly and log-uniformly in [lrMin, lrMax] ({@link ScheduleCandidates}), are each
     * trained for the full budget from the same initialization; the best one by the task's criterion is kept
     * as the trial's trajectory ({@link ScheduleSearch}).
     *
     * <p>Why: the greedy oracle ({@link Oracle} with a one-epoch horizon) judges a rate by the loss one epoch
     * later, and a smaller rate always looks better over so short a horizon because it cuts the gradient
     * noise at once while the progress it gives up shows only later: its labels are too small. Wu, Ren,
     * Liao and Grosse (2018, "Understanding short-horizon bias in stochastic meta-optimization", ICLR) show
     * it on the noisy quadratic. Judging whole schedules at the end of the budget removes that bias, at a
     * cost of {@code count} × E epochs per trajectory.
     *
     * @param count N, the candidate schedules per task and seed
     * @param knots K, the knots of each schedule; 1 gives constant rates
     * @param lrMin the smallest knot rate, or empty for the optimizer family's default rate / 10
     * @param lrMax the largest knot rate, or empty for the optimizer family's default rate × 10
     */
    record Schedules(int count, int knots, OptionalDouble lrMin, OptionalDouble lrMax) implements SamplingMode {

        /** N when the command line gives none: at least 30, so that the search resolves a rate to ~15 %. */
        public static final int DEFAULT_COUNT = 32;

        /** K when the command line gives none: knots at epochs 0, (E − 1)/3, 2(E − 1)/3 and E − 1. */
        public static final int DEFAULT_KNOTS = 4;

        /** The most knots: one dimension of the quasi-random sequence each ({@link ScheduleCandidates}). */
        public static final int MAX_KNOTS = ScheduleCandidates.MAX_DIMENSIONS;

        public Schedules {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be >= 1, got " + count);
            }
            if (knots < 1 || knots > MAX_KNOTS) {
                throw new IllegalArgumentException("--knots must be in 1.." + MAX_KNOTS + ", got " + knots);
            }
            if (lrMin.isPresent()) {
                requirePositive("--lr-min", lrMin.getAsDouble());
            }
            if (lrMax.isPresent()) {
                requirePositive("--lr-max", lrMax.getAsDouble());
            }
            if (lrMin.isPresent() && lrMax.isPresent() && lrMin.getAsDouble() >= lrMax.getAsDouble()) {
                throw new IllegalArgumentException("--lr-min must be below --lr-max, got " + format(lrMin.getAsDouble())
                        + " and " + format(lrMax.getAsDouble()));
            }
        }

        /** The defaults: {@value #DEFAULT_COUNT} schedules of {@value #DEFAULT_KNOTS} knots, the family's range. */
        public static Schedules defaults() {
            return new Schedules(DEFAULT_COUNT, DEFAULT_KNOTS, OptionalDouble.empty(), OptionalDouble.empty());
        }

        @Override
        public String name() {
            return "schedules";
        }

        @Override
        public boolean searches() {
            return true;
        }

        /**
         * The smallest knot rate for an optimizer whose default rate is {@code defaultLr}.
         *
         * @throws IllegalArgumentException if it is not below {@link #high}
         */
        public double low(double defaultLr) {
            double low = lrMin.orElse(defaultLr / 10);
            double high = lrMax.orElse(defaultLr * 10);
            if (!(low < high)) {
                throw new IllegalArgumentException("--lr-min must be below --lr-max, got " + format(low) + " and "
                        + format(high) + " (the optimizer's default rate is " + format(defaultLr) + ")");
            }
            return low;
        }

        /** The largest knot rate for an optimizer whose default rate is {@code defaultLr}. */
        public double high(double defaultLr) {
            low(defaultLr);
            return lrMax.orElse(defaultLr * 10);
        }

        /**
         * The controller spec text, e.g. {@code schedules(count=32,knots=4,lr_min=0.01,lr_max=1)}, followed by
         * {@code ,target_metric=val_accuracy,target=0.85} when the candidates are judged by time to a target.
         */
        public String spec(double low, double high, Optional<Target> target) {
            String targetText = target.map(t -> ",target_metric=" + t.metric().word() + ",target=" + format(t.value()))
                    .orElse("");
            return "schedules(count=" + count + ",knots=" + knots + ",lr_min=" + format(low) + ",lr_max="
                    + format(high) + targetText + ")";
        }
    }

    /** What the oracle minimizes at the end of a candidate's lookahead. */
    enum Objective {
        /** The validation loss after the last lookahead epoch. */
        VAL_LOSS,
        /** The smoothed training loss ε at the end of the lookahead. */
        TRAIN_LOSS;

        /** The word the command line and the spec text use: {@code val_loss} or {@code train_loss}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The objective called {@code word}.
         *
         * @throws IllegalArgumentException naming the valid words
         */
        public static Objective of(String word) {
            for (Objective objective : values()) {
                if (objective.word().equals(word)) {
                    return objective;
                }
            }
            throw new IllegalArgumentException("unknown objective " + Echo.quote(word) + "; valid: val_loss, train_loss");
        }
    }

    /**
     * A rate as spec text: the shortest plain decimal, so that {@code 1e-3} and {@code 0.001} name the same
     * trial ({@code 0.001}) and {@code 3} stays {@code 3}.
     */
    static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static void requirePositive(String option, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(option + " must be a positive number, got "
                    + (Double.isFinite(value) ? format(value) : Double.toString(value)));
        }
    }

    private static void requireRates(String option, List<Double> rates) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException(option + " needs at least one value");
        }
        for (double rate : rates) {
            requirePositive(option, rate);
        }
        if (rates.stream().distinct().count() != rates.size()) {
            throw new IllegalArgumentException(option + " lists a value twice: " + rates.stream()
                    .map(SamplingMode::format).toList());
        }
    }
}
