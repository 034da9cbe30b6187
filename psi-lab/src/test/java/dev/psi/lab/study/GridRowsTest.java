package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.lab.study.GridScores.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows the training grid decides, from a hand-made grid: no training. */
class GridRowsTest {

    /** Cosine is fastest at 3.16 times its rate, constant at its textbook rate. */
    private static final GridScores SCORES = new GridScores(
            List.of(new Config(Method.CONSTANT, 1), new Config(Method.CONSTANT, 3.16228),
                    new Config(Method.COSINE, 1), new Config(Method.COSINE, 3.16228)),
            new double[][] {{100, 200, 300, 150}}, new double[][] {{1, 1, 1, 1}});

    private static StudyPlan plan(StudyPlan.Defaults defaults) {
        return StudyPlan.preset("quick", "rows").withMethods(List.of(Method.CONSTANT, Method.COSINE))
                .withDefaults(defaults);
    }

    @Test
    void everyFixedMethodGetsACalibratedRowWithoutTheTextbookOnes() {
        List<String> labels = GridRows.calibrated(plan(StudyPlan.Defaults.CALIBRATED), SCORES, Map.of()).stream()
                .filter(e -> e.task().name().equals("fmnist-mlp")).map(Evaluation::label).toList();
        assertEquals(List.of("Constant(lr=α₀) (calibrated)", "CosineAnnealingLR(lr=3.16228α₀,T_max=E) (calibrated)"),
                labels);
    }

    @Test
    void aCalibratedScaleOfOneIsNotRepeatedBesideTheTextbookRow() {
        List<String> labels = GridRows.calibrated(plan(StudyPlan.Defaults.BOTH), SCORES, Map.of()).stream()
                .filter(e -> e.task().name().equals("fmnist-mlp")).map(Evaluation::label).toList();
        assertEquals(List.of("CosineAnnealingLR(lr=3.16228α₀,T_max=E) (calibrated)"), labels);
    }

    @Test
    void calibratedRowsCostNothingOnTheNewTask() {
        GridRows.calibrated(plan(StudyPlan.Defaults.CALIBRATED), SCORES, Map.of())
                .forEach(e -> assertEquals(0, e.tuning().trials()));
    }
}
