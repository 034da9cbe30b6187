package dev.psi.lab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.store.ResultStore;
import dev.psi.store.TrialSummary;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real objective on a small teacher–student task: stored trials, pruning, PBT across trials, replay. */
class TrialObjectiveTest {

    private static final TaskSpec TASK = Tasks.resolve("teacher-student");

    @TempDir
    Path dir;

    private TrialObjective objective(ResultStore store, List<TrialObjective.StoredTrial> seen) {
        return new TrialObjective(store, "s", TASK, TASK.batchSize(), OptionalInt.of(200), 1, Map.of("strategy", "t"),
                seen::add);
    }

    @Test
    void halvingStoresEveryTrialAndMarksThePrunedOnes() {
        List<TrialObjective.StoredTrial> seen = new ArrayList<>();
        try (ResultStore store = ResultStore.open(dir.resolve("a.db").toString())) {
            SearchSpace space = new SearchSpace(1e-3, 0.3, List.of(ScheduleFamily.COSINE), List.of(TASK.optimizer()));
            SearchResult result = new SuccessiveHalving(new Budget(3, 3, 1)).search(objective(store, seen), space);

            List<TrialSummary> trials = store.trials("s");
            assertEquals(3, trials.size());
            assertEquals(3, seen.size());
            assertEquals(1, trials.stream().filter(t -> t.status() == TrialStatus.COMPLETED).count());
            assertEquals(2, trials.stream().filter(t -> "stopped by the search after 1 epochs".equals(t.error())).count());
            assertEquals(1 + 1 + 3, result.cost().epochs());
            long stored = trials.stream().mapToLong(TrialSummary::epochsDone).sum();
            assertEquals(result.cost().epochs(), stored);
        }
    }

    @Test
    void pbtCopiesStateAcrossTrialsAndItsScheduleReplaysInATrial() {
        List<TrialObjective.StoredTrial> seen = new ArrayList<>();
        try (ResultStore store = ResultStore.open(dir.resolve("b.db").toString())) {
            SearchSpace space = new SearchSpace(1e-3, 0.3, List.of(ScheduleFamily.CONSTANT),
                    List.of(TASK.optimizer()));
            SearchResult result = new PopulationBasedTraining(new Budget(2, 3, 1), 1).search(objective(store, seen),
                    space);

            assertEquals(2, result.exploits().size());
            assertEquals(6, result.cost().epochs());
            RateSchedule schedule = result.schedule().orElseThrow();
            TrialConfig config = new TrialConfig(TASK.model(), TASK.optimizer(), Spec.parse("Constant(lr=0.1)"),
                    TASK.batchSize(), 3, 1, TrialConfig.DEFAULT_LOSS_SMOOTHING);
            try (Trial trial = Trial.create(config, TASK.load(200, 1))) {
                trial.useController(schedule.controller());
                List<EpochResult> epochs = trial.run(TrialListener.NONE).epochs();
                for (int epoch = 0; epoch < 3; epoch++) {
                    assertEquals(schedule.rate(epoch), epochs.get(epoch).lr(), 1e-12 * schedule.rate(epoch));
                }
            }
            assertTrue(store.trials("s").stream().allMatch(t -> t.status() == TrialStatus.COMPLETED));
        }
    }
}
