package dev.psi.core.psi;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fit knows of where its Ψ may be trusted and how well it did: the learning rates and the
 * feature values its data covered, its validation scores, and where the data came from. The
 * {@link PsiController} clamps α to {@code [minLr, maxLr]} and does not follow the model outside the
 * feature ranges.
 *
 * @param minLr the smallest α in the fitted data, {@code >= 0}
 * @param maxLr the largest α in the fitted data, {@code >= minLr}
 * @param featureRanges for each feature, {@code [min, max]} of its values in the fitted data
 * @param metrics validation scores by name, e.g. {@code loto_rmse_log_lr} (leave-one-task-out RMSE of
 *     ln α) and {@code r2}; {@code NaN} where a score is undefined
 * @param studies the studies whose surface was fitted
 * @param tasks the tasks whose surface was fitted
 * @param pareto the Pareto front of size against error of a symbolic-regression fit; empty otherwise
 */
public record FitInfo(
        double minLr,
        double maxLr,
        Map<PsiFeature, double[]> featureRanges,
        Map<String, Double> metrics,
        List<String> studies,
        List<String> tasks,
        List<ParetoPoint> pareto) implements Serializable {

    private static final long serialVersionUID = 1L;

    public FitInfo {
        if (!(minLr >= 0 && minLr <= maxLr && Double.isFinite(maxLr))) {
            throw new IllegalArgumentException("lr_range must be finite with 0 <= min <= max, got [" + minLr + ", "
                    + maxLr + "]");
        }
        EnumMap<PsiFeature, double[]> ranges = new EnumMap<>(PsiFeature.class);
        featureRanges.forEach((feature, range) -> {
            Objects.requireNonNull(feature, "feature");
            if (range == null || range.length != 2 || !Double.isFinite(range[0]) || !Double.isFinite(range[1])
                    || range[0] > range[1]) {
                throw new IllegalArgumentException("the range of " + feature.word() + " must be [min, max] with finite "
                        + "min <= max, got " + (range == null ? "none" : Arrays.toString(range)));
            }
            ranges.put(feature, range.clone());
        });
        featureRanges = Collections.unmodifiableMap(ranges);
        metrics.forEach((name, value) -> {
            Objects.requireNonNull(name, "metric name");
            Objects.requireNonNull(value, () -> "metric " + name);
        });
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        studies = List.copyOf(studies);
        tasks = List.copyOf(tasks);
        pareto = List.copyOf(pareto);
    }

    /** A fit known only by its ranges: no scores, no provenance, no Pareto front. */
    public static FitInfo of(double minLr, double maxLr, Map<PsiFeature, double[]> featureRanges) {
        return new FitInfo(minLr, maxLr, featureRanges, Map.of(), List.of(), List.of(), List.of());
    }

    /** The ranges, each a fresh {@code [min, max]} array. */
    @Override
    public Map<PsiFeature, double[]> featureRanges() {
        EnumMap<PsiFeature, double[]> copy = new EnumMap<>(PsiFeature.class);
        featureRanges.forEach((feature, range) -> copy.put(feature, range.clone()));
        return copy;
    }

    /** The lowest value of {@code feature} in the fitted data; {@code NaN} if it has no range. */
    public double low(PsiFeature feature) {
        double[] range = featureRanges.get(feature);
        return range == null ? Double.NaN : range[0];
    }

    /** The highest value of {@code feature} in the fitted data; {@code NaN} if it has no range. */
    public double high(PsiFeature feature) {
        double[] range = featureRanges.get(feature);
        return range == null ? Double.NaN : range[1];
    }

    /** α clamped to {@code [minLr, maxLr]}. */
    public double clamp(double lr) {
        return Math.min(Math.max(lr, minLr), maxLr);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FitInfo that)) {
            return false;
        }
        if (!featureRanges.keySet().equals(that.featureRanges.keySet())) {
            return false;
        }
        for (Map.Entry<PsiFeature, double[]> entry : featureRanges.entrySet()) {
            if (!Arrays.equals(entry.getValue(), that.featureRanges.get(entry.getKey()))) {
                return false;
            }
        }
        return Double.compare(minLr, that.minLr) == 0 && Double.compare(maxLr, that.maxLr) == 0
                && metrics.equals(that.metrics) && studies.equals(that.studies) && tasks.equals(that.tasks)
                && pareto.equals(that.pareto);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(minLr, maxLr, metrics, studies, tasks, pareto);
        for (Map.Entry<PsiFeature, double[]> entry : featureRanges.entrySet()) {
            hash = 31 * hash + (entry.getKey().ordinal() ^ Arrays.hashCode(entry.getValue()));
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder ranges = new StringBuilder("{");
        featureRanges.forEach((feature, range) -> ranges.append(ranges.length() == 1 ? "" : ", ")
                .append(feature.word()).append('=').append(Arrays.toString(range)));
        return "FitInfo[lr=[" + minLr + ", " + maxLr + "], featureRanges=" + ranges.append('}') + ", metrics=" + metrics
                + ", studies=" + studies + ", tasks=" + tasks + ", pareto=" + pareto + "]";
    }
}
