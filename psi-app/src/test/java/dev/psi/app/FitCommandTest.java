package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.PsiModel;
import dev.psi.lab.fit.PsiFitter;
import dev.psi.lab.model.PsiModelFile;
import dev.psi.core.result.SurfaceRow;
import dev.psi.store.NewTrial;
import dev.psi.store.ResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code psi fit} and {@code psi show-psi} from a study to a model file, its row in the store, its
 * report and plot, and a training run that it controls.
 */
class FitCommandTest {

    @TempDir
    static Path dir;

    private static Path db;

    /**
     * Two studies: {@code real}, an oracle study of teacher-student sampled by {@code psi sample}; and
     * {@code synthetic}, three tasks whose oracle rows follow α = 0.3·(ε/ε₀)^0.5·(1 + i)^−0.2 with 5 % noise,
     * written straight into the store.
     */
    @BeforeAll
    static void studies() {
        db = dir.resolve("fit.db");
        Cli sample = Cli.run("sample", "--study", "real", "--tasks", "teacher-student", "--mode", "oracle", "--epochs",
                "4", "--train-size", "300", "--db", db.toString());
        assertEquals(0, sample.exitCode(), sample.err());
        try (ResultStore store = ResultStore.open(db.toString())) {
            store.catalog().ensureStudy("synthetic", "sample");
            Random random = new Random(1);
            for (String task : List.of("a", "b", "c")) {
                store.catalog().ensureTask(task, "{}");
                long trial = store.trials().start(NewTrial.builder().study("synthetic").task(task)
                        .controller("Oracle()").optimizer("SGD()").seed(1).epochs(20).batchSize(32).host("test")
                        .configJson("{}").build());
                for (int r = 0; r < 10; r++) {
                    double ratio = Math.exp(Math.log(0.05) * r / 9.0);
                    for (int epoch = 0; epoch < 20; epoch++) {
                        double lr = 0.3 * Math.sqrt(ratio) * Math.pow(1 + epoch, -0.2)
                                * Math.exp(0.05 * random.nextGaussian());
                        // One trial holds every (ratio, epoch): rows differ in lr, the key's last column.
                        store.surface().record(new SurfaceRow(trial, "synthetic", task, SurfaceRow.ORACLE,
                                new TaskFeatures(1000, 1000, 32, "SGD"), 20, 2.0, epoch, 2.0 * ratio, Double.NaN, lr,
                                1.9 * ratio, Math.log(2.0 / 1.9), 1.0, Double.NaN));
                    }
                }
            }
        }
    }

