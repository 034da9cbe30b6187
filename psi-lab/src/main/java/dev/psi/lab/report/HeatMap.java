package dev.psi.lab.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A heat map over a regular grid, drawn as plain SVG rectangles in viridis with a colour bar, and paths
 * (e.g. the oracles' learning rates) drawn on top, one legend entry per label.
 */
final class HeatMap {

    /** Viridis at five stops (van der Walt and Smith, matplotlib): ordered in lightness, readable in grey. */
    private static final int[][] VIRIDIS = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98},
        {253, 231, 37}};

    /**
     * A polyline drawn on the map.
     *
     * @param label what it is, as the legend names it; paths with one label share one legend entry
     * @param color its stroke, {@code #rrggbb}
     * @param xs the x of each point, in data coordinates
     * @param ys the y of each point, in data coordinates
     */
    record Path(String label, String color, double[] xs, double[] ys) {

        Path {
            if (xs.length != ys.length) {
                throw new IllegalArgumentException(xs.length + " x values for " + ys.length + " y values");
            }
        }
    }

    /**
     * The values drawn.
     *
     * @param x the column centres, increasing and evenly spaced
     * @param y the row centres, increasing and evenly spaced
     * @param values the value at {@code [row][column]}; NaN leaves the cell empty
     * @param paths polylines drawn on top, in order
     */
    record Grid(double[] x, double[] y, double[][] values, List<Path> paths) {

        Grid {
            paths = List.copyOf(paths);
            if (values.length != y.length) {
                throw new IllegalArgumentException(values.length + " rows for " + y.length + " row centres");
            }
            for (double[] row : values) {
                if (row.length != x.length) {
                    throw new IllegalArgumentException(row.length + " cells for " + x.length + " column centres");
                }
            }
        }
    }

    private HeatMap() {
    }

    /** The map as an {@code <svg>} element; {@code valueTitle} names what the colour shows. */
    static String svg(String title, String xTitle, String yTitle, String valueTitle, Grid grid) {
        double dx = spacing(grid.x());
        double dy = spacing(grid.y());
        SvgFrame frame = new SvgFrame(title, xTitle, yTitle, grid.x()[0] - dx / 2, grid.x()[grid.x().length - 1] + dx / 2,
                grid.y()[0] - dy / 2, grid.y()[grid.y().length - 1] + dy / 2);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] row : grid.values()) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        StringBuilder cells = new StringBuilder("<g shape-rendering=\"crispEdges\">\n");
        for (int r = 0; r < grid.y().length; r++) {
            for (int c = 0; c < grid.x().length; c++) {
                double v = grid.values()[r][c];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double left = frame.px(grid.x()[c] - dx / 2);
                double right = frame.px(grid.x()[c] + dx / 2);
                double top = frame.py(grid.y()[r] + dy / 2);
                double bottom = frame.py(grid.y()[r] - dy / 2);
                cells.append("<rect x=\"").append(SvgFrame.num(left)).append("\" y=\"").append(SvgFrame.num(top))
                        .append("\" width=\"").append(SvgFrame.num(right - left + 0.5)).append("\" height=\"")
                        .append(SvgFrame.num(bottom - top + 0.5)).append("\" fill=\"")
                        .append(color(high > low ? (v - low) / (high - low) : 0.5)).append("\"/>\n");
            }
        }
        frame.raw(cells.append("</g>\n").toString());
        Map<String, String> legend = new LinkedHashMap<>();
        for (Path path : grid.paths()) {
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < path.xs().length; k++) {
                points.append(SvgFrame.num(frame.px(path.xs()[k]))).append(',')
                        .append(SvgFrame.num(frame.py(path.ys()[k]))).append(' ');
            }
            frame.raw("<polyline fill=\"none\" stroke=\"" + path.color() + "\" stroke-width=\"2\" points=\""
                    + points.toString().trim() + "\"/>\n");
            legend.putIfAbsent(path.label(), path.color());
        }
        colorBar(frame, valueTitle, low, high, legend);
        frame.axes();
        return frame.finish();
    }

    /** The colour of {@code t} in [0, 1] along viridis, as {@code #rrggbb}. */
    static String color(double t) {
        double position = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int stop = Math.min((int) position, VIRIDIS.length - 2);
        double f = position - stop;
        int[] a = VIRIDIS[stop];
        int[] b = VIRIDIS[stop + 1];
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(a[0] + f * (b[0] - a[0])),
                Math.round(a[1] + f * (b[1] - a[1])), Math.round(a[2] + f * (b[2] - a[2])));
    }

    private static void colorBar(SvgFrame frame, String valueTitle, double low, double high,
            Map<String, String> paths) {
        int x = SvgFrame.legendX();
        int top = SvgFrame.top() + 20;
        int steps = 20;
        int height = 160;
        frame.text(x, top - 8, valueTitle, "start", 10);
        for (int k = 0; k < steps; k++) {
            double t = 1 - (double) k / (steps - 1);
            frame.raw("<rect x=\"" + x + "\" y=\"" + SvgFrame.num(top + height * k / (double) steps)
                    + "\" width=\"14\" height=\"" + SvgFrame.num(height / (double) steps + 0.5) + "\" fill=\""
                    + color(t) + "\"/>\n");
        }
        frame.text(x + 18, top + 8, Double.isFinite(high) ? Format.general(high) : "", "start", 10);
        frame.text(x + 18, top + height, Double.isFinite(low) ? Format.general(low) : "", "start", 10);
        int y = top + height + 22;
        for (Map.Entry<String, String> path : paths.entrySet()) {
            frame.line(x, y, x + 18, y, path.getValue());
            frame.text(x + 22, y + 4, path.getKey(), "start", 10);
            y += 16;
        }
    }

    private static double spacing(double[] centres) {
        return centres.length > 1 ? (centres[centres.length - 1] - centres[0]) / (centres.length - 1) : 1;
    }
}
