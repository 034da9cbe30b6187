package dev.psi.store;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.result.SurfaceRow;
import dev.psi.core.spec.Spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.result.TrialStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The surface table, the epochs-trained column and the look-up that lets a sampling study resume. */
class SurfaceStoreTest {

    @RegisterExtension
    final TempStore temp = new TempStore().task("tiny", "{}").study("surf", "sample");

    private Path db;
    private ResultStore store;
    private long trial;

    @BeforeEach
    void open() {
        db = temp.file();
        store = temp.store();
        trial = store.trials().start(Fixtures.trial("surf", "tiny", "oracle(candidates=[0.5,2],horizon=1)"));
    }

    private SurfaceRow sample(long trialId, String kind, int epoch, double lr, double nextLoss) {
        return sample(trialId, kind, epoch, lr, nextLoss, SGD_MOMENTUM);
    }

    private SurfaceRow sample(long trialId, String kind, int epoch, double lr, double nextLoss,
            TaskFeatures features) {
        double loss = 2.0 / (epoch + 1);
        return new SurfaceRow(trialId, "surf", "tiny", kind, features, 3, 2.0, epoch, loss,
                epoch == 0 ? Double.NaN : loss * 1.1, lr, nextLoss, Math.log(loss / nextLoss), 0.9, Double.NaN);
    }

    /** The task of Fixtures.trial, which trains with SGD(momentum=0.9). */
    private static final TaskFeatures SGD_MOMENTUM = TaskFeatures.of(320, 51, 32, Spec.parse("SGD(momentum=0.9)"));

    @Test
    void rowsRoundTripWithNaNAsNull() throws Exception {
        SurfaceRow row = sample(trial, "walk", 0, 0.1, 1.5);

        store.surface().record(row);

        assertEquals(List.of(row), store.surface().of("surf"));
        assertEquals(List.of("null|null"), Fixtures.query(db, "SELECT mean_loss, val_accuracy FROM surface"));
    }

    @Test
    void aRowsEffectiveStepIsReadFromItsTrialsOptimizerEvenWhereTheRowDidNotKnowIt() {
        SurfaceRow unknown = sample(trial, "walk", 0, 0.1, 1.5, new TaskFeatures(320, 51, 32, "SGD"));

        store.surface().record(unknown);

        assertEquals(1 / (1 - 0.9), store.surface().of("surf").get(0).features().effectiveStep());
    }

    @Test
    void rowsComeInTheOrderOfTaskSeedAndEpochWhateverOrderTheTrialsStartedIn() {
        // Seed 9 starts before seed 1, as when parallel workers take trials in any order.
        NewTrial planned = Fixtures.trial("surf", "tiny", "oracle(candidates=[0.5,2],horizon=1)");
        long seed9 = store.trials().start(planned.toBuilder().seed(9).build());
        long seed1 = store.trials().start(planned.toBuilder().seed(1).build());
        store.surface().record(sample(seed9, "oracle", 0, 0.1, 1.5));
        store.surface().record(sample(seed1, "oracle", 1, 0.1, 1.0));
        store.surface().record(sample(trial, "oracle", 0, 0.1, 1.5));
        store.surface().record(sample(seed1, "oracle", 0, 0.1, 1.5));

        // The fixture's trial has seed 7.
        assertEquals(List.of(seed1 + "/0", seed1 + "/1", trial + "/0", seed9 + "/0"),
                store.surface().of("surf").stream().map(row -> row.trialId() + "/" + row.epoch()).toList());
    }

    @Test
    void aDivergedEpochIsStoredWithoutItsLosses() {
        store.surface().record(sample(trial, "branch", 0, 8, Double.POSITIVE_INFINITY));

        SurfaceRow read = store.surface().of("surf").get(0);

        assertEquals(Double.NaN, read.nextLoss());
        assertEquals(Double.NaN, read.convergence());
    }

