package dev.psi.lab.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.store.JobRecord;
import dev.psi.store.JobStatus;
import dev.psi.store.NewJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobsTest {

    private static final TrialJob TRIAL = new TrialJob("s", "evaluate", "teacher-student", "Constant(lr=0.1)", null,
            "SGD(momentum=0.9)", 2, 3, 200, "constant");
    private static final TrialJob REPLAY = new TrialJob("s", "evaluate", "teacher-student", null, List.of(0.1, 0.05),
            "SGD(momentum=0.9)", 2, 3, null, "pbt");
    private static final SampleJob SAMPLE = new SampleJob("s-sample", "sample", "/data/task.yaml", List.of(0.5, 2.0), 1,
            3, 4, null);
    private static final SearchJob SEARCH = new SearchJob("s-search", "noisy-quadratic", "halving", 6, 4,
            List.of(501L, 502L), 500, 0.001, 1.0, List.of("constant", "cosine"), List.of("SGD()", "SGD(momentum=0.9)"),
            new SearchJob.Goal("val_loss", 0.25), "s", "pbt");

    private static JobRecord stored(Job job) {
        NewJob row = Jobs.toNew(job, 0);
        return new JobRecord(1, "s", row.key(), row.kind(), row.priority(), row.payload(), JobStatus.QUEUED, 0, null,
                null, null);
    }

    @Test
    void aTrialJobIsItsRecordAsJson() {
        assertEquals("{\"study\":\"s\",\"purpose\":\"evaluate\",\"task\":\"teacher-student\","
                + "\"controller\":\"Constant(lr=0.1)\",\"rates\":null,\"optimizer\":\"SGD(momentum=0.9)\",\"seed\":2,"
                + "\"epochs\":3,\"trainSize\":200,\"method\":\"constant\"}", Jobs.payload(TRIAL));
    }

    @Test
    void everyKindReadsBackEqual() {
        for (Job job : List.of(TRIAL, REPLAY, SAMPLE, SEARCH)) {
            assertEquals(job, Jobs.job(stored(job)));
        }
    }

    @Test
    void theKeyIsTheSha256OfKindAndPayload() {
        assertEquals(64, Jobs.key(TRIAL).length());
        assertEquals(Jobs.key(TRIAL), Jobs.key(new TrialJob("s", "evaluate", "teacher-student", "Constant(lr=0.1)",
                null, "SGD(momentum=0.9)", 2, 3, 200, "constant")));
        assertNotEquals(Jobs.key(TRIAL), Jobs.key(new TrialJob("s", "evaluate", "teacher-student", "Constant(lr=0.1)",
                null, "SGD(momentum=0.9)", 3, 3, 200, "constant")));
    }

    @Test
    void twoMethodsThatTrainTheSameTrialShareOneKey() {
        TrialJob halving = new TrialJob("s", "evaluate", "teacher-student", "Constant(lr=0.1)", null,
                "SGD(momentum=0.9)", 2, 3, 200, "successive-halving");

        assertEquals(Jobs.key(TRIAL), Jobs.key(halving));
    }

    @Test
    void aResultWithWhatASearchFoundReadsBackEqual() {
        JobResult result = new JobResult("search x halving: ...", new SearchJob.Found(null, List.of(0.1, 0.02),
                "SGD(momentum=0.9)", 6, 14, 3.5, 42L), null);
        JobRecord done = new JobRecord(1, "s", "k", "search", 0, "{}", JobStatus.DONE, 1, "w", Jobs.result(result), null);

        assertEquals(result, Jobs.result(done));
    }

    @Test
    void aRangeTestsScaleReadsBackEqual() {
        JobResult result = new JobResult("range test x seed 3: suggests 0.0316, 0.4 s", null,
                new RangeTestJob.Scale(0.0316, 1, 0.4, true));
        JobRecord done = new JobRecord(2, "s", "k", "range-test", 0, "{}", JobStatus.DONE, 1, "w", Jobs.result(result),
                null);

        assertEquals(result, Jobs.result(done));
    }

    @Test
    void aResultStoredBeforeRangeTestsReadsWithoutAScale() {
        JobRecord old = new JobRecord(3, "s", "k", "trial", 0, "{}", JobStatus.DONE, 1, "w",
                "{\"line\":\"evaluate x constant seed 2: completed, 1.2 s\",\"found\":null}", null);

        assertEquals(JobResult.of("evaluate x constant seed 2: completed, 1.2 s"), Jobs.result(old));
    }

    @Test
    void aRangeTestJobReadsBackFromItsPayload() {
        RangeTestJob job = new RangeTestJob("noisy-quadratic", "SGD()", 7, 200);
        JobRecord queued = new JobRecord(4, "s", Jobs.key(job), job.kind(), 0, Jobs.payload(job), JobStatus.QUEUED, 0,
                null, null, null);

        assertEquals(job, Jobs.job(queued));
    }

    @Test
    void anUnknownKindIsRefusedNamingTheValidOnes() {
        JobRecord odd = new JobRecord(7, "s", "k", "magic", 0, "{}", JobStatus.QUEUED, 0, null, null, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jobs.job(odd));
        assertEquals("job 7 is of unknown kind 'magic'; valid: trial, sample, schedules, search, range-test", e.getMessage());
    }

    @Test
    void aPayloadWithAnUnknownFieldIsRefused() {
        JobRecord odd = new JobRecord(7, "s", "k", "search", 0, "{\"study\":\"s\",\"colour\":\"red\"}",
                JobStatus.QUEUED, 0, null, null, null);

        assertThrows(IllegalArgumentException.class, () -> Jobs.job(odd));
    }

    @Test
    void aTrialJobNeedsExactlyOneOfControllerAndRates() {
        assertThrows(IllegalArgumentException.class, () -> new TrialJob("s", "evaluate", "t", null, null, "SGD()", 1, 1,
                null, "m"));
        assertThrows(IllegalArgumentException.class, () -> new TrialJob("s", "evaluate", "t", "Constant(lr=0.1)",
                List.of(0.1), "SGD()", 1, 1, null, "m"));
    }
}
