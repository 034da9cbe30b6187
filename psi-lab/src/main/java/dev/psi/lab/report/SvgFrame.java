package dev.psi.lab.report;

import java.util.Locale;

/**
 * A plot's frame written as plain SVG: title, axes with ticks and labels as real {@code <text>}, and the
 * mapping from data to pixels. Written by hand rather than with XChart, whose SVG draws every glyph as a
 * path: a frame here is a few kilobytes, and its text stays searchable and selectable in the page.
 */
final class SvgFrame {

    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    private static final int LEFT = 64;
    private static final int RIGHT = 170;
    private static final int TOP = 30;
    private static final int BOTTOM = 46;
    private static final int TICKS = 5;

    private final StringBuilder svg = new StringBuilder();
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    /**
     * A frame over [xMin, xMax] × [yMin, yMax]; a range of zero width is widened by ±0.5 so that a single
     * value is drawn in the middle instead of dividing by zero.
     */
    SvgFrame(String title, String xTitle, String yTitle, double xMin, double xMax, double yMin, double yMax) {
        double[] x = widen(xMin, xMax);
        double[] y = widen(yMin, yMax);
        this.xMin = x[0];
        this.xMax = x[1];
        this.yMin = y[0];
        this.yMax = y[1];
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        text(LEFT, 18, title, "start", 13);
        text(LEFT + plotWidth() / 2.0, HEIGHT - 8, xTitle, "middle", 11);
        svg.append("<text x=\"14\" y=\"").append(num(TOP + plotHeight() / 2.0))
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ").append(num(TOP + plotHeight() / 2.0))
                .append(")\">").append(Html.escape(yTitle)).append("</text>\n");
    }

    /** The horizontal pixel of data value {@code x}. */
    double px(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * plotWidth();
    }

    /** The vertical pixel of data value {@code y}. */
    double py(double y) {
        return TOP + (yMax - y) / (yMax - yMin) * plotHeight();
    }

    /** The pixel x where the legend and colour bars start, right of the plot. */
    static int legendX() {
        return WIDTH - RIGHT + 14;
    }

    /** The top pixel of the plot area. */
    static int top() {
        return TOP;
    }

    /** Draws the plot's border, ticks and tick labels; call after the content so that they lie on top. */
    void axes() {
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth())
                .append("\" height=\"").append(plotHeight()).append("\" fill=\"none\" stroke=\"#333\"/>\n");
        for (int k = 0; k <= TICKS; k++) {
            double x = xMin + (xMax - xMin) * k / TICKS;
            double y = yMin + (yMax - yMin) * k / TICKS;
            line(px(x), TOP + plotHeight(), px(x), TOP + plotHeight() + 4, "#333");
            text(px(x), TOP + plotHeight() + 16, tick(x), "middle", 10);
            line(LEFT - 4, py(y), LEFT, py(y), "#333");
            text(LEFT - 6, py(y) + 3, tick(y), "end", 10);
        }
    }

    /** Appends raw SVG elements. */
    SvgFrame raw(String elements) {
        svg.append(elements);
        return this;
    }

    void line(double x1, double y1, double x2, double y2, String color) {
        svg.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" stroke=\"").append(color)
                .append("\"/>\n");
    }

    void text(double x, double y, String text, String anchor, int size) {
        svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-size=\"").append(size).append("\">").append(Html.escape(text))
                .append("</text>\n");
    }

    /** The finished {@code <svg>} element. */
    String finish() {
        return svg.append("</svg>\n").toString();
    }

    /** A pixel coordinate with one decimal: finer is invisible and only makes the file larger. */
    static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String tick(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static double[] widen(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return new double[] {0, 1};
        }
        return high > low ? new double[] {low, high} : new double[] {low - 0.5, high + 0.5};
    }
}
