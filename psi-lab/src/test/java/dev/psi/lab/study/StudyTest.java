package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.criteria.Medians;
import dev.psi.core.criteria.Metric;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiModel;
import dev.psi.core.result.SurfaceRow;
import dev.psi.lab.model.PsiModelFile;
import dev.psi.core.criteria.TuningCost;
import dev.psi.lab.surface.SamplingMode;
import dev.psi.lab.work.Workers;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study end to end on a tiny configuration (synthetic tasks, 2 epochs, 200 examples, three methods),
 * its resumption, and the presets' plans.
 */
class StudyTest {

    @TempDir
    Path dir;

    private static StudyPlan tiny() {
        return new StudyPlan("tiny", "test", List.of(Tasks.builtIn("teacher-student")),
                List.of(Tasks.builtIn("noisy-quadratic")), 2, OptionalInt.of(2), OptionalInt.of(200),
                List.of(0.3, 1.0), new SamplingMode.Oracle(List.of(0.5, 2.0), 1, SamplingMode.Objective.VAL_LOSS,
                        OptionalDouble.empty()), 1, 2, List.of(Method.PSI_FORMULA, Method.ORACLE, Method.CONSTANT,
                        Method.RANDOM_SEARCH, Method.PBT, Method.PBT_REPLAY, Method.HYPERBAND, Method.GENETIC_SEARCH,
                        Method.ALGOPERF_5), StudyPlan.Defaults.TEXTBOOK, Optional.empty(), Map.of());
    }

    @Test
    void tinyStudyFillsTheResultsAndResumes() {
        Path db = dir.resolve("psi.db");
        StudyResults first;
        try (ResultStore store = ResultStore.open(db.toString())) {
            first = run(store, Workers.Listener.NONE);
        }
        assertEquals(List.of("teacher-student"), first.trainingTasks());
        assertEquals(List.of("noisy-quadratic"), first.heldOutTasks());
        assertEquals(Set.of("noisy-quadratic"), first.targets().keySet(), "only held-out tasks need a target");
        assertEquals(Metric.VAL_LOSS, first.targets().get("noisy-quadratic").metric());
        assertEquals(4, first.calibration().get("noisy-quadratic").trials(), "2 rates on 2 tuning seeds");
        assertEquals(9, first.results().size());
        assertFalse(first.surface().isEmpty());
        assertNotNull(first.formula());
        assertNotNull(first.network());
        assertTrue(first.psiCost().epochs() > 0 && first.psiCost().seconds() > 0);
        assertTrue(Files.exists(dir.resolve("out/psi-formula.json")));
        for (MethodResult result : first.results()) {
            assertEquals(2, result.seeds());
            assertEquals(2, result.curves().size());
            assertTrue(Double.isNaN(result.bestValAccuracy()), "regression has no accuracy");
            assertTrue(Double.isFinite(result.finalValLoss()) && result.finalValLoss() > 0, result.toString());
            assertTrue(Double.isFinite(result.medianSecondsToTarget())
                    || result.reliability().successes() * 2 <= result.seeds());
            assertEquals(2, result.reliability().trials());
            assertEquals(2, result.stepsToTarget().size(), "one time to target per seed, for the paired bootstrap");
            assertEquals(result.medianStepsToTarget(), Medians.median(result.stepsToTarget().stream()
                    .mapToDouble(Double::doubleValue).toArray()));
            result.curves().forEach(curve -> assertEquals(2, curve.size()));
        }
        assertEquals("Constant(lr=α₀)", first.results().get(2).method());
        MethodResult oracle = first.results().get(1);
        assertEquals("oracle", oracle.method());
        // Two candidates × one epoch of lookahead per kept epoch: two epochs kept, two more for the branching.
        assertEquals(4, oracle.tuning().epochs());
        // Searches: 2 points (PBT: a population of 8, AlgoPerf: 5) on both tuning seeds, 2 epochs each.
        assertEquals(new TuningCost(4, 8, tuning(first, "random-search").seconds()), tuning(first, "random-search"));
        assertEquals(4, tuning(first, "hyperband").trials(), "two iterations of one point");
        assertEquals(new TuningCost(10, 20, tuning(first, "algoperf-5").seconds()), tuning(first, "algoperf-5"));
        assertEquals(new TuningCost(16, 32, tuning(first, "pbt-replay").seconds()), tuning(first, "pbt-replay"));
        assertTrue(tuning(first, "genetic-search").trials() >= 4);
        // PBT as PBT: per new task, one run of the population (8 members × 2 epochs), the winner's included.
        assertEquals(new TuningCost(8, 16, tuning(first, "pbt").seconds()), tuning(first, "pbt"));

        List<String> lines = new ArrayList<>();
        StudyResults second;
        try (ResultStore store = ResultStore.open(db.toString())) {
            int trials = store.trials().inStudy("tiny").size();
            int searchTrials = store.trials().inStudy("tiny-search").size();
            int members = store.trials().inStudy("tiny-pbt").size();
            // PBT's winners are evaluation runs, one per seed, and never mistaken for another method's trial.
            assertEquals(2, store.trials().inStudy("tiny").stream()
                    .filter(t -> t.controller().startsWith("PBT(population=8) winner: rates per epoch [")).count());
            assertEquals(2 * 8, members, "a population of 8 on each evaluation seed");
            second = run(store, lines::add);
            assertEquals(trials, store.trials().inStudy("tiny").size(), "no evaluation trial ran again");
            assertEquals(searchTrials, store.trials().inStudy("tiny-search").size(), "the search did not run again");
            assertEquals(members, store.trials().inStudy("tiny-pbt").size(), "PBT did not run again");
        }
        assertTrue(lines.stream().filter(line -> line.startsWith("evaluate")).allMatch(line -> line.contains(
                "(done before)")), String.join("\n", lines));
        assertTrue(lines.stream().filter(line -> line.startsWith("oracle") || line.startsWith("sample")
                || line.startsWith("search"))
                .allMatch(line -> line.contains("done before")), String.join("\n", lines));
        for (int i = 0; i < first.results().size(); i++) {
            assertEquals(first.results().get(i).finalValLoss(), second.results().get(i).finalValLoss());
            assertEquals(first.results().get(i).tuning().epochs(), second.results().get(i).tuning().epochs());
        }
        assertEquals(first.targets(), second.targets());
    }

