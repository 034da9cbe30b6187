package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.train.data.DataSplit;
import dev.psi.train.task.Tasks;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seeds of a plan's three kinds of runs, and the presets' sizes. */
class StudyPlanTest {

    @ParameterizedTest
    @ValueSource(strings = {"quick", "standard", "full"})
    void samplingTuningAndEvaluationSeedsNeverOverlap(String preset) {
        StudyPlan plan = StudyPlan.preset(preset, "p");
        Set<Long> all = new HashSet<>();
        all.addAll(plan.samplingSeedList());
        all.addAll(plan.tuningSeeds());
        all.addAll(plan.evaluationSeeds());

        assertEquals(plan.samplingSeedList().size() + plan.tuningSeeds().size() + plan.evaluationSeeds().size(),
                all.size());
    }

    @Test
    void seedsOfEachKindStartWhereTheirRangeStarts() {
        StudyPlan quick = StudyPlan.preset("quick", "q").withSeeds(3);

        assertEquals(List.of(1L, 2L, 3L), quick.samplingSeedList());
        assertEquals(List.of(501L, 502L), quick.tuningSeeds());
        assertEquals(List.of(1001L, 1002L, 1003L), quick.evaluationSeeds());
    }

    @Test
    void standardEvaluatesOnAtLeastTenSeeds() {
        assertTrue(StudyPlan.preset("standard", "s").seeds() >= 10);
    }

    @Test
    void presetsSearchWithAtLeastTheIssuesBudgetsAndEveryRow() {
        assertEquals(List.of(8, 20, 32), StudyPlan.PRESETS.stream()
                .map(p -> StudyPlan.preset(p, "p").searchTrials()).toList());
        assertEquals(List.of(8, 20, 32), StudyPlan.PRESETS.stream()
                .map(p -> StudyPlan.preset(p, "p").pbtPopulation()).toList());
        for (String preset : StudyPlan.PRESETS) {
            assertTrue(StudyPlan.preset(preset, "p").methods().containsAll(List.of(Method.RANDOM_SEARCH,
                    Method.SUCCESSIVE_HALVING, Method.HYPERBAND, Method.GENETIC_SEARCH, Method.ALGOPERF_5, Method.PBT,
                    Method.PBT_REPLAY)), preset);
        }
        assertEquals(List.of("random-search", "successive-halving", "pbt", "hyperband", "genetic-search", "algoperf-5",
                "pbt-replay"), Method.words().stream().filter(w -> Method.of(w).searched()).toList());
    }

    @Test
    void everyPresetCalibratesOnASevenPointGridOverThreeDecades() {
        for (String preset : StudyPlan.PRESETS) {
            List<Double> grid = StudyPlan.preset(preset, "p").calibrationFactors();
            assertEquals(7, grid.size(), preset);
            assertEquals(1000, grid.get(6) / grid.get(0), 1e-3, preset);
        }
    }

    @Test
    void anEvaluationRunDrawsOtherFashionMnistExamplesThanEverySamplingRun() {
        StudyPlan quick = StudyPlan.preset("quick", "q");
        DataSplit evaluation = Tasks.builtIn("fmnist-mlp").load(100, quick.evaluationSeeds().get(0));
        for (long seed : quick.samplingSeedList()) {
            DataSplit sampling = Tasks.builtIn("fmnist-mlp").load(100, seed);
            assertFalse(Arrays.equals(evaluation.train().features(), sampling.train().features()), "seed " + seed);
        }
    }

    @Test
    void aGeneratedTaskTravelsToWorkersByItsName() {
        String generated = "ts-ce-i10-w16-d1-c4-n1000-s1-sgdm-b64-e5";
        StudyPlan plan = StudyPlan.preset("quick", "g").withTrainingTasks(List.of(generated));
        assertEquals(generated, plan.source(plan.trainingTasks().get(0)));
    }
}
