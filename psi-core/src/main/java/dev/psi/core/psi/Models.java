package dev.psi.core.psi;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Checks shared by the {@link PsiModel} implementations. */
final class Models {

    private Models() {
    }

    /** The features as an immutable list, each once, each with a range in {@code fit}, and no range for others. */
    static List<PsiFeature> checkedFeatures(List<PsiFeature> features, FitInfo fit) {
        List<PsiFeature> copy = List.copyOf(features);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one feature");
        }
        Set<PsiFeature> seen = EnumSet.noneOf(PsiFeature.class);
        for (PsiFeature feature : copy) {
            if (!seen.add(feature)) {
                throw new IllegalArgumentException("feature " + feature.word() + " is listed twice");
            }
            if (Double.isNaN(fit.low(feature))) {
                throw new IllegalArgumentException("feature_ranges has no range for " + feature.word());
            }
        }
        for (PsiFeature feature : fit.featureRanges().keySet()) {
            if (!seen.contains(feature)) {
                throw new IllegalArgumentException("feature_ranges has a range for " + feature.word()
                        + ", which is not among the features");
            }
        }
        return copy;
    }

    static void checkLength(double[] values, List<PsiFeature> features) {
        if (values.length != features.size()) {
            throw new IllegalArgumentException("expected " + features.size() + " feature values " + words(features)
                    + ", got " + values.length);
        }
    }

    /** The features' names, e.g. {@code [loss_ratio, epoch]}. */
    static String words(List<PsiFeature> features) {
        List<String> words = new ArrayList<>(features.size());
        features.forEach(feature -> words.add(feature.word()));
        return words.toString();
    }
}
