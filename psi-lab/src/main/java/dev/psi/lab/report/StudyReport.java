package dev.psi.lab.report;

import dev.psi.lab.model.PsiModelFile;
import dev.psi.lab.study.StudyResults;
import dev.psi.store.FileFailures;
import dev.psi.train.engine.RunEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report of a finished study: a self-contained HTML page that answers the question first and shows
 * the evidence after, and the same numbers as files for programs.
 *
 * <p>Written to the output folder:
 * <ul>
 *   <li>{@code index.html}: the verdict, then the sections (the ablation Ψ(i), Ψ(ε, i), Ψ(ε, i, task) when the
 *       study evaluated it, how it was measured, results, profiles, learning curves, surface, Ψ, cost); plots are
 *       inline SVG, and nothing is loaded from elsewhere;</li>
 *   <li>{@code results.json}: the verdict and the results table, with ∞ and NaN as null, and the environment it
 *       was computed in (CPU, threads, versions, kernel pinning);</li>
 *   <li>{@code results.csv}, {@code profiles.csv}, {@code cost.csv} (and {@code ablation.csv}): the page's
 *       tables;</li>
 *   <li>{@code psi-formula.json}, {@code psi-network.json}: the fitted models, usable as
 *       {@code Psi(model=FILE)}.</li>
 * </ul>
 */
public final class StudyReport {

    /** The page's style: inline, so that the file can be mailed or archived alone. */
    private static final String STYLE = """
            body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            table{border-collapse:collapse;margin:1em 0;font-size:13px}
            th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}
            th{background:#f2f2f2}
            .verdict{font-size:1.1em;background:#f6f8fa;border-left:4px solid #4e79a7;padding:0.8em 1em}
            svg{display:block;margin:1em 0}
            """;

    /** The heading of the verdict, the page's first section. */
    static final String ANSWER = "The answer";

    private StudyReport() {
    }

    /**
     * Writes the report of {@code results} into {@code outDir}, creating it if needed and replacing files of
     * the same names.
     *
     * @return the verdict's text, as the page gives it
     * @throws UncheckedIOException if a file cannot be written
     */
    public static String write(StudyResults results, Path outDir) {
        return write(results, outDir, RunEnvironment.current(1, null));
    }

    /**
     * Writes the report of {@code results}, computed in {@code environment}, into {@code outDir}, creating it if
     * needed and replacing files of the same names.
     *
     * @return the verdict's text, as the page gives it
     * @throws UncheckedIOException if a file cannot be written
     */
    public static String write(StudyResults results, Path outDir, RunEnvironment environment) {
        Scoreboard board = Scoreboard.of(results);
        Verdict verdict = Verdict.of(board);
        List<Section> sections = new ArrayList<>();
        // The ablation answers the question's own doubt, whether the loss adds anything: right after the verdict.
        AblationSection.of(board).ifPresent(sections::add);
        sections.addAll(List.of(ProtocolSection.of(results, environment), ResultsSection.of(results),
                ProfilesSection.of(board), CurvesSection.of(results, board), SurfaceSection.of(results),
                PsiSection.of(results), CostSection.of(results, board)));
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("index.html"), page(results, verdict, sections), StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("results.json"), ResultsJson.of(results, board, verdict, environment),
                    StandardCharsets.UTF_8);
            for (Section section : sections) {
                for (Table table : section.tables()) {
                    Files.writeString(outDir.resolve(table.file()), table.toCsv(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + outDir + ": " + FileFailures.describe(e), e);
        }
        if (results.formula() != null) {
            PsiModelFile.write(outDir.resolve("psi-formula.json"), results.formula());
        }
        if (results.network() != null) {
            PsiModelFile.write(outDir.resolve("psi-network.json"), results.network());
        }
        return verdict.text();
    }

    private static String page(StudyResults results, Verdict verdict, List<Section> sections) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Psi study ").append(Html.escape(results.name())).append("</title>\n<style>\n")
                .append(STYLE).append("</style>\n</head>\n<body>\n<h1>Study ").append(Html.escape(results.name()))
                .append("</h1>\n<p>Preset ").append(Html.escape(results.preset())).append("; Ψ fitted on ")
                .append(Html.escape(String.join(", ", results.trainingTasks()))).append("; judged on ")
                .append(Html.escape(String.join(", ", results.heldOutTasks()))).append(".</p>\n")
                .append("<h2 id=\"answer\">").append(ANSWER).append("</h2>\n")
                .append("<p>Can α<sub>i</sub> = Ψ(ε, i), learned from experiments, beat the usual ways of choosing it?"
                        + "</p>\n<p class=\"verdict\">").append(Html.escape(verdict.text())).append("</p>\n<ul>\n");
        for (Section section : sections) {
            html.append("<li><a href=\"#").append(section.id()).append("\">").append(Html.escape(section.title()))
                    .append("</a></li>\n");
        }
        html.append("</ul>\n");
        for (Section section : sections) {
            html.append("<h2 id=\"").append(section.id()).append("\">").append(Html.escape(section.title()))
                    .append("</h2>\n").append(section.html());
        }
        return html.append("</body>\n</html>\n").toString();
    }
}
