package dev.psi.lab.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import dev.psi.store.TrialSummary;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real objective on a teacher–student task: stored, pruned and failed trials, PBT across trials, replay. */
class TrialObjectiveTest {

    private static final TaskSpec TASK = Tasks.resolve("teacher-student");

    @TempDir
    Path dir;

    private TrialObjective objective(ResultStore store, List<TrialObjective.StoredTrial> seen) {
        return new TrialObjective(store, "s", TASK, TASK.batchSize(), OptionalInt.of(200), 1, Map.of("strategy", "t"),
                seen::add);
    }

    /**
     * Three points, rungs of 1 and 3 epochs: after the first epoch the best third goes on to the full budget, and
     * the other two are pruned, which is no error.
     */
    @Test
    void halvingStoresThePointsItStopsAfterTheFirstRungAsPruned() {
        List<TrialObjective.StoredTrial> seen = new ArrayList<>();
        try (ResultStore store = ResultStore.open(dir.resolve("a.db").toString())) {
            SearchSpace space = new SearchSpace(1e-3, 0.3, List.of(ScheduleFamily.COSINE), List.of(TASK.optimizer()));
            SearchResult result = new SuccessiveHalving(new Budget(3, 3, 1)).search(objective(store, seen), space);

            List<TrialSummary> trials = store.trials().inStudy("s");
            assertEquals(List.of("completed 3/3", "pruned 1/3", "pruned 1/3"), trials.stream()
                    .map(t -> t.status().word() + " " + t.epochsDone() + "/" + t.epochBudget()).sorted().toList());
            assertTrue(trials.stream().allMatch(t -> t.error() == null));
            assertEquals(trials.stream().map(TrialSummary::status).sorted().toList(),
                    seen.stream().map(TrialObjective.StoredTrial::status).sorted().toList());
            assertEquals(1 + 1 + 3, result.cost().epochs());
        }
    }

    /** A run whose epoch threw was not stopped by the search: it is failed, with what went wrong. */
    @Test
    void aRunWhoseEpochThrowsIsStoredAsFailedWithItsError() throws Exception {
        Path db = dir.resolve("c.db");
        List<TrialObjective.StoredTrial> seen = new ArrayList<>();
        try (ResultStore store = ResultStore.open(db.toString())) {
            // The store refuses the second epoch row, so the run's second epoch throws with budget left.
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TRIGGER refuse_epoch_1 BEFORE INSERT ON epochs WHEN NEW.epoch = 1"
                        + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
            }
            SearchSpace space = new SearchSpace(1e-3, 0.3, List.of(ScheduleFamily.COSINE), List.of(TASK.optimizer()));

            StoreException e = assertThrows(StoreException.class,
                    () -> new RandomSearch(new Budget(1, 3, 1)).search(objective(store, seen), space));

            TrialSummary trial = store.trials().inStudy("s").get(0);
            assertEquals(TrialStatus.FAILED, trial.status());
            assertEquals(e.getMessage(), trial.error());
            assertEquals(1, trial.epochsDone());
            assertEquals(List.of(TrialStatus.FAILED), seen.stream().map(TrialObjective.StoredTrial::status).toList());
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
            assertTrue(store.trials().inStudy("s").stream().allMatch(t -> t.status() == TrialStatus.COMPLETED));
        }
    }
}
