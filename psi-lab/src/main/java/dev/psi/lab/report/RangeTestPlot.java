package dev.psi.lab.report;

import dev.psi.lab.rangetest.RangeTestResult;
import java.util.Arrays;
import java.util.List;

/** The plot of a learning-rate range test: the smoothed loss against log₁₀ α, as fastai's {@code lr_find} draws it. */
public final class RangeTestPlot {

    private RangeTestPlot() {
    }

    /** A self-contained SVG document of {@code result} for {@code task}, the suggested rate marked. */
    public static String svg(String task, RangeTestResult result) {
        double[] x = result.rates().stream().mapToDouble(Math::log10).toArray();
        double[] y = result.smoothed().stream().mapToDouble(Double::doubleValue).toArray();
        LinePlot.Series loss = new LinePlot.Series("smoothed loss", x, y, null, null, false, false);
        String title = "Range test on " + task + (Double.isNaN(result.suggested()) ? ""
                : ", suggested α = " + Format.general(result.suggested()));
        if (Double.isNaN(result.suggested()) || y.length == 0) {
            return LinePlot.svg(title, "log10 α", "loss", List.of(loss));
        }
        double mark = Math.log10(result.suggested());
        double low = Arrays.stream(y).min().orElse(0);
        double high = Arrays.stream(y).max().orElse(1);
        LinePlot.Series suggestion = new LinePlot.Series("suggested α", new double[] {mark, mark},
                new double[] {low, high}, null, null, false, false);
        return LinePlot.svg(title, "log10 α", "loss", List.of(loss, suggestion));
    }
}