    @Test
    void samplingTuningAndEvaluationRunsUseDisjointSeeds() {
        try (ResultStore store = ResultStore.open(dir.resolve("seeds.db").toString());
                Workers workers = Workers.inProcess(store, Workers.Listener.NONE)) {
            // One method of each kind of seed use: untuned, a search on the tuning seeds, PBT and the oracle.
            new Study(store, dir.resolve("out"), workers, Workers.Listener.NONE).run(tiny().withMethods(
                    List.of(Method.PSI_FORMULA, Method.ORACLE, Method.CONSTANT, Method.RANDOM_SEARCH, Method.PBT)));

            assertEquals(Set.of(1L), seeds(store, "tiny-sample"));
            assertEquals(Set.of(501L, 502L), seeds(store, "tiny-calibrate"));
            assertEquals(Set.of(501L, 502L), seeds(store, "tiny-search"), "every point on both tuning seeds");
            assertEquals(Set.of(1001L, 1002L), seeds(store, "tiny"));
            assertEquals(Set.of(1001L, 1002L), seeds(store, "tiny-oracle"));
            assertEquals(Set.of(1001L, 1002L), seeds(store, "tiny-pbt"), "PBT as PBT runs on the evaluation seeds");
        }
    }

    private static TuningCost tuning(StudyResults results, String method) {
        return results.results().stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow().tuning();
    }

    private static Set<Long> seeds(ResultStore store, String study) {
        return store.trials().inStudy(study).stream().map(TrialSummary::seed).collect(Collectors.toSet());
    }

    private StudyResults run(ResultStore store, Workers.Listener listener) {
        return run(store, listener, tiny());
    }

    private StudyResults run(ResultStore store, Workers.Listener listener, StudyPlan plan) {
        try (Workers workers = Workers.inProcess(store, listener)) {
            return new Study(store, dir.resolve("out"), workers, listener).run(plan);
        }
    }

