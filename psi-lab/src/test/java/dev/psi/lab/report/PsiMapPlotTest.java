package dev.psi.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.PsiFeature;
import dev.psi.lab.fit.PsiMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ψ's map is drawn as the report draws every heat map: an SVG document whose text stays text. */
class PsiMapPlotTest {

    private static final FormulaModel MODEL = FormulaModel.of(
            Expression.parse("0.3*loss_ratio^0.5*(1 + epoch)^-0.2"),
            FitInfo.of(0.01, 0.25, Map.of(PsiFeature.LOSS_RATIO, new double[] {0.05, 1},
                    PsiFeature.EPOCH, new double[] {0, 19})));

    @Test
    void drawsOneCellPerGridPointWithTheTitleAsText() {
        String svg = PsiMapPlot.svg(MODEL, "Psi: " + MODEL.describe());
        PsiMap.Grid grid = PsiMap.grid(MODEL);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg.substring(0, 80));
        assertTrue(svg.contains(">" + Html.escape("Psi: " + MODEL.describe()) + "</text>"), svg);
        assertTrue(svg.contains(">log10 loss ratio</text>"));
        assertTrue(svg.contains(">" + grid.xTitle() + "</text>"));
        String cells = svg.substring(svg.indexOf("<g shape-rendering=\"crispEdges\">"), svg.indexOf("</g>"));
        long rects = cells.lines().filter(line -> line.startsWith("<rect ")).count();
        assertEquals(grid.x().length * grid.lossRatios().length, rects, "one rectangle per cell");
        assertTrue(svg.strip().endsWith("</svg>"));
    }

    @Test
    void writesTheSameSvgToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("psi.svg");
        PsiMapPlot.write(MODEL, "Psi", file);
        assertEquals(PsiMapPlot.svg(MODEL, "Psi"), Files.readString(file));
    }
}
