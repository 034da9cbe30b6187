package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.spec.Spec;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.TeacherStudent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A checkpoint written to bytes and read back in another trial (as a resumed worker does) continues with
 * exactly the numbers of the trial it was taken from.
 */
class CheckpointTest {

    private static final DataSplit TEACHER = TeacherStudent.defaults().generate(1000, 1);

    private static TrialConfig config(String controller, String optimizer) {
        return new TrialConfig(Spec.parse("mlp(hidden=[32])"), Spec.parse(optimizer), Spec.parse(controller), 50, 4,
                5, TrialConfig.DEFAULT_LOSS_SMOOTHING);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Constant(lr=0.1); SGD()",
        "OneCycleLR(max_lr=0.3,epochs=4); SGD(momentum=0.9,nesterov=true)",
        "ReduceLROnPlateau(lr=0.01,factor=0.5,patience=0); Adam()",
        "SPS(); SGD()",
        "Hypergradient(lr=0.01,beta=0.0001); Adam()",
        "Constant(lr=0.01); RMSprop()",
    })
    void aTrialResumedFromTheBytesOfItsCheckpointEndsWithTheSameNumbers(String controller, String optimizer) {
        TrialConfig config = config(controller, optimizer);
        List<EpochResult> uninterrupted;
        byte[] afterTwoEpochs;
        try (Trial trial = Trial.create(config, TEACHER)) {
            trial.trainEpoch(TrialListener.NONE);
            trial.trainEpoch(TrialListener.NONE);
            afterTwoEpochs = trial.checkpoint().toBytes();
            uninterrupted = trial.run(TrialListener.NONE).epochs();
        }

        List<EpochResult> resumed;
        try (Trial other = Trial.create(config, TEACHER)) {
            other.restore(Checkpoint.fromBytes(afterTwoEpochs));
            resumed = other.run(TrialListener.NONE).epochs();
        }

        assertEquals(withoutTimes(uninterrupted), withoutTimes(resumed));
        assertEquals(4, resumed.size());
    }

    @Test
    void bytesThatAreNoCheckpointAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.fromBytes(new byte[] {1, 2, 3}));

        assertEquals("not a checkpoint of this version of Psi", e.getMessage());
    }

    @Test
    void aTruncatedCheckpointIsRefused() {
        byte[] whole;
        try (Trial trial = Trial.create(config("Constant(lr=0.1)", "SGD(momentum=0.9)"), TEACHER)) {
            trial.trainEpoch(TrialListener.NONE);
            whole = trial.checkpoint().toBytes();
        }
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.fromBytes(truncated));
        assertTrue(e.getMessage().startsWith("not a checkpoint of this version of Psi: "), e.getMessage());
    }

    private static List<EpochResult> withoutTimes(List<EpochResult> epochs) {
        List<EpochResult> stripped = new ArrayList<>();
        for (EpochResult e : epochs) {
            stripped.add(new EpochResult(e.epoch(), e.lr(), e.trainLoss(), e.valLoss(), e.valAccuracy(), e.steps(), 0));
        }
        return stripped;
    }
}
