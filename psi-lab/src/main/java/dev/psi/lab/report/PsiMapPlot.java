package dev.psi.lab.report;

import dev.psi.core.psi.PsiModel;
import dev.psi.lab.fit.PsiMap;
import dev.psi.store.FileFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link PsiMap}'s grid of a model drawn as a {@link HeatMap}: log₁₀ α over the epoch and log₁₀ ε/ε₀, the
 * picture of the report's Ψ section and of {@code psi show-psi --plot}. One way to draw, so that its text
 * stays text.
 */
public final class PsiMapPlot {

    private PsiMapPlot() {
    }

    /**
     * The map as an {@code <svg>} element.
     *
     * @param title the chart's title, e.g. the formula; the features held fixed are added to it
     */
    public static String svg(PsiModel model, String title) {
        PsiMap.Grid grid = PsiMap.grid(model);
        double[] y = new double[grid.lossRatios().length];
        for (int r = 0; r < y.length; r++) {
            y[r] = Math.log10(grid.lossRatios()[r]);
        }
        double[][] values = new double[y.length][grid.x().length];
        for (int r = 0; r < y.length; r++) {
            for (int c = 0; c < grid.x().length; c++) {
                values[r][c] = Math.log10(grid.lr()[r][c]);
            }
        }
        return HeatMap.svg(title + (grid.held().isEmpty() ? "" : " (" + grid.held() + ")"), grid.xTitle(),
                "log10 loss ratio", "log10 lr", new HeatMap.Grid(grid.x(), y, values, List.of()));
    }

    /**
     * Writes the map of {@code model} to {@code file} as an SVG document.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(PsiModel model, String title, Path file) {
        try {
            Files.writeString(file, svg(model, title));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + FileFailures.describe(e), e);
        }
    }
}