    @Test
    void psiLearnsFromTheLongHorizonLabellerWhenThePlanAsks() {
        StudyPlan plan = tiny().withMethods(List.of(Method.PSI_FORMULA)).withLongHorizon(Optional.of(
                new SamplingMode.Schedules(4, 2, OptionalDouble.empty(), OptionalDouble.empty())));
        StudyResults results;
        try (ResultStore store = ResultStore.open(dir.resolve("labels.db").toString())) {
            results = run(store, Workers.Listener.NONE, plan);
            assertEquals(1, store.trials().inStudy("tiny-labels").size(), "one training task × one sampling seed");
        }
        assertTrue(results.surface().stream().anyMatch(row -> row.kind().equals(SurfaceRow.HORIZON)),
                "the labeller's winner is on the surface");
        assertTrue(results.surface().stream().anyMatch(row -> row.kind().equals(SurfaceRow.ORACLE)),
                "the greedy oracle's path is kept beside it");
        // The oracle's trajectory and the labeller's search: 2 trials; the labeller's 4 candidates × 2 epochs.
        assertEquals(2, results.psiCost().trials());
        assertTrue(results.psiCost().epochs() >= 8, results.psiCost().toString());
    }

    @Test
    void greedyLabelsAreTheGreedyOraclesEvenWhereAnEarlierRunOfTheNameStoredLongHorizonOnes() {
        StudyPlan plan = tiny().withMethods(List.of(Method.PSI_FORMULA));
        try (ResultStore store = ResultStore.open(dir.resolve("rerun.db").toString())) {
            run(store, Workers.Listener.NONE, plan.withLongHorizon(Optional.of(
                    new SamplingMode.Schedules(4, 2, OptionalDouble.empty(), OptionalDouble.empty()))));
            StudyResults greedy = run(store, Workers.Listener.NONE, plan);
            assertTrue(greedy.surface().stream().noneMatch(row -> row.kind().equals(SurfaceRow.HORIZON)),
                    "the labeller's rows are not Ψ's surface once the plan asks for greedy labels");
            assertEquals(1, greedy.psiCost().trials(), "nor is the labeller's cost Ψ's");
        }
    }

    @Test
    void psiLearnsOnlyFromThePlansTrainingTasksWhateverTheStoreHoldsUnderItsName() {
        StudyPlan plan = tiny().withMethods(List.of(Method.PSI_FORMULA));
        try (ResultStore store = ResultStore.open(dir.resolve("swap.db").toString())) {
            run(store, Workers.Listener.NONE, plan);
            StudyResults swapped = run(store, Workers.Listener.NONE, new StudyPlan(plan.name(), plan.preset(),
                    plan.heldOutTasks(), plan.trainingTasks(), plan.seeds(), plan.epochs(), plan.trainSize(),
                    plan.calibrationFactors(), plan.oracle(), plan.samplingSeeds(), plan.searchTrials(), plan.methods(),
                    plan.defaults(), plan.longHorizon(), plan.specFiles()));
            assertEquals(Set.of("noisy-quadratic"), swapped.surface().stream().map(SurfaceRow::task)
                    .collect(Collectors.toSet()), "teacher-student, held out now, was sampled by the first run");
        }
    }

