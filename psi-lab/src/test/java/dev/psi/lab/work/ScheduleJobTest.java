package dev.psi.lab.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.SurfaceRow;
import dev.psi.lab.surface.SamplingMode;
import dev.psi.store.JobRecord;
import dev.psi.store.JobStatus;
import dev.psi.store.NewJob;
import dev.psi.store.ResultStore;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long-horizon label trajectory as a job: stored as JSON, read back equal, run into the surface once. */
class ScheduleJobTest {

    @TempDir
    Path dir;

    private static final ScheduleJob JOB = ScheduleJob.of("s-sample", "sample", "noisy-quadratic",
            new SamplingMode.Schedules(3, 2, OptionalDouble.empty(), OptionalDouble.of(0.5)), 1, OptionalInt.of(2), 128);

    @Test
    void itIsItsRecordAsJsonAndReadsBackEqual() {
        assertEquals("{\"study\":\"s-sample\",\"step\":\"sample\",\"task\":\"noisy-quadratic\",\"count\":3,\"knots\":2,"
                + "\"lrMin\":null,\"lrMax\":0.5,\"seed\":1,\"epochs\":2,\"trainSize\":128}", Jobs.payload(JOB));
        NewJob row = Jobs.toNew(JOB, 0);
        assertEquals("schedules", row.kind());
        assertEquals(JOB, Jobs.job(new JobRecord(1, "s", row.key(), row.kind(), 0, row.payload(), JobStatus.QUEUED, 0,
                null, null, null)));
        assertEquals(new SamplingMode.Schedules(3, 2, OptionalDouble.empty(), OptionalDouble.of(0.5)), JOB.mode());
        assertEquals("--knots must be in 1..12, got 0", assertThrows(IllegalArgumentException.class,
                () -> new ScheduleJob("s", "sample", "t", 3, 0, null, null, 1, null, null)).getMessage());
    }

    @Test
    void runningItStoresTheLabelTrajectoryOnceAndARetryTrainsNothing() {
        try (ResultStore store = ResultStore.open(dir.resolve("psi.db").toString())) {
            JobResult first = JOB.run(store);
            JobResult again = JOB.run(store);

            assertTrue(first.line().startsWith("sample noisy-quadratic seed 1 (long-horizon): completed, 6 epochs "
                    + "trained"), first.line());
            assertTrue(again.line().contains("done before, 0 epochs trained"), again.line());
            assertEquals(2, store.surface().of("s-sample").stream().filter(r -> r.kind().equals(SurfaceRow.HORIZON))
                    .count());
            assertEquals("schedules(count=3,knots=2,lr_min=0.01,lr_max=0.5)", store.trials().inStudy("s-sample").get(0)
                    .controller());
        }
    }
}
