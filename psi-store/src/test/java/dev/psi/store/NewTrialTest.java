package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NewTrialTest {

    @Test
    void theBuilderSetsEveryPartAndLeavesTheOptionalOnesNull() {
        NewTrial built = NewTrial.builder().task("tiny").controller("Constant(lr=0.1)").optimizer("SGD()").seed(3)
                .epochs(2).batchSize(8).build();

        assertEquals(new NewTrial(null, "tiny", "Constant(lr=0.1)", "SGD()", 3, 2, 8, null, null, null), built);
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        NewTrial trial = new NewTrial("s", "tiny", "Constant(lr=0.1)", "SGD()", 3, 2, 8, 100, "node-1:7", "{}");

        assertEquals(trial, trial.toBuilder().build());
        assertEquals(new NewTrial("s", "tiny", "Constant(lr=0.1)", "SGD()", 4, 2, 8, null, "node-1:7", "{}"),
                trial.toBuilder().seed(4).trainSize(null).build());
    }

    @Test
    void aBuilderWithoutTheRequiredPartsIsRefusedAsTheRecordRefusesThem() {
        assertEquals("task", assertThrows(NullPointerException.class,
                () -> NewTrial.builder().controller("c").optimizer("o").epochs(1).batchSize(1).build()).getMessage());
        assertEquals("epochs must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> NewTrial.builder().task("t").controller("c").optimizer("o").batchSize(1).build()).getMessage());
    }
}
