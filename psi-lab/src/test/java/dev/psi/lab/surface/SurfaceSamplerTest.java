package dev.psi.lab.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.Controllers;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import dev.psi.core.spec.Spec;
import dev.psi.lab.record.TrialRecords;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import dev.psi.core.result.SurfaceRow;
import dev.psi.store.TrialSummary;
import dev.psi.train.engine.Trial;
import dev.psi.train.engine.TrialConfig;
import dev.psi.train.engine.TrialListener;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sampling end to end against a real store, on tiny synthetic tasks (a few hundred examples, 2–4
 * epochs): what the rows mean, how they relate to the trial's epochs, resuming, and the oracle.
 */
class SurfaceSamplerTest {

    private static final TaskSpec TEACHER = Tasks.builtIn("teacher-student");
    private static final TaskSpec QUADRATIC = Tasks.builtIn("noisy-quadratic");

    @TempDir
    Path dir;

    private Path db;
    private ResultStore store;

    @BeforeEach
    void open() {
        db = dir.resolve("psi.db");
        store = ResultStore.open(db.toString());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static SamplingPlan plan(String study, TaskSpec task, SamplingMode mode, int seeds, int epochs,
            int trainSize) {
        return new SamplingPlan(study, List.of(task), mode, seeds, OptionalInt.of(epochs), OptionalInt.of(trainSize),
                OptionalInt.empty(), Optional.empty());
    }

    private SamplingSummary sample(SamplingPlan plan) {
        return new SurfaceSampler(store, SurfaceSampler.Listener.NONE).sample(plan);
    }

    private List<SurfaceRow> rows(String study, String kind) {
        return store.surface().of(study).stream().filter(row -> row.kind().equals(kind)).toList();
    }

    private static List<List<SurfaceRow>> byTrial(List<SurfaceRow> rows) {
        return new ArrayList<>(rows.stream()
                .collect(Collectors.groupingBy(SurfaceRow::trialId, TreeMap::new, Collectors.toList()))
                .values());
    }

    /**
     * The definitions of {@link SurfaceRow} hold along one trial's kept epochs: ε of epoch 0 is ε₀, each
     * row's ε_{i+1} is the next row's ε_i, r is ln(ε_i / ε_{i+1}), and α, the mean loss and the validation
     * figures agree with the trial's {@code epochs} rows.
     */
    private void assertConsistent(List<SurfaceRow> trajectory) {
        List<EpochResult> epochs = store.epochs().of(trajectory.get(0).trialId());
        assertEquals(epochs.size(), trajectory.size());
        for (int i = 0; i < trajectory.size(); i++) {
            SurfaceRow row = trajectory.get(i);
            assertEquals(i, row.epoch());
            assertEquals(Math.log(row.loss() / row.nextLoss()), row.convergence());
            assertEquals(epochs.get(i).lr(), row.lr(), 1e-15 * row.lr());
            assertEquals(epochs.get(i).valLoss(), row.valLoss());
            assertEquals(epochs.get(i).valAccuracy(), row.valAccuracy());
            if (i == 0) {
                assertEquals(row.loss0(), row.loss());
                assertEquals(Double.NaN, row.meanLoss());
            } else {
                assertEquals(trajectory.get(i - 1).nextLoss(), row.loss());
                assertEquals(epochs.get(i - 1).trainLoss(), row.meanLoss());
            }
        }
    }

    private long epochsTrained(long trialId) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT epochs_trained FROM trials WHERE id = " + trialId)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Trains the trial's kept α's again as one plain run, epoch by epoch, with no branching. */
    private static List<EpochResult> replay(TaskSpec task, int trainSize, int epochs, List<Double> rates) {
        TrialConfig config = new TrialConfig(task.model(), task.optimizer(), Spec.parse("Constant(lr=0.1)"),
                task.batchSize(), epochs, 1, TrialConfig.DEFAULT_LOSS_SMOOTHING);
        List<EpochResult> results = new ArrayList<>();
        try (Trial trial = Trial.create(config, task.load(trainSize, 1))) {
            for (double rate : rates) {
                trial.useController(Controllers.create(SamplingMode.Grid.spec(rate),
                        new ControllerContext(trial.stepsPerEpoch(), epochs)));
                results.add(trial.trainEpoch(TrialListener.NONE));
            }
        }
        return results;
    }

    @Test
    void walkRatesAreTheSeedsLognormalStepsWithinTheBoundsAndTheRowsReplay() {
        SamplingMode.Walk mode = new SamplingMode.Walk(0.8, 0.03, 0.3, OptionalDouble.empty());

        SamplingSummary summary = sample(plan("walk", TEACHER, mode, 2, 4, 200));

        assertEquals(SamplingSummary.trained(2, 8, 8), summary);
        List<List<SurfaceRow>> trials = byTrial(rows("walk", SurfaceRow.WALK));
        assertEquals(2, trials.size());
        for (int seed = 1; seed <= 2; seed++) {
            List<SurfaceRow> trajectory = trials.get(seed - 1);
            LognormalWalk expected = new LognormalWalk(mode, 0.1, seed);
            for (SurfaceRow row : trajectory) {
                assertEquals(expected.next(), row.lr());
                assertTrue(row.lr() >= 0.03 && row.lr() <= 0.3, "lr " + row.lr());
                assertEquals(200, row.features().datasetSize());
                assertEquals(64, row.features().batchSize());
                assertEquals("SGD", row.features().optimizerFamily());
                assertEquals(4, row.epochs());
            }
            assertConsistent(trajectory);
        }
        assertEquals(List.of("walk(sigma=0.8,lr_min=0.03,lr_max=0.3,lr_start=0.1)"),
                store.trials().inStudy("walk").stream().map(TrialSummary::controller).distinct().toList());

        sample(plan("again", TEACHER, mode, 2, 4, 200));
        assertEquals(withoutTrial(store.surface().of("walk")), withoutTrial(store.surface().of("again")));
    }

    private static List<SurfaceRow> withoutTrial(List<SurfaceRow> rows) {
        return rows.stream().map(r -> new SurfaceRow(0, "", r.task(), r.kind(), r.features(), r.epochs(), r.loss0(),
                r.epoch(), r.loss(), r.meanLoss(), r.lr(), r.nextLoss(), r.convergence(), r.valLoss(), r.valAccuracy()))
                .toList();
    }

    @Test
    void gridTrialsAreNormalConstantRateTrialsWithOneRowPerEpoch() {
        sample(plan("grid", TEACHER, new SamplingMode.Grid(List.of(0.01, 0.1)), 1, 3, 200));

        List<TrialSummary> trials = store.trials().inStudy("grid");
        assertEquals(List.of("Constant(lr=0.01)", "Constant(lr=0.1)"),
                trials.stream().map(TrialSummary::controller).toList());
        assertEquals(List.of(TrialStatus.COMPLETED, TrialStatus.COMPLETED),
                trials.stream().map(TrialSummary::status).toList());
        List<List<SurfaceRow>> rows = byTrial(rows("grid", SurfaceRow.GRID));
        assertEquals(List.of(0.01, 0.01, 0.01), rows.get(0).stream().map(SurfaceRow::lr).toList());
        assertEquals(List.of(0.1, 0.1, 0.1), rows.get(1).stream().map(SurfaceRow::lr).toList());
        rows.forEach(this::assertConsistent);
        List<EpochResult> plain = replay(TEACHER, 200, 3, List.of(0.1, 0.1, 0.1));
        List<EpochResult> stored = store.epochs().of(trials.get(1).id());
        for (int i = 0; i < 3; i++) {
            assertEquals(plain.get(i).trainLoss(), stored.get(i).trainLoss());
            assertEquals(plain.get(i).valLoss(), stored.get(i).valLoss());
        }
    }

    @Test
    void aDivergedEpochIsASurfaceRowWithoutAnEpochRow() {
        sample(plan("hot", TEACHER, new SamplingMode.Grid(List.of(1e6)), 1, 2, 200));

        TrialSummary trial = store.trials().inStudy("hot").get(0);
        assertEquals(TrialStatus.DIVERGED, trial.status());
        assertEquals(0, trial.divergedEpoch());
        assertEquals(List.of(), store.epochs().of(trial.id()));
        SurfaceRow row = rows("hot", SurfaceRow.GRID).get(0);
        assertEquals(Double.NaN, row.nextLoss());
        assertEquals(Double.NaN, row.convergence());
        assertEquals(1, sample(plan("hot", TEACHER, new SamplingMode.Grid(List.of(1e6)), 1, 2, 200)).trialsSkipped());
    }

    @Test
    void rerunningSkipsEveryFinishedTrialAndDuplicatesNothing() {
        SamplingPlan plan = plan("resume", TEACHER, new SamplingMode.Grid(List.of(0.01, 0.1)), 2, 2, 200);
        SamplingSummary first = sample(plan);
        List<SurfaceRow> rows = store.surface().of("resume");

        SamplingSummary second = sample(plan);

        assertEquals(SamplingSummary.trained(4, 8, 8), first);
        assertEquals(SamplingSummary.skipped(4), second);
        assertEquals(4, store.trials().inStudy("resume").size());
        assertEquals(rows, store.surface().of("resume"));
    }

    @Test
    void aTrialLeftRunningIsMarkedInterruptedAndRunAgainFromScratch() {
        // What a process killed in epoch 1 leaves: the study, the trial as running, its first surface row.
        store.catalog().ensureStudy("killed", "sample");
        store.catalog().ensureTask(TEACHER.name(), TrialRecords.taskJson(TEACHER));
        long left = store.trials().start(NewTrial.builder().study("killed").task(TEACHER.name())
                .controller("Constant(lr=0.1)").optimizer("SGD(momentum=0.9)").seed(1).epochs(2).batchSize(64)
                .trainSize(200).host("elsewhere").build());
        store.surface().record(new SurfaceRow(left, "killed", TEACHER.name(), SurfaceRow.GRID,
                new TaskFeatures(200, 1, 64, "SGD"), 2, 1.4, 0, 1.4, Double.NaN, 0.1, 1.3, Math.log(1.4 / 1.3), 1.2,
                0.5));
        List<SampledTrial> reports = new ArrayList<>();
        SamplingPlan plan = plan("killed", TEACHER, new SamplingMode.Grid(List.of(0.1)), 1, 2, 200);

        SamplingSummary summary = new SurfaceSampler(store, reports::add).sample(plan);

        assertEquals(SamplingSummary.trained(1, 2, 2).withRestarted(1), summary);
        TrialSummary old = store.trials().inStudy("killed").get(0);
        assertEquals(TrialStatus.FAILED, old.status());
        assertEquals("interrupted", old.error());
        TrialSummary restarted = store.trials().inStudy("killed").get(1);
        assertEquals(TrialStatus.COMPLETED, restarted.status());
        assertEquals(left, reports.get(0).interrupted().getAsLong());
        assertEquals(List.of(restarted.id(), restarted.id()),
                store.surface().of("killed").stream().map(SurfaceRow::trialId).toList());
        assertEquals(SamplingSummary.skipped(1), sample(plan));
    }

    @Test
    void theOracleKeepsTheBestBranchContinuesFromItAndRecordsItsCost() throws SQLException {
        SamplingMode.Oracle mode = new SamplingMode.Oracle(List.of(0.5, 1.0, 2.0), 1,
                SamplingMode.Objective.VAL_LOSS, OptionalDouble.of(0.1));

        SamplingSummary summary = sample(plan("oracle", TEACHER, mode, 1, 3, 200));

        assertEquals(SamplingSummary.trained(1, 12, 9).withOracle(3, 9), summary);
        List<SurfaceRow> kept = rows("oracle", SurfaceRow.ORACLE);
        List<SurfaceRow> branches = rows("oracle", SurfaceRow.BRANCH);
        double previous = 0.1;
        for (SurfaceRow oracle : kept) {
            int epoch = oracle.epoch();
            List<SurfaceRow> candidates = branches.stream().filter(b -> b.epoch() == epoch).toList();
            double from = previous;
            assertEquals(List.of(0.5 * from, from, 2 * from),
                    candidates.stream().map(SurfaceRow::lr).sorted().toList());
            SurfaceRow best = candidates.stream().min((a, b) -> Double.compare(a.valLoss(), b.valLoss())).orElseThrow();
            assertEquals(best, oracle.withKind(SurfaceRow.BRANCH));
            // Every branch of an epoch starts from the kept state of the epoch before.
            candidates.forEach(b -> assertEquals(oracle.loss(), b.loss()));
            previous = oracle.lr();
        }
        assertConsistent(kept);
        long trialId = kept.get(0).trialId();
        assertEquals(9, epochsTrained(trialId));
        // The kept epochs are exactly what a plain run at the kept rates trains: restoring replays exactly.
        List<EpochResult> plain = replay(TEACHER, 200, 3, kept.stream().map(SurfaceRow::lr).toList());
        List<EpochResult> stored = store.epochs().of(trialId);
        for (int i = 0; i < 3; i++) {
            assertEquals(plain.get(i).trainLoss(), stored.get(i).trainLoss());
            assertEquals(plain.get(i).valLoss(), stored.get(i).valLoss());
        }
    }

    @Test
    void theTrainLossObjectiveKeepsTheLowestSmoothedLoss() {
        SamplingMode.Oracle mode = new SamplingMode.Oracle(List.of(0.25, 1.0, 4.0), 1,
                SamplingMode.Objective.TRAIN_LOSS, OptionalDouble.of(0.05));

        sample(plan("train", TEACHER, mode, 1, 2, 200));

        for (SurfaceRow oracle : rows("train", SurfaceRow.ORACLE)) {
            double lowest = rows("train", SurfaceRow.BRANCH).stream().filter(b -> b.epoch() == oracle.epoch())
                    .mapToDouble(SurfaceRow::nextLoss).min().orElseThrow();
            assertEquals(lowest, oracle.nextLoss());
        }
    }

    /**
     * The sampling process "dies" while it explores epoch 2: a trigger refuses epoch 2's row, and another
     * refuses to mark the trial failed, so the trial is left as a killed process leaves it — running, with
     * the checkpoint stored after epoch 1. Sampled again, the trajectory goes on from epoch 2 under its own
     * id and ends with exactly the rows, epochs and cost of one never interrupted.
     */
    @Test
    void aKilledOracleTrajectoryResumesAfterItsLastKeptEpochWithTheSameRows() throws SQLException {
        SamplingMode.Oracle mode = new SamplingMode.Oracle(List.of(0.5, 2.0), 1, SamplingMode.Objective.VAL_LOSS,
                OptionalDouble.empty());
        sample(plan("whole", TEACHER, mode, 1, 4, 200));
        execute("CREATE TRIGGER die_at_epoch_2 BEFORE INSERT ON epochs WHEN NEW.epoch = 2"
                + " BEGIN SELECT RAISE(ABORT, 'killed'); END");
        execute("CREATE TRIGGER no_goodbye BEFORE UPDATE OF status ON trials WHEN NEW.status = 'failed'"
                + " BEGIN SELECT RAISE(ABORT, 'killed'); END");
        assertThrows(StoreException.class, () -> sample(plan("cut", TEACHER, mode, 1, 4, 200)));
        execute("DROP TRIGGER die_at_epoch_2");
        execute("DROP TRIGGER no_goodbye");
        assertEquals(TrialStatus.RUNNING, store.trials().inStudy("cut").get(0).status());

        List<SampledTrial> seen = new ArrayList<>();
        new SurfaceSampler(store, seen::add).sample(plan("cut", TEACHER, mode, 1, 4, 200));

        assertTrue(seen.get(0).resumed());
        List<TrialSummary> trials = store.trials().inStudy("cut");
        assertEquals(1, trials.size());
        assertEquals(TrialStatus.COMPLETED, trials.get(0).status());
        long whole = store.trials().inStudy("whole").get(0).id();
        assertEquals(withoutIds(store.surface().of("whole")), withoutIds(store.surface().of("cut")));
        assertEquals(withoutTimes(store.epochs().of(whole)), withoutTimes(store.epochs().of(trials.get(0).id())));
        assertEquals(epochsTrained(whole), epochsTrained(trials.get(0).id()));
        assertTrue(store.checkpoints().of(trials.get(0).id()).isEmpty());
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<SurfaceRow> withoutIds(List<SurfaceRow> rows) {
        return rows.stream().map(r -> new SurfaceRow(0, "", r.task(), r.kind(), r.features(), r.epochs(), r.loss0(),
                r.epoch(), r.loss(), r.meanLoss(), r.lr(), r.nextLoss(), r.convergence(), r.valLoss(), r.valAccuracy()))
                .toList();
    }

    private static List<EpochResult> withoutTimes(List<EpochResult> epochs) {
        return epochs.stream().map(e -> new EpochResult(e.epoch(), e.lr(), e.trainLoss(), e.valLoss(), e.valAccuracy(),
                e.steps(), 0)).toList();
    }

    @Test
    void aLongerHorizonCostsEveryLookaheadEpochUpToTheBudget() throws SQLException {
        SamplingMode.Oracle mode = new SamplingMode.Oracle(List.of(0.5, 2.0), 2, SamplingMode.Objective.VAL_LOSS,
                OptionalDouble.empty());

        SamplingSummary summary = sample(plan("horizon", TEACHER, mode, 1, 3, 200));

        // Epochs 0 and 1 look 2 epochs ahead, epoch 2 only 1 (the budget ends): 2 × (2 + 2 + 1).
        assertEquals(10, summary.oracleEpochsTrained());
        assertEquals(10, epochsTrained(store.trials().inStudy("horizon").get(0).id()));
        assertEquals(6, rows("horizon", SurfaceRow.BRANCH).size());
        assertConsistent(rows("horizon", SurfaceRow.ORACLE));
    }

    /**
     * The oracle against theory on {@code noisy-quadratic}: plain SGD on a linear model with the mean
     * squared error, batch B = 64, inputs x ~ N(0, diag(h)) with 50 curvatures h from 1 down to 0.01,
     * targets y = w*·x + ν with ν ~ N(0, s²), s = 0.5.
     *
     * <p>Analysis. With e = w − w* and e_b the bias, the expected loss is L = Σ h_j e_j² + e_b² + s², and
     * a minibatch gradient has mean 2h_i e_i (2e_b for the bias) and, x being Gaussian (Isserlis),
     * variance (4/B)(h_i L + h_i² e_i²) ((4/B)(L − e_b²) for the bias). One SGD step at rate α therefore
     * maps the second moments v_i = E[e_i²] exactly, in expectation over the batch, to
     * <pre>
     *   v_i ← (1 − 2αh_i)² v_i + (4α²/B)(h_i L + h_i² v_i),
     *   v_b ← (1 − 2α)² v_b + (4α²/B)(L − v_b),
     * </pre>
     * with L = Σ h_j v_j + v_b + s² linear in the v's. The recursion is exact while every batch is fresh,
     * i.e. throughout epoch 0 (each example is used once), and an approximation in later epochs, which
     * reuse the examples. Initially v_i = w*_i² + 1/150 and v_b = 1/150: PyTorch's initialization draws
     * weights and bias from U(±1/√50), of variance 1/150, independently of w*.
     *
     * <p>Following the oracle's own kept rates, the recursion gives every candidate's expected loss after
     * one epoch. With 1024 examples (16 steps), start 0.3 and factors {0.25, 0.5, 1, 2, 4}, it expects
     * 2.02, 1.15, 0.63, 0.44 and divergence at epoch 0, from 9.49 at initialization (1.2 is beyond the
     * stability limit 2/λ_max = 1, λ_max = 2 being the Hessian's largest eigenvalue): the best
     * candidate, 0.6, lies inside the set, close to the continuous optimum α* ≈ 0.62 over (0, 1). One
     * realization, measured on 2000 validation examples, gave 1.94, 1.08, 0.62 and 0.43. The oracle must
     * pick the analytic best at epoch 0, where the recursion is exact, with every measured candidate
     * within 15 % of its expected loss, and the analytic best or a neighbour (one factor 2) at later
     * epochs; at epoch 0 it must also be within a factor 2 of α*.
     */
    @Test
    void theOracleOnTheNoisyQuadraticPicksTheAnalyticBestOrANeighbour() {
        List<Double> factors = List.of(0.25, 0.5, 1.0, 2.0, 4.0);
        SamplingMode.Oracle mode = new SamplingMode.Oracle(factors, 1, SamplingMode.Objective.VAL_LOSS,
                OptionalDouble.of(0.3));

        sample(plan("quadratic", QUADRATIC, mode, 1, 3, 1024));

        NoisyQuadraticModel model = new NoisyQuadraticModel();
        double previous = 0.3;
        for (SurfaceRow oracle : rows("quadratic", SurfaceRow.ORACLE)) {
            int analyticBest = 0;
            double[] expected = new double[factors.size()];
            for (int k = 0; k < factors.size(); k++) {
                expected[k] = model.afterEpoch(previous * factors.get(k), 1024).loss();
                analyticBest = expected[k] < expected[analyticBest] ? k : analyticBest;
            }
            // The factors are powers of two, so α_i / α_{i−1} gives them back exactly.
            int chosen = factors.indexOf(oracle.lr() / previous);
            assertTrue(chosen >= 0, "the oracle's rate " + oracle.lr() + " is no candidate of " + previous);
            assertTrue(Math.abs(chosen - analyticBest) <= 1, "epoch " + oracle.epoch() + ": the oracle chose "
                    + oracle.lr() + ", the analysis expects " + previous * factors.get(analyticBest) + " best ("
                    + Arrays.toString(expected) + ")");
            if (oracle.epoch() == 0) {
                assertEquals(3, analyticBest, "the analysis expects 0.6 best at epoch 0");
                assertEquals(analyticBest, chosen, "in epoch 0 the recursion is exact: no neighbour allowed");
                for (SurfaceRow branch : rows("quadratic", SurfaceRow.BRANCH)) {
                    int k = factors.indexOf(branch.lr() / previous);
                    if (branch.epoch() == 0 && branch.lr() < 1) {
                        assertEquals(1, branch.valLoss() / expected[k], 0.15, "measured against expected at "
                                + branch.lr());
                    }
                }
                double optimum = model.bestRate(1024);
                assertEquals(0.62, optimum, 0.01);
                assertTrue(oracle.lr() <= 2 * optimum && oracle.lr() >= optimum / 2,
                        oracle.lr() + " vs the analytic optimum " + optimum);
            }
            model = model.afterEpoch(oracle.lr(), 1024);
            previous = oracle.lr();
        }
    }
}
