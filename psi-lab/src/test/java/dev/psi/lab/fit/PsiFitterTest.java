package dev.psi.lab.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiModel;
import dev.psi.lab.model.PsiModelFile;
import dev.psi.core.result.SurfaceRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of fit on synthetic studies, with its validation and its model file. */
class PsiFitterTest {

    private static final SymbolicRegression.Settings SEARCH = new SymbolicRegression.Settings(300, 40, 25, 4, 1);
    private static final NetworkFit.Settings NETWORK = new NetworkFit.Settings(List.of(16, 16), 2, 300, 0.01);
    private static final PsiFitter FITTER = new PsiFitter(1, SEARCH, NETWORK);

    /** Three tasks sharing Ψ, each with noise 0.05 in ln α. */
    private static List<SurfaceRow> threeTasks() {
        List<SurfaceRow> rows = new ArrayList<>();
        rows.addAll(Synthetic.oracle("a", 1000, Synthetic::psi, 0.05, 1));
        rows.addAll(Synthetic.oracle("b", 5000, Synthetic::psi, 0.05, 2));
        rows.addAll(Synthetic.oracle("c", 20000, Synthetic::psi, 0.05, 3));
        return rows;
    }

    private static void assertRoundTrips(PsiModel model) {
        assertEquals(model, PsiModelFile.fromJson(PsiModelFile.toJson(model), "test"));
    }

    /** The formula fit of {@link #threeTasks}, shared by the tests that only read it: each fit takes seconds. */
    private static PsiFit threeTaskFormula;

    private static synchronized PsiFit threeTaskFormula() {
        if (threeTaskFormula == null) {
            threeTaskFormula = FITTER.fit(threeTasks(), FitKind.FORMULA, PsiFitter.DEFAULT_FEATURES,
                    List.of("synthetic"));
        }
        return threeTaskFormula;
    }

    @Test
    void formulaOnThreeTasksHasAFiniteLeaveOneTaskOutError() {
        PsiFit fit = threeTaskFormula();
        FormulaModel model = assertInstanceOf(FormulaModel.class, fit.model());
        assertEquals(TargetRows.Rule.ORACLE, fit.rule());
        assertEquals(600, fit.targetRows());
        double loto = model.metrics().get(PsiFitter.LOTO_RMSE);
        assertTrue(Double.isFinite(loto) && loto < 0.07, "loto " + loto);
        assertEquals(0.05, model.metrics().get(PsiFitter.RMSE), 0.01);
        assertTrue(model.metrics().get(PsiFitter.R2) > 0.98);
        assertEquals(List.of("a", "b", "c"), model.fit().tasks());
        assertEquals(List.of("synthetic"), model.studies());
        assertFalse(model.fit().pareto().isEmpty());
        // The chosen formula is on the front.
        assertTrue(model.fit().pareto().stream().anyMatch(point -> point.formula().equals(model.formula())));
        assertEquals(model.features(), List.copyOf(model.formula().features()));
        assertRoundTrips(model);
    }

    @Test
    void leaveFamilyOutEqualsLeaveTaskOutWhenEveryFamilyHasOneTask() {
        PsiFit fit = threeTaskFormula();
        // "a", "b" and "c" are spec-file names: each is a family of its own.
        assertEquals(fit.model().metrics().get(PsiFitter.LOTO_RMSE), fit.model().metrics().get(PsiFitter.LOFO_RMSE));
    }

    @Test
    void threeFamiliesChooseTheFormulaByItsErrorOnAFamilyTheSearchNeverSaw() {
        // Every task shares Ψ, with noise 0.05 in ln α: a shape searched without a family predicts it to about that.
        double shape = threeTaskFormula().model().metrics().get(PsiFitter.LOFO_SHAPE_RMSE);
        assertTrue(shape > 0.04 && shape < 0.08, "lofo with the shape searched again " + shape);
    }

    @Test
    void leaveFamilyOutHoldsOutEveryTaskOfAFamilyTogether() {
        // Two families: the teacher-student pair shares Ψ, the quadratic's rates are 4 times larger. Left out one at
        // a time, the quadratic is predicted from the other family, which never saw its scale; left out by family,
        // the teacher-student tasks are too, from the quadratic alone.
        List<SurfaceRow> rows = new ArrayList<>();
        rows.addAll(Synthetic.oracle("ts-ce-i10-w16-d1-c4-n1000-s1-sgdm-b64-e5", 1000, Synthetic::psi, 0.05, 1));
        rows.addAll(Synthetic.oracle("ts-ce-i20-w16-d1-c4-n1000-s2-sgdm-b64-e5", 5000, Synthetic::psi, 0.05, 2));
        rows.addAll(Synthetic.oracle("nq-d10-k2-sd0.5-n1000-s1-sgd-b64-e5", 20000,
                (ratio, epoch) -> 4 * Synthetic.psi(ratio, epoch), 0.05, 3));
        PsiFit fit = FITTER.fit(rows, FitKind.FORMULA, PsiFitter.DEFAULT_FEATURES, List.of("synthetic"));
        double loto = fit.model().metrics().get(PsiFitter.LOTO_RMSE);
        double lofo = fit.model().metrics().get(PsiFitter.LOFO_RMSE);
        assertTrue(Double.isFinite(lofo) && lofo > loto, "lofo " + lofo + ", loto " + loto);
        assertFalse(fit.model().metrics().containsKey(PsiFitter.LOFO_SHAPE_RMSE), "two families: the knee");
    }

