package dev.psi.lab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A report that {@link StudyReport#write} left in a folder, read back for the dashboard ({@code psi dashboard}):
 * the study it is of, its verdict, and sections of its page as the page has them. The dashboard shows the
 * report's own HTML rather than a second rendering of the results, so that the two cannot disagree; reader and
 * writer live in one package because the page's markup is their contract.
 *
 * @param study the study's name, from {@code results.json}
 * @param folder the folder the report is in
 * @param verdict the verdict's text, as the page gives it
 * @param preset the preset the page names in its first paragraph ({@code <p>Preset NAME; …}), if it names one
 * @param sections the page's sections, in page order
 */
public record SavedReport(String study, Path folder, String verdict, Optional<String> preset,
        List<SavedSection> sections) {

    /**
     * One section of the page.
     *
     * @param id its anchor, e.g. {@code results}
     * @param titleHtml its heading, escaped HTML
     * @param html its body as the page has it: escaped text, tables and inline SVG, no script
     */
    public record SavedSection(String id, String titleHtml, String html) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERDICT_START = "<p class=\"verdict\">";
    private static final String HEADING_START = "<h2 id=\"";
    private static final String PRESET_START = "<p>Preset ";

    public SavedReport {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(preset, "preset");
        sections = List.copyOf(sections);
    }

    /** The section with anchor {@code id}, if the page has it (the ablation only when Ψ's ablation ran). */
    public Optional<SavedSection> section(String id) {
        return sections.stream().filter(section -> section.id().equals(id)).findFirst();
    }

    /**
     * The report in {@code folder}, or empty when it holds no complete report ({@code index.html} and
     * {@code results.json}, as a study writes them when it ends) or one this code cannot read.
     */
    public static Optional<SavedReport> read(Path folder) {
        Path page = folder.resolve("index.html");
        Path results = folder.resolve("results.json");
        if (!Files.isRegularFile(page) || !Files.isRegularFile(results)) {
            return Optional.empty();
        }
        try {
            JsonNode study = JSON.readTree(results.toFile()).get("study");
            String html = Files.readString(page, StandardCharsets.UTF_8);
            int verdictAt = html.indexOf(VERDICT_START);
            if (study == null || !study.isTextual() || verdictAt < 0) {
                return Optional.empty();
            }
            int verdictEnd = html.indexOf("</p>", verdictAt);
            String verdict = Html.unescape(html.substring(verdictAt + VERDICT_START.length(), verdictEnd));
            int presetAt = html.indexOf(PRESET_START);
            Optional<String> preset = presetAt < 0 ? Optional.empty() : Optional.of(
                    Html.unescape(html.substring(presetAt + PRESET_START.length(), html.indexOf(';', presetAt))));
            return Optional.of(new SavedReport(study.asText(), folder, verdict, preset, sections(html)));
        } catch (IOException | RuntimeException unreadable) {
            // A report being written, or another tool's files: no report, as before the study ended.
            return Optional.empty();
        }
    }

    /** Each {@code <h2 id="…">} heading and what follows it up to the next heading or the end of the body. */
    private static List<SavedSection> sections(String html) {
        List<SavedSection> sections = new ArrayList<>();
        int end = html.lastIndexOf("</body>");
        int at = html.indexOf(HEADING_START);
        while (at >= 0 && at < end) {
            int idEnd = html.indexOf('"', at + HEADING_START.length());
            String id = html.substring(at + HEADING_START.length(), idEnd);
            int titleStart = html.indexOf('>', idEnd) + 1;
            int titleEnd = html.indexOf("</h2>", titleStart);
            int next = html.indexOf(HEADING_START, titleEnd);
            int bodyEnd = next < 0 || next > end ? end : next;
            sections.add(new SavedSection(id, html.substring(titleStart, titleEnd),
                    html.substring(titleEnd + "</h2>".length(), bodyEnd).strip()));
            at = next;
        }
        return sections;
    }
}
