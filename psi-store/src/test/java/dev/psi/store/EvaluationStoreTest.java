package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.core.result.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The evaluations table: written per epoch, replaced on replay, read back in step order, exported. */
class EvaluationStoreTest {

    private static final Evaluation QUARTER = new Evaluation(0, 5, 0.25, 1.5, 0.5, 1000, 0.125);
    private static final Evaluation END = new Evaluation(0, 20, 1.0, 1.25, 0.625, 2000, 0.5);
    private static final Evaluation NEXT = new Evaluation(1, 25, 1.25, 1.0, 0.75, 1000, 0.25);

    @RegisterExtension
    final TempStore temp = new TempStore().task("tiny", "{}");

    private ResultStore store;
    private long trial;

    @BeforeEach
    void open() {
        store = temp.store();
        trial = store.trials().start(Fixtures.trial(null, "tiny", "Constant(lr=0.1)"));
    }

    @Test
    void evaluationsReadBackInStepOrder() {
        store.evaluations().record(trial, 0, List.of(END, QUARTER));
        store.evaluations().record(trial, 1, List.of(NEXT));

        assertEquals(List.of(QUARTER, END, NEXT), store.evaluations().of(trial));
    }

    @Test
    void recordingAnEpochAgainReplacesAllItsRows() {
        store.evaluations().record(trial, 0, List.of(QUARTER, END));
        store.evaluations().record(trial, 1, List.of(NEXT));
        Evaluation replayed = new Evaluation(0, 20, 1.0, 1.0, 0.75, 2000, 0.375);

        store.evaluations().record(trial, 0, List.of(replayed));

        assertEquals(List.of(replayed, NEXT), store.evaluations().of(trial));
    }

    @Test
    void aNanMetricIsStoredAsNullAndReadBackAsNan() {
        Evaluation regression = new Evaluation(0, 20, 1.0, 1.25, Double.NaN, 2000, 0.5);
        store.evaluations().record(trial, 0, List.of(regression));

        assertEquals(List.of(regression), store.evaluations().of(trial));
    }

    @Test
    void anEvaluationOfAnotherEpochIsRefusedAndNothingIsWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.evaluations().record(trial, 0, List.of(QUARTER, NEXT)));

        assertEquals("an evaluation of epoch 1 was given with those of epoch 0", e.getMessage());
        assertEquals(List.of(), store.evaluations().of(trial));
    }

    @Test
    void theExportHasEveryEvaluation() throws Exception {
        store.evaluations().record(trial, 0, List.of(QUARTER, END));
        Path out = temp.directory().resolve("export");

        store.csvExport().write(out);

        assertEquals("trial_id,step,epoch,epochs,val_loss,val_accuracy,examples,train_seconds\r\n"
                + "1,5,0,0.25,1.5,0.5,1000,0.125\r\n"
                + "1,20,0,1.0,1.25,0.625,2000,0.5\r\n", Files.readString(out.resolve("evaluations.csv")));
    }
}