    private static Cli fit(String study, String kind, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("fit", "--study", study, "--kind", kind, "--out",
                out.toString(), "--db", db.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void aFormulaFitOfTheSyntheticStudyRecoversPsiAndIsRecorded() throws IOException {
        Path out = dir.resolve("models/synthetic-formula.json");
        Cli result = fit("synthetic", "formula", out);
        assertEquals(0, result.exitCode(), result.err());
        FormulaModel model = assertInstanceOf(FormulaModel.class, PsiModelFile.read(out));
        // The power family is the knee: a within 5 %, the exponents within 0.05 (noise 0.05 in ln α, 600 rows).
        String formula = model.formula().toString();
        assertTrue(formula.matches("0\\.29\\d*\\*loss_ratio\\^0\\.49\\d*\\*\\(1 \\+ epoch\\)\\^-0\\.19\\d*"), formula);
        double loto = model.metrics().get(PsiFitter.LOTO_RMSE);
        assertTrue(loto > 0.04 && loto < 0.07, "loto " + loto);
        assertEquals(List.of("a", "b", "c"), model.fit().tasks());
        assertTrue(result.out().contains("lr = " + formula), result.out());
        assertTrue(result.out().contains("recorded as Psi model 'synthetic-formula'"), result.out());

        Path csv = dir.resolve("csv");
        assertEquals(0, Cli.run("export", "--db", db.toString(), "--out", csv.toString()).exitCode());
        List<String> rows = Files.readAllLines(csv.resolve("psi_models.csv"));
        assertTrue(rows.stream().anyMatch(row -> row.contains("synthetic-formula,formula,")), rows.toString());
    }

    @Test
    void showPsiPrintsTheFormulaAndDrawsIt() {
        Path out = dir.resolve("show.json");
        assertEquals(0, fit("synthetic", "formula", out, "--features", "log_loss_ratio,epoch").exitCode());
        PsiModel model = PsiModelFile.read(out);
        Path svg = dir.resolve("show.svg");
        Cli show = Cli.run("show-psi", out.toString(), "--plot", svg.toString());
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("lr = " + model.describe()), show.out());
        assertTrue(show.out().contains("loto_rmse_log_lr"), show.out());
        assertTrue(show.out().contains("Pareto front"), show.out());
        assertTrue(Files.exists(svg));
    }

    @Test
    void modelsOfARealOracleStudyDriveTraining() {
        Path formula = dir.resolve("real-formula.json");
        Path network = dir.resolve("real-network.json");
        Cli formulaFit = fit("real", "formula", formula);
        assertEquals(0, formulaFit.exitCode(), formulaFit.err());
        Cli networkFit = fit("real", "network", network);
        assertEquals(0, networkFit.exitCode(), networkFit.err());
        assertInstanceOf(NetworkModel.class, PsiModelFile.read(network));
        // One task: leave-one-task-out is undefined, and the report says why.
        Cli show = Cli.run("show-psi", network.toString());
        assertTrue(show.out().contains("loto_rmse_log_lr  undefined: fitted on one task"), show.out());
        for (Path model : List.of(formula, network)) {
            Cli train = Cli.run("train", "--task", "teacher-student", "--controller", "Psi(model=" + model + ")",
                    "--epochs", "2", "--train-size", "300", "--no-progress", "--db", dir.resolve("train.db").toString());
            assertEquals(0, train.exitCode(), train.err());
            assertTrue(train.out().contains("status: completed"), train.out());
        }
    }

    @Test
    void theSurfaceKindGivesAFormula() {
        Path out = dir.resolve("real-surface.json");
        Cli result = fit("real", "surface", out);
        assertEquals(0, result.exitCode(), result.err());
        assertInstanceOf(FormulaModel.class, PsiModelFile.read(out));
        assertTrue(result.out().contains("surface_r2"), result.out());
    }

    private static String fails(String... args) {
        Cli result = Cli.run(args);
        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertEquals(1, result.errLines().length, result.err());
        return result.err().strip();
    }

    @Test
    void anUnwritablePlotIsOneLine() throws IOException {
        Path out = dir.resolve("unplotted.json");
        assertEquals(0, fit("synthetic", "formula", out, "--features", "log_loss_ratio,epoch").exitCode());
        Path svg = Files.writeString(dir.resolve("a-file.txt"), "x").resolve("psi.svg");
        assertEquals("psi show-psi: cannot write " + svg + ": " + svg + ": Not a directory",
                fails("show-psi", out.toString(), "--plot", svg.toString()));
    }

    @Test
    void badInputIsOneLine() throws IOException {
        String out = dir.resolve("bad.json").toString();
        assertEquals("psi fit: there is no study 'nope' in " + db,
                fails("fit", "--study", "nope", "--kind", "formula", "--out", out, "--db", db.toString()));
        Cli train = Cli.run("train", "--task", "teacher-student", "--study", "empty", "--epochs", "1", "--train-size",
                "100", "--no-progress", "--db", db.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(fails("fit", "--study", "empty", "--kind", "formula", "--out", out, "--db", db.toString())
                .startsWith("psi fit: study 'empty' has no surface rows"));
        assertEquals("psi fit: unknown --labels 'greedy'; valid: horizon, oracle", fails("fit", "--study", "real",
                "--kind", "formula", "--labels", "greedy", "--out", out, "--db", db.toString()));
        assertEquals("psi fit: unknown kind 'curve'; valid: formula, network, surface",
                fails("fit", "--study", "real", "--kind", "curve", "--out", out, "--db", db.toString()));
        assertTrue(fails("fit", "--study", "real", "--kind", "formula", "--features", "loss,epoch", "--out", out,
                "--db", db.toString()).startsWith("psi fit: unknown feature 'loss'; valid: loss_ratio,"));
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertEquals("psi fit: --out " + file.resolve("m.json") + " cannot be written: " + file
                + " exists and is not a directory", fails("fit", "--study", "real", "--kind", "formula", "--out",
                file.resolve("m.json").toString(), "--db", db.toString()));
        assertTrue(fails("fit", "--study", "real", "--kind", "formula", "--out", out, "--db",
                dir.resolve("typo.db").toString()).startsWith("psi fit: no database at "));
        assertTrue(fails("show-psi", dir.resolve("missing.json").toString()).contains("not found"));
        assertTrue(Files.notExists(dir.resolve("bad.json")));
    }
}