    @Test
    void oneTaskLeavesTheLeaveOneTaskOutErrorUndefined() {
        PsiFit fit = FITTER.fit(Synthetic.oracle("a", 1000, Synthetic::psi, 0.05, 1), FitKind.FORMULA,
                PsiFitter.DEFAULT_FEATURES, List.of("synthetic"));
        assertTrue(Double.isNaN(fit.model().metrics().get(PsiFitter.LOTO_RMSE)));
        assertRoundTrips(fit.model());
    }

    @Test
    void networkOnThreeTasks() {
        PsiFit fit = FITTER.fit(threeTasks(), FitKind.NETWORK, PsiFitter.DEFAULT_FEATURES, List.of("synthetic"));
        NetworkModel model = assertInstanceOf(NetworkModel.class, fit.model());
        assertEquals(2, model.members().size());
        assertEquals(PsiFitter.DEFAULT_FEATURES, model.features());
        assertTrue(model.metrics().get(PsiFitter.RMSE) < 0.1, model.metrics().toString());
        assertTrue(Double.isFinite(model.metrics().get(PsiFitter.LOTO_RMSE)));
        // Off the grid, inside the ranges: near the truth (the noise is 5 %).
        double lr = model.learningRate(new double[] {Math.log(0.2), 6.5, 6.5 / Synthetic.EPOCHS});
        assertEquals(Synthetic.psi(0.2, 6.5), lr, 0.15 * lr);
        assertRoundTrips(model);
    }

    @Test
    void sameSeedSameNetwork() {
        List<SurfaceRow> rows = Synthetic.oracle("a", 1000, Synthetic::psi, 0.05, 1);
        PsiFitter fitter = new PsiFitter(3, SEARCH, new NetworkFit.Settings(List.of(8), 1, 100, 0.01));
        List<PsiFeature> features = List.of(PsiFeature.LOG_LOSS_RATIO, PsiFeature.EPOCH);
        PsiModel first = fitter.fit(rows, FitKind.NETWORK, features, List.of()).model();
        PsiModel second = fitter.fit(rows, FitKind.NETWORK, features, List.of()).model();
        assertEquals(first, second);
    }

    @Test
    void surfaceKindScoresOnTheTargetRows() {
        List<SurfaceRow> rows = new ArrayList<>(Synthetic.peaked("a", (ratio, epoch) -> 0.3 * Math.sqrt(ratio)
                * Math.exp(-0.03 * epoch)));
        PsiFit fit = FITTER.fit(rows, FitKind.SURFACE, List.of(PsiFeature.LOG_LOSS_RATIO, PsiFeature.EPOCH),
                List.of("synthetic"));
        FormulaModel model = assertInstanceOf(FormulaModel.class, fit.model());
        assertEquals(TargetRows.Rule.BEST_OF_EPOCH, fit.rule());
        // The best grid row of each (task, epoch) is a peak (r = 0.1), where Ψ is exact.
        assertEquals(20, fit.targetRows());
        assertTrue(model.metrics().get(PsiFitter.RMSE) < 1e-5);
        assertEquals(1, model.metrics().get(PsiFitter.SURFACE_R2), 1e-9);
        assertTrue(Double.isNaN(model.metrics().get(PsiFitter.LOTO_RMSE)));
        assertEquals(rows.stream().mapToDouble(SurfaceRow::lr).min().orElseThrow(), model.minLr(), 1e-15);
        assertRoundTrips(model);
    }

    @Test
    void aFeatureUnknownForSomeRowIsAnError() {
        List<SurfaceRow> rows = Synthetic.oracle("a", 0, Synthetic::psi, 0.05, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FITTER.fit(rows,
                FitKind.FORMULA, List.of(PsiFeature.LOG_DATASET_SIZE), List.of()));
        assertTrue(e.getMessage().contains("log_dataset_size"), e.getMessage());
    }

    @Test
    void noUsableRowIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> FITTER.fit(List.of(), FitKind.FORMULA, PsiFitter.DEFAULT_FEATURES, List.of()));
    }
}
