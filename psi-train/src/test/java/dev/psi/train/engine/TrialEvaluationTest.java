package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.TeacherStudent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's evaluations on the fixed validation subset between epochs and on the whole split at their ends. */
class TrialEvaluationTest {

    /** 1000 training examples in batches of 50: 20 steps per epoch; 2000 validation examples. */
    private static final DataSplit TEACHER = TeacherStudent.defaults().generate(1000, 1);

    private static TrialConfig config(String optimizer, int evalEvery) {
        return new TrialConfig(Spec.parse("mlp(hidden=[32])"), Spec.parse(optimizer), Spec.parse("Constant(lr=0.05)"),
                50, 2, 7, TrialConfig.DEFAULT_LOSS_SMOOTHING, evalEvery);
    }

    /** The evaluations reported while {@code config} trains. */
    private static List<Evaluation> evaluations(TrialConfig config) {
        List<Evaluation> evaluations = new ArrayList<>();
        try (Trial trial = Trial.create(config, TEACHER)) {
            trial.run(new TrialListener() {
                @Override
                public void onEvaluations(List<Evaluation> epoch) {
                    evaluations.addAll(epoch);
                }
            });
        }
        return evaluations;
    }

    private static List<EpochResult> epochsWithoutTimes(TrialConfig config) {
        try (Trial trial = Trial.create(config, TEACHER)) {
            return trial.run(TrialListener.NONE).epochs().stream().map(e -> new EpochResult(e.epoch(), e.lr(),
                    e.trainLoss(), e.valLoss(), e.valAccuracy(), e.steps(), 0)).toList();
        }
    }

    @Test
    void evaluatesTheSubsetEveryEvalEveryStepsAndTheWholeSplitAtEachEpochEnd() {
        List<Evaluation> evaluations = evaluations(config("SGD(momentum=0.9)", 5));

        assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L), evaluations.stream().map(Evaluation::step).toList());
        assertEquals(List.of(0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0),
                evaluations.stream().map(Evaluation::epochs).toList());
        assertEquals(List.of(1000, 1000, 1000, 2000, 1000, 1000, 1000, 2000),
                evaluations.stream().map(Evaluation::examples).toList());
    }

    @Test
    void theEpochEndEvaluationIsTheEpochsValidation() {
        List<EpochResult> epochs = new ArrayList<>();
        List<Evaluation> evaluations = new ArrayList<>();
        try (Trial trial = Trial.create(config("SGD(momentum=0.9)", 5), TEACHER)) {
            trial.run(new TrialListener() {
                @Override
                public void onEvaluations(List<Evaluation> epoch) {
                    evaluations.add(epoch.get(epoch.size() - 1));
                }

                @Override
                public void onEpoch(EpochResult epoch) {
                    epochs.add(epoch);
                }
            });
        }

        assertEquals(epochs.stream().map(EpochResult::valAccuracy).toList(),
                evaluations.stream().map(Evaluation::valAccuracy).toList());
    }

    @Test
    void subsetEvaluationsLeaveTheTrainingUnchanged() {
        // eval_every 20 = the steps of an epoch: no subset evaluation, the whole split at the epoch's end only.
        assertEquals(epochsWithoutTimes(config("SGD(momentum=0.9)", 20)),
                epochsWithoutTimes(config("SGD(momentum=0.9)", 3)));
    }

    @Test
    void subsetEvaluationsLeaveScheduleFreeTrainingUnchanged() {
        // Schedule-Free evaluates its averaged iterate: the parameters are swapped out and back for each evaluation.
        assertEquals(epochsWithoutTimes(config("ScheduleFreeSGD()", 20)),
                epochsWithoutTimes(config("ScheduleFreeSGD()", 3)));
    }

    @Test
    void anEvalEveryOfAnEpochOrMoreLeavesTheEpochEndsOnly() {
        assertEquals(List.of(20L, 40L), evaluations(config("SGD()", 50)).stream().map(Evaluation::step).toList());
    }

    @Test
    void trainingSecondsGrowWithinAnEpochAndStayBelowItsWallSeconds() {
        List<Evaluation> evaluations = new ArrayList<>();
        List<EpochResult> epochs = new ArrayList<>();
        try (Trial trial = Trial.create(config("SGD()", 5), TEACHER)) {
            trial.run(new TrialListener() {
                @Override
                public void onEvaluations(List<Evaluation> epoch) {
                    evaluations.addAll(epoch);
                }

                @Override
                public void onEpoch(EpochResult epoch) {
                    epochs.add(epoch);
                }
            });
        }

        for (int i = 1; i < 4; i++) {
            assertTrue(evaluations.get(i).trainSeconds() > evaluations.get(i - 1).trainSeconds());
        }
        // Four evaluations, the whole split's included, were left out of the epoch's training seconds.
        assertTrue(evaluations.get(3).trainSeconds() < epochs.get(0).wallSeconds());
    }

    @Test
    void theDefaultAimsAtEightEvaluationsPerEpoch() {
        assertEquals(List.of(49, 3, 1, 1), List.of(Trial.defaultEvalEvery(391), Trial.defaultEvalEvery(20),
                Trial.defaultEvalEvery(8), Trial.defaultEvalEvery(1)));
    }

    @Test
    void aTrialUsesTheDefaultWhenItsConfigSaysZero() {
        try (Trial trial = Trial.create(config("SGD()", 0), TEACHER)) {
            assertEquals(3, trial.evalEvery());
        }
    }

    @Test
    void aNegativeEvalEveryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("SGD()", -1));

        assertEquals("eval_every must be >= 1 (or 0 for the default), got -1", e.getMessage());
    }
}
