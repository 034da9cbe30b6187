package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StoreViewsTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    @RegisterExtension
    final TempStore temp = new TempStore().task("tiny", "{}").task(SCRIPT, "{\"name\":\"x\"}")
            .study("pilot", "evaluate").study("pilot-sample", "sample").study("other", "search");

    private ResultStore store() {
        return temp.store();
    }

    private long trial(String study, String task, String controller, int epochsDone) {
        long id = store().trials().start(Fixtures.trial(study, task, controller));
        for (int epoch = 0; epoch < epochsDone; epoch++) {
            store().epochs().record(id, new EpochResult(epoch, 0.1, 1.0, 0.9 - epoch * 0.1, 0.5, (epoch + 1) * 10L,
                    1.0, Double.NaN, Double.NaN));
        }
        return id;
    }

    @Test
    void studiesCountTrialsEpochsAndJobsByStatus() {
        long done = trial("pilot", "tiny", "Constant(lr=0.1)", 3);
        store().trials().finish(done, TrialStatus.COMPLETED, null, null, 3.0);
        trial("pilot", "tiny", "Constant(lr=0.1)", 1);
        trial("pilot-sample", "tiny", "Constant(lr=0.1)", 2);
        store().jobs().enqueue("pilot", new NewJob("a", "trial", 0, "{}"));
        store().jobs().enqueue("pilot", new NewJob("b", "trial", 0, "{}"));
        store().jobs().claim(Optional.of("pilot"), "node-1:7");
        store().jobs().enqueue("queued-only", new NewJob("c", "trial", 0, "{}"));

        List<StoreViews.StudyActivity> studies = store().views().studies();

        assertEquals(List.of("other", "pilot", "pilot-sample", "queued-only"),
                studies.stream().map(StoreViews.StudyActivity::name).toList());
        StoreViews.StudyActivity pilot = studies.get(1);
        assertEquals("evaluate", pilot.purpose());
        assertEquals(Map.of(TrialStatus.COMPLETED, 1, TrialStatus.RUNNING, 1), pilot.trials());
        assertEquals(6, pilot.epochBudget());
        assertEquals(4, pilot.epochsDone());
        assertEquals(Map.of(JobStatus.CLAIMED, 1, JobStatus.QUEUED, 1), pilot.jobs());
        assertEquals(Fixtures.NOW, pilot.started());
        assertEquals(Fixtures.NOW, pilot.lastActivity());
        assertEquals(2, studies.get(2).epochsDone());
        StoreViews.StudyActivity queuedOnly = studies.get(3);
        assertEquals(null, queuedOnly.purpose());
        assertEquals(Map.of(), queuedOnly.trials());
        assertEquals(Map.of(JobStatus.QUEUED, 1), queuedOnly.jobs());
        assertEquals(Map.of(), studies.get(0).trials());
        assertEquals(null, studies.get(0).started());
    }

    @Test
    void trialPagesPutRunningTrialsFirstThenTheNewestAndCountEveryMatch() {
        long first = trial("pilot", "tiny", "Constant(lr=0.1)", 3);
        store().trials().finish(first, TrialStatus.COMPLETED, null, null, 3.0);
        long second = trial("pilot", SCRIPT, "Constant(lr=0.1)", 3);
        store().trials().finish(second, TrialStatus.COMPLETED, null, null, 3.0);
        long running = trial("pilot-sample", "tiny", "StepLR(lr=0.1,step_size=1)", 1);
        long elsewhere = trial("other", "tiny", "Constant(lr=0.1)", 0);

        StoreViews.TrialFilter both = new StoreViews.TrialFilter(List.of("pilot", "pilot-sample"), null, null, null);
        StoreViews.TrialPage page = store().views().trials(both, 0, 2);
        assertEquals(3, page.total());
        assertEquals(List.of(running, second), page.trials().stream().map(TrialSummary::id).toList());
        assertEquals(List.of(first),
                store().views().trials(both, 2, 2).trials().stream().map(TrialSummary::id).toList());
        assertEquals(List.of(second, first),
                store().views().trials(both, 1, 5).trials().stream().map(TrialSummary::id).toList());

        StoreViews.TrialFilter script = new StoreViews.TrialFilter(List.of("pilot", "pilot-sample"), SCRIPT, null, null);
        assertEquals(List.of(second), store().views().trials(script, 0, 10).trials().stream().map(TrialSummary::id).toList());
        StoreViews.TrialFilter step = new StoreViews.TrialFilter(List.of("pilot", "pilot-sample"), null,
                "StepLR(lr=0.1,step_size=1)", TrialStatus.RUNNING);
        assertEquals(1, store().views().trials(step, 0, 10).total());
        assertEquals(List.of(SCRIPT, "tiny"), store().views().tasks(List.of("pilot", "pilot-sample")));
        assertEquals(List.of("Constant(lr=0.1)", "StepLR(lr=0.1,step_size=1)"),
                store().views().controllers(List.of("pilot", "pilot-sample")));
        assertEquals(List.of(elsewhere), store().views().trials(new StoreViews.TrialFilter(List.of("other"), null, null,
                null), 0, 10).trials().stream().map(TrialSummary::id).toList());
    }

    @Test
    void aQuoteInAFilterIsAValueNotSql() {
        trial("pilot", "tiny", "Constant(lr=0.1)", 0);
        StoreViews.TrialFilter injection = new StoreViews.TrialFilter(List.of("pilot' OR '1'='1"), null, null, null);

        assertEquals(0, store().views().trials(injection, 0, 10).total());
        assertEquals(List.of(), store().views().tasks(List.of("pilot') OR 1=1 --")));
    }

    @Test
    void knownNamesAreThoseInStudiesOrInTheQueue() {
        store().jobs().enqueue("queued-only", new NewJob("c", "trial", 0, "{}"));

        assertEquals(List.of("pilot-sample", "queued-only", "pilot"),
                store().views().known(List.of("pilot-sample", "nothing", "queued-only", "pilot")));
        assertTrue(store().views().hasJobs("queued-only"));
        assertEquals(false, store().views().hasJobs("pilot"));
    }

    @Test
    void pagesAreCappedAndBadPagesAreRefused() {
        StoreViews.TrialFilter pilot = new StoreViews.TrialFilter(List.of("pilot"), null, null, null);

        assertEquals(StoreViews.MAX_PAGE, store().views().trials(pilot, 0, 1_000_000).limit());
        assertEquals("limit must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> store().views().trials(pilot, 0, 0)).getMessage());
        assertEquals("offset must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> store().views().trials(pilot, -1, 5)).getMessage());
    }

    @Test
    void aTrialComesWithItsTaskSpecAndCheckpointStateButNotTheStateItself() {
        long id = trial("pilot", SCRIPT, "Constant(lr=0.1)", 2);
        store().checkpoints().save(id, 1, new byte[] {1, 2, 3, 4, 5});

        StoreViews.TrialDetail detail = store().views().trial(id).orElseThrow();

        assertEquals(SCRIPT, detail.summary().task());
        assertEquals("pilot", detail.summary().study());
        assertEquals(2, detail.summary().epochsDone());
        assertEquals("{\"name\":\"x\"}", detail.taskSpec());
        assertEquals(32, detail.batchSize());
        assertEquals("node-1", detail.host());
        assertEquals(Optional.of(new StoreViews.CheckpointInfo(1, Fixtures.NOW, 5)), detail.checkpoint());
        assertTrue(store().views().trial(id + 100).isEmpty());
    }

    @Test
    void jobSpansAreTheLatestInQueueOrderWithTheirWorkers() {
        for (String key : List.of("a", "b", "c")) {
            store().jobs().enqueue("pilot", new NewJob(key, "trial", 0, "{}"));
        }
        store().jobs().claim(Optional.of("pilot"), "node-1:7");

        List<StoreViews.JobSpan> spans = store().views().jobs("pilot", 2);

        assertEquals(List.of("b", "c"), spans.stream().map(StoreViews.JobSpan::key).toList());
        assertEquals(Map.of("", Map.of(JobStatus.QUEUED, 2), "node-1:7", Map.of(JobStatus.CLAIMED, 1)),
                store().views().jobsByWorker("pilot"));
        store().jobs().enqueue("other", new NewJob("d", "trial", 0, "{}"));
        assertEquals(Map.of("pilot", store().views().jobsByWorker("pilot"), "other", Map.of("", Map.of(JobStatus.QUEUED, 1))),
                store().views().jobsByWorker());
        StoreViews.JobSpan claimed = store().views().jobs("pilot", 3).get(0);
        assertEquals(JobStatus.CLAIMED, claimed.status());
        assertEquals("node-1:7", claimed.worker());
        assertEquals(Fixtures.NOW, claimed.claimedAt());
    }
}
