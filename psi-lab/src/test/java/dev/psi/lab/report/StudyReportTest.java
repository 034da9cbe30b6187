package dev.psi.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.psi.core.criteria.ConfidenceInterval;
import dev.psi.core.criteria.TuningCost;
import dev.psi.lab.model.PsiModelFile;
import dev.psi.lab.study.GridChoices;
import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.StudyResults;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void theVerdictSaysYesWhenTheWholeIntervalIsAboveZeroAndQuotesTheNumbers() throws Exception {
        // Ψ faster on both tasks: d = 1/3 on a and 1/6 on b, so every replicate is in [1/6, 1/3].
        StudyResults study = TinyStudy.study(100, 200);
        String html = write(study);
        Verdict verdict = Verdict.of(Scoreboard.of(study));
        String text = verdict.text();
        assertEquals(Verdict.Outcome.YES, verdict.outcome());
        assertTrue(text.startsWith("Yes, on these tasks. On 2 held-out tasks × 3 seeds, Ψ-formula scores 1.00 on the "
                + "performance profile"), text);
        assertTrue(text.contains("against 0.75 for cosine, the best alternative that spent no more tuning per new task: difference 0.25, "
                + "95 % CI 0.17 to 0.33 (paired bootstrap over tasks and seeds)"), text);
        assertTrue(text.contains("6/6 (100 %"), text);
        assertTrue(text.contains("against 5/6 (83 %"), text);
        assertTrue(text.contains("median time to target over the tasks is 150 steps against 250 steps"), text);
        assertTrue(text.contains("It saves no tuning: cosine spent no more per new task than Ψ."), text);
        assertTrue(html.contains(Html.escape(text)));
    }

    @Test
    void aBetterMethodThatTunedOnEachTaskIsNamedBesideTheVerdictNotComparedAsIfFree() {
        List<MethodResult> results = new ArrayList<>(TinyStudy.psiWins().results());
        results.add(TinyStudy.result("a", "random-search", 50, 3, new TuningCost(10, 50, 100)));
        results.add(TinyStudy.result("b", "random-search", 100, 3, new TuningCost(10, 50, 100)));
        Scoreboard board = Scoreboard.of(TinyStudy.withResults(TinyStudy.psiWins(), results));

        assertEquals("cosine", board.bestAlternative().orElseThrow().method());
        String text = Verdict.of(board).text();
        assertTrue(text.endsWith(" At any tuning cost the best is random-search, 1.00, difference −0.50, 95 % CI "
                + "−0.67 to −0.33; it spent 10 trials and 100.0 s on each new task."), text);
    }

    @Test
    void theTrainingGridsChoicesAndCostAreReportedOnceForAllTasks() throws Exception {
        StudyResults base = TinyStudy.psiWins();
        StudyResults withGrid = new StudyResults(base.name(), base.preset(), base.trainingTasks(), base.heldOutTasks(),
                base.targets(), base.results(), base.surface(), base.formula(), base.network(), base.psiCost(),
                base.wallSeconds(), base.calibration(), base.targetOrigins(), new GridChoices(
                        Map.of("cosine", 3.16228), List.of("cosine×3.16228", "constant×1.0"),
                        new TuningCost(28, 168, 90.5)));
        String html = write(withGrid);
        JsonNode grid = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("grid");
        assertEquals(3.16228, grid.get("calibrated_scales").get("cosine").asDouble());
        assertEquals("cosine×3.16228", grid.get("learned_list").get(0).asText());
        assertEquals(28, grid.get("cost").get("trials").asInt());
        assertTrue(html.contains("calibrated scales (multiples of each textbook default) cosine ×3.16; learned list "
                + "cosine×3.16228, then constant×1.0"), html);
        assertTrue(html.contains("<td>training grid (calibrated defaults, learned list)</td><td>once, for all tasks</td>"
                + "<td>28</td>"), html);
    }

    @Test
    void aTunedMethodThatOnlyTiesTheBestAlternativeIsNotNamedBesideIt() {
        List<MethodResult> results = new ArrayList<>(TinyStudy.psiWins().results());
        // The same times as cosine, bought with 10 trials per task.
        results.add(0, TinyStudy.result("a", "random-search", 200, 3, new TuningCost(10, 50, 100)));
        results.add(1, TinyStudy.result("b", "random-search", 300, 2, new TuningCost(10, 50, 100)));
        Scoreboard board = Scoreboard.of(TinyStudy.withResults(TinyStudy.psiWins(), results));
        assertEquals(board.summary("cosine").orElseThrow().score(), board.summary("random-search").orElseThrow().score());
        assertTrue(board.bestAtAnyCost().isEmpty());
        assertFalse(Verdict.of(board).text().contains("At any tuning cost"));
    }

    @Test
    void resultsJsonComparesPsiWithTheBestAlternativeAtAnyCostToo() throws Exception {
        List<MethodResult> results = new ArrayList<>(TinyStudy.psiWins().results());
        results.add(TinyStudy.result("a", "random-search", 50, 3, new TuningCost(10, 50, 100)));
        results.add(TinyStudy.result("b", "random-search", 100, 3, new TuningCost(10, 50, 100)));
        StudyReport.write(TinyStudy.withResults(TinyStudy.psiWins(), results), dir);
        JsonNode anyCost = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("verdict")
                .get("at_any_cost");
        assertEquals("random-search", anyCost.get("best_alternative").asText());
        assertEquals(1.0, anyCost.get("alternative_score").asDouble());
        assertEquals(10.0, anyCost.get("trials_per_task").asDouble());
        assertEquals(-0.5, anyCost.get("difference").asDouble(), 1e-15);
    }

    @Test
    void theVerdictSaysNoWhenTheWholeIntervalIsBelowMinusTheMargin() {
        Verdict verdict = Verdict.of(Scoreboard.of(TinyStudy.psiLoses()));
        assertEquals(Verdict.Outcome.NO, verdict.outcome());
        assertTrue(verdict.text().startsWith("No, not on these tasks."), verdict.text());
        assertTrue(verdict.text().contains("Ψ-formula scores 0.33"), verdict.text());
        assertTrue(verdict.text().contains("against 0.94 for cosine"), verdict.text());
        assertTrue(verdict.text().contains("difference −0.61, 95 % CI −0.89 to −0.33"), verdict.text());
        assertTrue(verdict.text().contains("median time to target over the tasks is ∞ (the target missed on the median task) against 250 steps"),
                verdict.text());
    }

    @Test
    void theVerdictSaysAsGoodWhenPsiEqualsTheBestOnEverySeed() {
        Verdict verdict = Verdict.of(Scoreboard.of(TinyStudy.study(200, 300)));
        assertEquals(Verdict.Outcome.AS_GOOD, verdict.outcome());
        assertTrue(verdict.text().contains("Ψ-formula scores 0.94"), verdict.text());
        assertTrue(verdict.text().contains("against 0.94 for cosine"), verdict.text());
        assertTrue(verdict.text().contains("difference 0.00, 95 % CI 0.00 to 0.00"), verdict.text());
    }

    @Test
    void theVerdictIsUndecidedWhenTheIntervalSpansTheMarginAndSaysWhy() {
        // Ψ scores highest (1 against 5/6), but the replicates range over 0, 1/6 and 1/3.
        Verdict verdict = Verdict.of(Scoreboard.of(TinyStudy.psiWins()));
        assertEquals(Verdict.Outcome.UNDECIDED, verdict.outcome());
        assertTrue(verdict.text().startsWith("Undecided. On 2 held-out tasks × 3 seeds, Ψ-formula scores 1.00"),
                verdict.text());
        assertTrue(verdict.text().contains("difference 0.17, 95 % CI 0.00 to 0.33"), verdict.text());
        assertTrue(verdict.text().contains("2 held-out tasks × 3 seeds are too few to tell"), verdict.text());
    }

    @Test
    void yesNeedsTheLowerBoundAboveZero() {
        assertEquals(Verdict.Outcome.YES, Verdict.outcome(new ConfidenceInterval(0.001, 0.4)));
        assertEquals(Verdict.Outcome.YES, Verdict.outcome(new ConfidenceInterval(0.01, 0.02)));
        assertEquals(Verdict.Outcome.UNDECIDED, Verdict.outcome(new ConfidenceInterval(0, 0.4)));
    }

    @Test
    void noNeedsTheUpperBoundBelowMinusTheMargin() {
        assertEquals(Verdict.Outcome.NO, Verdict.outcome(new ConfidenceInterval(-0.4, -0.051)));
        assertEquals(Verdict.Outcome.UNDECIDED, Verdict.outcome(new ConfidenceInterval(-0.4, -0.05)));
        assertEquals(Verdict.Outcome.UNDECIDED, Verdict.outcome(new ConfidenceInterval(-0.4, -0.01)));
    }

    @Test
    void asGoodNeedsTheWholeIntervalWithinTheMarginBothWays() {
        assertEquals(Verdict.Outcome.AS_GOOD, Verdict.outcome(new ConfidenceInterval(-0.05, 0.05)));
        assertEquals(Verdict.Outcome.AS_GOOD, Verdict.outcome(new ConfidenceInterval(0, 0)));
        assertEquals(Verdict.Outcome.AS_GOOD, Verdict.outcome(new ConfidenceInterval(-0.04, -0.01)));
    }

    @Test
    void anIntervalSpanningTheMarginIsUndecided() {
        assertEquals(Verdict.Outcome.UNDECIDED, Verdict.outcome(new ConfidenceInterval(-0.40, 0.05)));
        assertEquals(Verdict.Outcome.UNDECIDED, Verdict.outcome(new ConfidenceInterval(-0.02, 0.3)));
        assertEquals(Verdict.Outcome.UNDECIDED, Verdict.outcome(new ConfidenceInterval(-0.06, 0.04)));
    }

    @Test
    void withNothingToCompareTheVerdictIsUndecidedAndSaysWhat() {
        StudyResults onlyPsi = TinyStudy.withResults(TinyStudy.psiWins(), TinyStudy.psiWins().results().stream()
                .filter(r -> r.method().startsWith("psi")).toList());
        Verdict verdict = Verdict.of(Scoreboard.of(onlyPsi));
        assertEquals(Verdict.Outcome.UNDECIDED, verdict.outcome());
        assertEquals("Undecided: the study has no alternative method to compare.", verdict.text());
        assertNull(verdict.comparison());
    }

    @Test
    void theOracleStaysInTheTablesButIsLeftOutOfTheBestTime() throws Exception {
        // The oracle's 50 steps on a would make Ψ's r = 2 there; left out of t_best, Ψ keeps r = 1.
        StudyResults study = TinyStudy.withOracle(TinyStudy.psiWins(), 50, 300);
        Scoreboard board = Scoreboard.of(study);
        assertEquals(1.0, board.summary("psi-formula").orElseThrow().score());
        assertEquals(5.0 / 6, board.summary("cosine").orElseThrow().score(), 1e-15);
        assertEquals(1.0, board.summary("oracle").orElseThrow().score());
        assertEquals("cosine", board.bestAlternative().orElseThrow().method());
        StudyReport.write(study, dir);
        assertTrue(Files.readAllLines(dir.resolve("profiles.csv")).contains("oracle,1.000,1.000,1.000,1.000"));
    }

    @Test
    void theProfilesFollowTheTimesWithTiesAndInfinity() {
        Scoreboard board = Scoreboard.of(TinyStudy.psiWins());
        assertEquals(1.0, board.summary("psi-formula").orElseThrow().score(), 1e-12);
        assertEquals(5.5 / 6, board.summary("psi-network").orElseThrow().score(), 1e-12);
        assertEquals(5.0 / 6, board.summary("cosine").orElseThrow().score(), 1e-12);
        assertEquals(2.0 / 6, board.summary("Constant(lr=0.1)").orElseThrow().score(), 1e-12);
        assertEquals("cosine", board.bestAlternative().orElseThrow().method());
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
        assertEquals("[100.0,100.0,100.0]", psiA.get("steps_to_target").toString());
        assertEquals("[null,null,null]", rows.get(3).get("steps_to_target").toString());
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
        assertEquals(0, rows.get(2).get("tuning_trials").asInt());
        assertEquals(0.0, rows.get(2).get("tuning_seconds").asDouble());
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

    @Test
    void resultsJsonHoldsTheVerdictWithItsInterval() throws Exception {
        StudyReport.write(TinyStudy.psiWins(), dir);
        JsonNode verdict = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("verdict");
        assertEquals(List.of("answer", "psi_method", "best_alternative", "score", "alternative_score", "difference",
                "ci_low", "ci_high", "at_any_cost"), fieldNames(verdict));
        assertTrue(verdict.get("at_any_cost").get("best_alternative").isNull(), "cosine is also the best at any cost");
        assertEquals("undecided", verdict.get("answer").asText());
        assertEquals("psi-formula", verdict.get("psi_method").asText());
        assertEquals("cosine", verdict.get("best_alternative").asText());
        assertEquals(1.0, verdict.get("score").asDouble());
        assertEquals(5.0 / 6, verdict.get("alternative_score").asDouble(), 1e-15);
        assertEquals(1.0 / 6, verdict.get("difference").asDouble(), 1e-15);
        assertEquals(0.0, verdict.get("ci_low").asDouble());
        assertEquals(1.0 / 3, verdict.get("ci_high").asDouble(), 1e-15);
    }

    @Test
    void resultsJsonWritesNullNumbersWhenTheVerdictHasNothingToCompare() throws Exception {
        StudyResults noPsi = TinyStudy.withResults(TinyStudy.psiWins(), TinyStudy.psiWins().results().stream()
                .filter(r -> !r.method().equals("psi-formula")).toList());
        StudyReport.write(noPsi, dir);
        JsonNode verdict = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("verdict");
        assertEquals("undecided", verdict.get("answer").asText());
        assertEquals("cosine", verdict.get("best_alternative").asText());
        for (String field : List.of("score", "alternative_score", "difference", "ci_low", "ci_high")) {
            assertTrue(verdict.get(field).isNull(), field);
        }
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

    @Test
    void theProtocolNamesTheFamiliesPsiNeverLearnedFrom() {
        StudyResults base = TinyStudy.psiWins();
        StudyResults presetTasks = new StudyResults(base.name(), base.preset(), List.of("fmnist-linear",
                "teacher-student"), List.of("fmnist-mlp", "noisy-quadratic"), base.targets(), base.results(),
                base.surface(), base.formula(), base.network(), base.psiCost(), base.wallSeconds(), base.calibration(),
                base.targetOrigins(), base.grid());
        assertEquals("fmnist 1 training, 1 held out; teacher-student 1 training, 0 held out; noisy-quadratic 0 "
                + "training, 1 held out. Ψ never learned from noisy-quadratic.", ProtocolSection.families(presetTasks));
    }

    @Test
    void thePageSaysHowTheNumbersWereMeasuredBeforeTheResults() throws Exception {
        String page = write(TinyStudy.psiWins());

        assertTrue(page.indexOf("How this was measured") < page.indexOf("Results on the held-out tasks"));
        assertTrue(page.contains("every method ran on the same 3 evaluation seeds from 1001"), page);
        assertTrue(page.contains("the tuning seeds 501–502"), page);
        assertTrue(page.contains("<b>Tasks by family.</b> t1 1 training, 0 held out; a 0 training, 1 held out; b 0 "
                + "training, 1 held out. Ψ never learned from a, b."), page);
        assertTrue(page.contains("b: set by the task&#39;s spec") || page.contains("b: set by the task's spec"), page);
    }

    private String write(StudyResults results) throws Exception {
        StudyReport.write(results, dir);
        return Files.readString(dir.resolve("index.html"));
    }
}
