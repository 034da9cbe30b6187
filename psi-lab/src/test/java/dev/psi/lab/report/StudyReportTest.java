package dev.psi.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.psi.lab.model.PsiModelFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyReportTest {

    @TempDir
    Path dir;

    @Test
    void everySectionHeadingIsPresentAndTheAnswerComesFirst() throws Exception {
        String html = write(TinyStudy.psiWins());
        List<String> headings = List.of("The answer", "Results on the held-out tasks", "Performance profiles",
                "Learning curves", "The surface", "Ψ", "Cost");
        int last = -1;
        for (String heading : headings) {
            int at = html.indexOf(">" + heading + "</h2>");
            assertTrue(at > last, heading + " missing or out of order");
            last = at;
        }
        assertTrue(html.contains("<h3>Pareto front</h3>"));
        assertTrue(html.contains("0.3*loss_ratio^0.5*(1 + epoch)^-0.2"));
        assertTrue(html.contains("network: 2 inputs, 1x2 tanh, ensemble of 2"));
    }

    @Test
    void thePageLoadsNothingFromElsewhere() throws Exception {
        String html = write(TinyStudy.psiWins());
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("src="));
        assertFalse(html.contains("@import"));
    }

    @Test
    void theVerdictSaysYesWhenPsiScoresHighestAndQuotesTheNumbers() throws Exception {
        String html = write(TinyStudy.psiWins());
        String verdict = Verdict.of(Scoreboard.of(TinyStudy.psiWins())).text();
        assertEquals(Verdict.Outcome.YES, Verdict.of(Scoreboard.of(TinyStudy.psiWins())).outcome());
        assertTrue(verdict.startsWith("Yes, on these tasks."), verdict);
        assertTrue(verdict.contains("Ψ-formula scores 1.00 on the performance profile"), verdict);
        assertTrue(verdict.contains("against 0.83 for random-search, the best alternative"), verdict);
        assertTrue(verdict.contains("6/6 (100 %"), verdict);
        assertTrue(verdict.contains("against 5/6 (83 %"), verdict);
        assertTrue(verdict.contains("median time to target is 200 steps against 250 steps"), verdict);
        assertTrue(verdict.contains("It saves 10 tuning trials and 100.0 s per new task"), verdict);
        assertTrue(html.contains(Html.escape(verdict)));
    }

    @Test
    void theVerdictSaysNoWhenPsiScoresFarBelowTheBest() {
        Verdict verdict = Verdict.of(Scoreboard.of(TinyStudy.psiLoses()));
        assertEquals(Verdict.Outcome.NO, verdict.outcome());
        assertTrue(verdict.text().startsWith("No, not on these tasks."), verdict.text());
        assertTrue(verdict.text().contains("Ψ-formula scores 0.33"), verdict.text());
        assertTrue(verdict.text().contains("against 0.94 for random-search"), verdict.text());
        assertTrue(verdict.text().contains("median time to target is not reached against 250 steps"),
                verdict.text());
    }

    @Test
    void theVerdictSaysAsGoodWhenPsiTiesTheBest() {
        Verdict verdict = Verdict.of(Scoreboard.of(TinyStudy.study(200, 300)));
        assertEquals(Verdict.Outcome.AS_GOOD, verdict.outcome());
        assertTrue(verdict.text().contains("Ψ-formula scores 0.94"), verdict.text());
        assertTrue(verdict.text().contains("against 0.94 for random-search"), verdict.text());
    }

    @Test
    void theProfilesFollowTheTimesWithTiesAndInfinity() {
        Scoreboard board = Scoreboard.of(TinyStudy.psiWins());
        assertEquals(1.0, board.summary("psi-formula").orElseThrow().score(), 1e-12);
        assertEquals(5.5 / 6, board.summary("psi-network").orElseThrow().score(), 1e-12);
        assertEquals(5.0 / 6, board.summary("random-search").orElseThrow().score(), 1e-12);
        assertEquals(2.0 / 6, board.summary("Constant(lr=0.1)").orElseThrow().score(), 1e-12);
        assertEquals("random-search", board.bestAlternative().orElseThrow().method());
    }

    @Test
    void everyInlineSvgIsWellFormedXml() throws Exception {
        String html = write(TinyStudy.psiWins());
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        List<Integer> sizes = new ArrayList<>();
        while (svg.find()) {
            byte[] bytes = svg.group().getBytes(StandardCharsets.UTF_8);
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
            sizes.add(bytes.length);
        }
        // profiles, two learning-curve plots, one surface, the Pareto front and the Ψ map
        assertEquals(6, sizes.size(), sizes.toString());
        assertTrue(sizes.stream().allMatch(size -> size < 300_000), sizes.toString());
        System.out.println("SVG sizes (bytes): " + sizes + "; page: " + html.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void resultsJsonHoldsTheExactValuesWithNullForInfinity() throws Exception {
        StudyReport.write(TinyStudy.psiWins(), dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("a", json.get("tasks").get(0).asText());
        assertEquals("b", json.get("tasks").get(1).asText());
        JsonNode rows = json.get("results");
        assertEquals(8, rows.size());
        JsonNode psiA = rows.get(0);
        assertEquals("a", psiA.get("task").asText());
        assertEquals("psi-formula", psiA.get("method").asText());
        assertEquals(3, psiA.get("seeds").asInt());
        assertEquals(100.0, psiA.get("median_steps_to_target").asDouble());
        assertEquals(1.0, psiA.get("median_seconds_to_target").asDouble());
        assertEquals(1.0, psiA.get("reliability").asDouble());
        assertEquals(0.8 + 3 / 100.0, psiA.get("best_val_accuracy").asDouble());
        assertEquals(0, psiA.get("tuning_trials").asInt());
        JsonNode constantA = rows.get(3);
        assertEquals("Constant(lr=0.1)", constantA.get("method").asText());
        assertTrue(constantA.get("median_steps_to_target").isNull());
        assertTrue(constantA.get("median_seconds_to_target").isNull());
        assertEquals(0.0, constantA.get("reliability").asDouble());
        assertEquals(10, rows.get(2).get("tuning_trials").asInt());
        assertEquals(50, rows.get(2).get("tuning_epochs").asInt());
        assertEquals(100.0, rows.get(2).get("tuning_seconds").asDouble());
        assertEquals(List.of("a", "b"), fieldNames(json.get("targets")));
        assertEquals("val_accuracy", json.get("targets").get("a").get("metric").asText());
        assertEquals(0.8, json.get("targets").get("a").get("value").asDouble());
        assertEquals("set by the task's spec", json.get("targets").get("b").get("set_by").asText());
        assertEquals(List.of("a"), fieldNames(json.get("calibration")));
        assertEquals(24, json.get("calibration").get("a").get("epochs").asInt());
        assertEquals(12.5, json.get("calibration").get("a").get("seconds").asDouble());
        assertEquals(40, json.get("psi").get("cost").get("trials").asInt());
        assertEquals(1234.5, json.get("psi").get("cost").get("seconds").asDouble());
        assertEquals("0.3*loss_ratio^0.5*(1 + epoch)^-0.2", json.get("psi").get("formula").asText());
        assertEquals(0.3, json.get("psi").get("loto_rmse_log_lr").asDouble());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theModelFilesReadBack() {
        StudyReport.write(TinyStudy.psiWins(), dir);
        assertEquals(TinyStudy.formula(), PsiModelFile.read(dir.resolve("psi-formula.json")));
        assertEquals(TinyStudy.network(), PsiModelFile.read(dir.resolve("psi-network.json")));
    }

    @Test
    void theCsvFilesHaveTheirHeadersAndOneRowPerEntry() throws Exception {
        StudyReport.write(TinyStudy.psiWins(), dir);
        List<String> results = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(String.join(",", ResultsSection.HEADER), results.get(0));
        assertEquals(1 + 8, results.size());
        assertTrue(results.get(4).startsWith("a,Constant(lr=0.1),3,not reached,\"[not reached, not reached]\""),
                results.get(4));
        List<String> profiles = Files.readAllLines(dir.resolve("profiles.csv"));
        assertEquals("method,score,rho(1),rho(2),rho(4)", profiles.get(0));
        assertEquals(1 + 4, profiles.size());
        assertEquals("psi-formula,1.000,1.000,1.000,1.000", profiles.get(1));
        List<String> cost = Files.readAllLines(dir.resolve("cost.csv"));
        assertEquals("method,when,trials,epochs,seconds", cost.get(0));
        assertEquals(1 + 1 + 1 + 4, cost.size());
        assertEquals("psi (sampling + fitting),\"once, for all tasks\",40,400,1234.5", cost.get(1));
        assertEquals("calibration of a,\"once, for the target\",4,24,12.5", cost.get(2));
    }

    private String write(dev.psi.lab.study.StudyResults results) throws Exception {
        StudyReport.write(results, dir);
        return Files.readString(dir.resolve("index.html"));
    }
}