    /**
     * Ψ's runs name the model by its content in the store, not by a path under {@code --out}: the same study run
     * again into another folder, the first one deleted, reads every run back instead of training it again.
     */
    @Test
    void aStudyRunAgainIntoAnotherOutDoesNotTrainItsPsiRunsAgain() throws Exception {
        StudyPlan plan = tiny().withMethods(List.of(Method.PSI_FORMULA));
        List<String> lines = new ArrayList<>();
        try (ResultStore store = ResultStore.open(dir.resolve("moved.db").toString())) {
            try (Workers workers = Workers.inProcess(store, Workers.Listener.NONE)) {
                new Study(store, dir.resolve("first"), workers, Workers.Listener.NONE).run(plan);
            }
            List<TrialSummary> psiRuns = store.trials().inStudy("tiny").stream()
                    .filter(t -> t.controller().startsWith("Psi(")).toList();
            assertEquals(2, psiRuns.size(), "one per evaluation seed");
            assertTrue(psiRuns.stream().allMatch(t -> t.controller().matches(
                    "Psi\\(model=store:[0-9a-f]{64}/psi-formula\\.json\\)")), psiRuns.get(0).controller());
            try (var walk = Files.walk(dir.resolve("first"))) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }

            try (Workers workers = Workers.inProcess(store, lines::add)) {
                new Study(store, dir.resolve("second"), workers, lines::add).run(plan);
            }
            assertEquals(psiRuns, store.trials().inStudy("tiny").stream()
                    .filter(t -> t.controller().startsWith("Psi(")).toList(), "no Ψ run trained again");
        }
        List<String> psiLines = lines.stream().filter(line -> line.startsWith("evaluate noisy-quadratic psi-formula"))
                .toList();
        assertEquals(2, psiLines.size(), String.join("\n", lines));
        assertTrue(psiLines.stream().allMatch(line -> line.contains("(done before)")), String.join("\n", psiLines));
        assertTrue(Files.exists(dir.resolve("second/psi-formula.json")));
    }

    @Test
    void theAblationsPsiAreFittedFromTheSameSurfaceWithTheirOwnInputs() throws Exception {
        StudyPlan plan = tiny().withMethods(List.of(Method.PSI_FORMULA, Method.PSI_EPOCH_FORMULA,
                Method.PSI_TASK_FORMULA));
        StudyResults results;
        try (ResultStore store = ResultStore.open(dir.resolve("ablation.db").toString())) {
            results = run(store, Workers.Listener.NONE, plan);
        }
        assertEquals(List.of("psi-formula", "psi-epoch-formula", "psi-task-formula"),
                results.results().stream().map(MethodResult::method).toList());
        PsiModel epochOnly = PsiModelFile.read(dir.resolve("out/psi-epoch-formula.json"));
        assertTrue(Set.of(PsiFeature.EPOCH, PsiFeature.EPOCH_FRACTION).containsAll(epochOnly.features()),
                epochOnly.features().toString());
        assertTrue(Files.exists(dir.resolve("out/psi-task-formula.json")));
        assertTrue(Files.exists(dir.resolve("out/psi-network.json")), "the verdict's network is always fitted");
    }

    @Test
    void aRelativePsiIsFittedOverEachTasksRangeTestAndPaysForTheHeldOutTasksOwn() throws Exception {
        StudyPlan plan = tiny().withMethods(List.of(Method.PSI_FORMULA, Method.PSI_RELATIVE_FORMULA));
        StudyResults results;
        try (ResultStore store = ResultStore.open(dir.resolve("relative.db").toString())) {
            results = run(store, Workers.Listener.NONE, plan);
        }
        MethodResult direct = results.results().get(0);
        MethodResult relative = results.results().get(1);
        assertEquals("psi-relative-formula", relative.method());
        assertEquals(0, direct.tuning().trials());
        // One range test on the held-out task: 100 steps of batch 64 on 200 examples, 4 steps an epoch.
        assertEquals(1, relative.tuning().trials());
        assertEquals(25, relative.tuning().epochs());
        try (ResultStore store = ResultStore.open(dir.resolve("relative.db").toString())) {
            assertTrue(store.trials().inStudy("tiny").stream().anyMatch(trial -> trial.controller().matches(
                    "Psi\\(model=store:[0-9a-f]{64}/psi-relative-formula\\.json,scale=[0-9.E-]+\\)")),
                    "a relative Ψ's runs name its model stored by its content and the task's scale");
        }
        PsiModel model = PsiModelFile.read(dir.resolve("out/psi-relative-formula.json"));
        PsiModel absolute = PsiModelFile.read(dir.resolve("out/psi-formula.json"));
        assertTrue(model.maxLr() != absolute.maxLr(), "fitted to other rates: " + model.maxLr());
    }

    @Test
    void calibratedDefaultsAndTheLearnedListAreChosenOnTheTrainingTasksAlone() {
        StudyPlan plan = tiny().withMethods(List.of(Method.PSI_FORMULA, Method.CONSTANT, Method.SPS,
                Method.LEARNED_LIST_1, Method.LEARNED_LIST_3)).withDefaults(StudyPlan.Defaults.CALIBRATED);
        StudyResults results;
        try (ResultStore store = ResultStore.open(dir.resolve("grid.db").toString())) {
            results = run(store, Workers.Listener.NONE, plan);
            List<TrialSummary> grid = store.trials().inStudy("tiny-calibrate").stream()
                    .filter(t -> t.task().equals("teacher-student")).toList();
            // Constant on the 2 calibration factors and SPS on 5 scales, each on 2 tuning seeds.
            assertEquals(14, grid.size());
            assertTrue(grid.stream().allMatch(t -> t.seed() == 501 || t.seed() == 502));
        }
        List<String> rows = results.results().stream().map(MethodResult::method).toList();
        assertEquals(5, rows.size(), rows.toString());
        // In the plan's order of methods; no textbook rows.
        assertEquals("psi-formula", rows.get(0));
        assertTrue(rows.get(1).startsWith("Constant(lr=") && rows.get(1).endsWith(" (calibrated)"), rows.get(1));
        // The row's name leaves out the quadratic's f* and names SPS's plain SGD, as on every task.
        assertTrue(rows.get(2).startsWith("SPS(") && rows.get(2).endsWith(") / SGD() (calibrated)"), rows.get(2));
        assertEquals(List.of("learned-list-1", "learned-list-3"), rows.subList(3, 5));
        assertEquals(0, results.results().get(3).tuning().trials(), "the list's first entry costs nothing per task");
        assertEquals(6, results.results().get(4).tuning().trials(), "three configurations on two tuning seeds");
        assertEquals(14, results.grid().cost().trials());
        assertEquals(3, results.grid().list().size());
        assertEquals(Set.of("constant", "sps"), results.grid().scales().keySet());
        assertTrue(List.of(0.3, 1.0).contains(results.grid().scales().get("constant")));
    }

    @Test
    void aHeldOutSpecFileWithFewerExamplesThanTheTrainSizeIsTrainedOnAllOfThem() throws Exception {
        // 100 rows, 20 % held out: 80 training examples, fewer than the plan's 200.
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            rows.append(i % 7).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        }
        Files.writeString(dir.resolve("small.csv"), rows);
        Path spec = Files.writeString(dir.resolve("small.yaml"), "name: small\ndata:\n  format: csv\n"
                + "  train: small.csv\n  validation: 0.2\nmodel: linear\nbatch_size: 16\nepochs: 2\n");
        StudyPlan plan = tiny().withHeldOutTasks(List.of(spec.toString())).withMethods(List.of(Method.CONSTANT));

        StudyResults results;
        try (ResultStore store = ResultStore.open(dir.resolve("psi.db").toString());
                Workers workers = Workers.inProcess(store, Workers.Listener.NONE)) {
            results = new Study(store, dir.resolve("out"), workers, Workers.Listener.NONE).run(plan);
            assertTrue(store.trials().inStudy("tiny").stream().allMatch(t -> t.task().equals("small")));
        }
        assertEquals(List.of("small"), results.heldOutTasks());
        assertEquals(2, results.results().get(0).reliability().trials());
    }

    @Test
    void quickPresetIsARealStudy() {
        StudyPlan quick = StudyPlan.preset("quick", "q");
        assertEquals(List.of("fmnist-linear", "teacher-student"), names(quick.trainingTasks()));
        assertEquals(List.of("fmnist-mlp", "noisy-quadratic"), names(quick.heldOutTasks()));
        assertTrue(quick.seeds() >= 3);
        assertTrue(quick.heldOutTasks().size() >= 2);
        assertEquals(List.of(Method.values()), quick.methods());
        assertTrue(quick.trainSize().isPresent() && quick.epochs().isPresent());
        for (String preset : StudyPlan.PRESETS) {
            StudyPlan plan = StudyPlan.preset(preset, "p");
            assertTrue(plan.seeds() >= quick.seeds() && plan.heldOutTasks().size() >= 2, preset);
        }
    }

    @Test
    void badPlansAreOneLineErrors() {
        assertThrows(IllegalArgumentException.class, () -> StudyPlan.preset("huge", "x"));
        StudyPlan quick = StudyPlan.preset("quick", "q");
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> quick.withHeldOutTasks(List.of("fmnist-linear")));
        assertTrue(overlap.getMessage().contains("different tasks"));
        assertThrows(IllegalArgumentException.class, () -> quick.withSeeds(0));
        assertThrows(IllegalArgumentException.class, () -> Method.of("magic"));
        assertEquals(Method.RANDOM_SEARCH, Method.of("random-search"));
    }

    @Test
    void fixedMethodsNameTheirControllerAndForeignOptimizer() {
        TaskSpec task = Tasks.builtIn("fmnist-mlp");
        assertEquals("Constant(lr=0.001) / Adam()", Method.ADAM.label(task, 1, false));
        assertEquals("CosineAnnealingLR(lr=α₀,T_max=E)", Method.COSINE.label(task, 1, false));
        assertEquals("StepLR(lr=10α₀,step_size=E/3,gamma=0.1) (calibrated)", Method.STEP.label(task, 10, true));
        assertEquals("pbt", Method.PBT.label(task, 1, false));
    }

    private static List<String> names(List<TaskSpec> tasks) {
        return tasks.stream().map(TaskSpec::name).toList();
    }
}
