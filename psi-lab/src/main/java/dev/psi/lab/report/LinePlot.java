package dev.psi.lab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines with optional shaded bands (e.g. the median of seeds inside their min–max range), drawn as
 * plain SVG by {@link SvgFrame}. Non-finite points break a line rather than being drawn.
 */
final class LinePlot {

    /** Tableau 10: distinct hues that stay distinguishable for the common colour-vision deficiencies. */
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    /**
     * One line of a plot.
     *
     * @param name the legend entry
     * @param x the horizontal values
     * @param y the vertical values, as many as {@code x}
     * @param low the lower edge of the band, or {@code null} for no band
     * @param high the upper edge of the band, or {@code null}
     * @param step whether to draw a right-continuous step function instead of straight segments
     * @param markers whether to mark each point with a dot
     */
    record Series(String name, double[] x, double[] y, double[] low, double[] high, boolean step, boolean markers) {

        Series {
            if (x.length != y.length || low != null && low.length != x.length
                    || high != null && high.length != x.length) {
                throw new IllegalArgumentException("series " + name + ": arrays of different lengths");
            }
        }

        /** A plain line. */
        static Series line(String name, double[] x, double[] y) {
            return new Series(name, x, y, null, null, false, false);
        }
    }

    private LinePlot() {
    }

    /** The plot of {@code series} as an {@code <svg>} element. */
    static String svg(String title, String xTitle, String yTitle, List<Series> series) {
        double[] xRange = range(series, true);
        double[] yRange = range(series, false);
        SvgFrame frame = new SvgFrame(title, xTitle, yTitle, xRange[0], xRange[1], yRange[0], yRange[1]);
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String color = COLORS[s % COLORS.length];
            if (line.low() != null && line.high() != null) {
                band(frame, line, color);
            }
            for (String points : segments(frame, line)) {
                frame.raw("<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.8\" points=\"" + points
                        + "\"/>\n");
            }
            if (line.markers()) {
                for (int k = 0; k < line.x().length; k++) {
                    if (Double.isFinite(line.x()[k]) && Double.isFinite(line.y()[k])) {
                        frame.raw("<circle cx=\"" + SvgFrame.num(frame.px(line.x()[k])) + "\" cy=\""
                                + SvgFrame.num(frame.py(line.y()[k])) + "\" r=\"3\" fill=\"" + color + "\"/>\n");
                    }
                }
            }
            int y = SvgFrame.top() + 10 + 16 * s;
            frame.line(SvgFrame.legendX(), y - 4, SvgFrame.legendX() + 18, y - 4, color);
            frame.text(SvgFrame.legendX() + 22, y, line.name(), "start", 10);
        }
        frame.axes();
        return frame.finish();
    }

    /** The polygon of the band, skipping points where it is not finite. */
    private static void band(SvgFrame frame, Series line, String color) {
        StringBuilder upper = new StringBuilder();
        List<String> lower = new ArrayList<>();
        for (int k = 0; k < line.x().length; k++) {
            if (Double.isFinite(line.x()[k]) && Double.isFinite(line.low()[k]) && Double.isFinite(line.high()[k])) {
                upper.append(SvgFrame.num(frame.px(line.x()[k]))).append(',')
                        .append(SvgFrame.num(frame.py(line.high()[k]))).append(' ');
                lower.add(0, SvgFrame.num(frame.px(line.x()[k])) + "," + SvgFrame.num(frame.py(line.low()[k])));
            }
        }
        if (!lower.isEmpty()) {
            frame.raw("<polygon fill=\"" + color + "\" fill-opacity=\"0.18\" stroke=\"none\" points=\"" + upper
                    + String.join(" ", lower) + "\"/>\n");
        }
    }

    /** The point lists of the line's finite runs. */
    private static List<String> segments(SvgFrame frame, Series line) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        double lastY = Double.NaN;
        for (int k = 0; k < line.x().length; k++) {
            double x = line.x()[k];
            double y = line.y()[k];
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                if (run.length() > 0) {
                    runs.add(run.toString().trim());
                    run.setLength(0);
                }
                lastY = Double.NaN;
                continue;
            }
            if (line.step() && !Double.isNaN(lastY)) {
                run.append(SvgFrame.num(frame.px(x))).append(',').append(SvgFrame.num(frame.py(lastY))).append(' ');
            }
            run.append(SvgFrame.num(frame.px(x))).append(',').append(SvgFrame.num(frame.py(y))).append(' ');
            lastY = y;
        }
        if (run.length() > 0) {
            runs.add(run.toString().trim());
        }
        return runs;
    }

    private static double[] range(List<Series> series, boolean horizontal) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Series line : series) {
            List<double[]> arrays = horizontal ? List.of(line.x()) : new ArrayList<>(List.of(line.y()));
            if (!horizontal && line.low() != null && line.high() != null) {
                arrays.add(line.low());
                arrays.add(line.high());
            }
            for (double[] values : arrays) {
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        low = Math.min(low, v);
                        high = Math.max(high, v);
                    }
                }
            }
        }
        return new double[] {low, high};
    }
}