    @Test
    void branchesOfOneEpochAndTheKeptOneCoexistInKeyOrder() {
        store.surface().record(sample(trial, "oracle", 1, 0.2, 0.8));
        store.surface().record(sample(trial, "branch", 1, 0.2, 0.8));
        store.surface().record(sample(trial, "branch", 1, 0.05, 0.9));
        store.surface().record(sample(trial, "branch", 0, 0.1, 1.0));

        assertEquals(List.of("0 branch 0.1", "1 branch 0.05", "1 branch 0.2", "1 oracle 0.2"),
                store.surface().of("surf").stream().map(r -> r.epoch() + " " + r.kind() + " " + r.lr()).toList());
    }

    @Test
    void recordingTheSameKeyAgainReplacesTheRow() {
        store.surface().record(sample(trial, "grid", 0, 0.1, 1.5));
        SurfaceRow again = sample(trial, "grid", 0, 0.1, 1.25);

        store.surface().record(again);

        assertEquals(List.of(again), store.surface().of("surf"));
    }

    @Test
    void aRowMustNameItsTrialsStudyAndTask() {
        SurfaceRow wrong = new SurfaceRow(trial, "other", "tiny", "grid", new TaskFeatures(1, 1, 1, "SGD"), 1, 1, 0, 1,
                1, 0.1, 1, 0, 1, 1);

        StoreException e = assertThrows(StoreException.class, () -> store.surface().record(wrong));

        assertEquals("Cannot record a surface row of trial " + trial + " in " + db + ": there is no trial " + trial
                + " of task tiny in study other", e.getMessage());
    }

    @Test
    void aFailedTrialsRowsStayInTheTableButNotInTheStudysSurface() throws Exception {
        store.surface().record(sample(trial, "walk", 0, 0.1, 1.5));
        store.trials().finish(trial, TrialStatus.FAILED, null, "interrupted", Double.NaN);
        long restart = store.trials().start(Fixtures.trial("surf", "tiny", "oracle(candidates=[0.5,2],horizon=1)"));
        store.surface().record(sample(restart, "walk", 0, 0.1, 1.5));

        assertEquals(List.of(restart), store.surface().of("surf").stream().map(SurfaceRow::trialId).toList());
        assertEquals(List.of("2"), Fixtures.query(db, "SELECT COUNT(*) FROM surface"));
        assertEquals(List.of(), store.surface().of("unknown"));
    }

    @Test
    void epochsTrainedIsRecordedWithTheTrial() throws Exception {
        store.trials().recordEpochsTrained(trial, 11);

        assertEquals(List.of("11"), Fixtures.query(db, "SELECT epochs_trained FROM trials"));
        StoreException e = assertThrows(StoreException.class, () -> store.trials().recordEpochsTrained(99, 1));
        assertEquals("Cannot record the epochs trained by trial 99 in " + db + ": there is no trial 99",
                e.getMessage());
    }

    @Test
    void trialsLikeMatchesEverythingThatFixesTheNumbers() {
        NewTrial planned = NewTrial.builder().study("surf").task("tiny").controller("Constant(lr=0.1)").optimizer("SGD")
                .seed(1).epochs(2).batchSize(16).trainSize(300).host("a").configJson("{}").build();
        NewTrial unconfigured = planned.toBuilder().configJson(null).build();
        long same = store.trials().start(planned);
        store.trials().start(unconfigured.toBuilder().trainSize(null).build());
        store.trials().start(unconfigured.toBuilder().seed(2).build());
        store.trials().start(unconfigured.toBuilder().epochs(3).build());
        store.trials().start(unconfigured.toBuilder().optimizer("Adam").build());
        store.trials().start(unconfigured.toBuilder().batchSize(32).build());
        store.trials().start(unconfigured.toBuilder().study(null).build());
        long again = store.trials().start(unconfigured.toBuilder().host("b").build());

        assertEquals(List.of(same, again), store.trials().like(planned).stream().map(TrialSummary::id).toList());
        NewTrial outside = unconfigured.toBuilder().study(null).build();
        assertEquals(1, store.trials().like(outside).size());
        NewTrial allData = unconfigured.toBuilder().trainSize(null).build();
        assertEquals(1, store.trials().like(allData).size());
    }
}
