package dev.psi.lab.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.criteria.TuningCost;
import dev.psi.store.ResultStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeTestJobTest {

    @TempDir
    Path dir;

    @Test
    void measuresTheSameScaleForTheSameSeedAndStoresNoTrial() {
        RangeTestJob job = new RangeTestJob("teacher-student", "SGD(momentum=0.9)", 3, 500);
        try (ResultStore store = ResultStore.open(dir.resolve("r.db").toString())) {
            RangeTestJob.Scale first = job.run(store).scale();
            RangeTestJob.Scale again = job.run(store).scale();

            // teacher-student's batch 64 on 500 examples: 8 steps an epoch, so 100 steps take 13 epochs.
            assertEquals(13, first.epochs());
            assertTrue(first.rate() > 1e-7 && first.rate() < 10, String.valueOf(first.rate()));
            assertEquals(first.rate(), again.rate());
            assertEquals(0, store.trials().all().size());
        }
    }

    @Test
    void labelsNameTheTaskAndSeed() {
        assertEquals("range test noisy-quadratic seed 4", new RangeTestJob("noisy-quadratic", "SGD()", 4, null).label());
    }

    @Test
    void aScaleIsAPositiveFiniteRate() {
        assertThrows(IllegalArgumentException.class, () -> new RangeTestJob.Scale(Double.NaN, 1, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new RangeTestJob.Scale(0, 1, 0, true));
        assertEquals(new TuningCost(1, 2, 0.5), new RangeTestJob.Scale(0.1, 2, 0.5, true).cost());
    }
}
