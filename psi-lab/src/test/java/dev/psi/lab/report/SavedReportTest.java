package dev.psi.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.lab.study.StudyResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedReportTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenReportReadsBackWithItsVerdictAndTheSectionsAsThePageHasThem() {
        StudyResults results = TinyStudy.psiWins();
        String verdict = StudyReport.write(results, dir);

        SavedReport report = SavedReport.read(dir).orElseThrow();

        assertEquals(results.name(), report.study());
        assertEquals(dir, report.folder());
        assertEquals(verdict, report.verdict());
        assertEquals(java.util.Optional.of(results.preset()), report.preset());
        assertEquals(List.of("answer", "ablation", "protocol", "results", "profiles", "curves", "surface", "psi",
                "cost"), report.sections().stream().map(SavedReport.SavedSection::id).toList());
        assertEquals(ResultsSection.of(results).html().strip(), report.section("results").orElseThrow().html());
        assertEquals("Performance profiles", report.section("profiles").orElseThrow().titleHtml());
        Scoreboard board = Scoreboard.of(results);
        assertEquals(ProfilesSection.of(board).html().strip(), report.section("profiles").orElseThrow().html());
        assertEquals(AblationSection.of(board).orElseThrow().html().strip(),
                report.section("ablation").orElseThrow().html());
    }

    @Test
    void aFolderWithoutACompleteReportHasNone() throws Exception {
        assertTrue(SavedReport.read(dir).isEmpty(), "empty folder");
        assertTrue(SavedReport.read(dir.resolve("missing")).isEmpty(), "missing folder");
        Files.writeString(dir.resolve("index.html"), "<p class=\"verdict\">x</p>");
        assertTrue(SavedReport.read(dir).isEmpty(), "no results.json yet");
        Files.writeString(dir.resolve("results.json"), "{\"study\":");
        assertTrue(SavedReport.read(dir).isEmpty(), "results.json cut short");
    }

    @Test
    void escapedTextReadsBackAsTheText() {
        String text = "<script>alert('1')</script> & \"q\" &amp;";
        assertEquals(text, Html.unescape(Html.escape(text)));
    }
}
