package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.TrialStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link StoreViews} against a real PostgreSQL server, read-only as the dashboard reads it; run only when
 * {@code PSI_TEST_POSTGRES_URL} names a database the test may create schemas in (as {@link PostgresStoreTest}).
 */
@EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresViewsTest {

    @RegisterExtension
    final ThrowawaySchema schema = new ThrowawaySchema();

    @Test
    void theViewsReadAPostgresStoreReadOnly() {
        long done;
        long running;
        try (ResultStore store = ResultStore.open(schema.url(), Fixtures.CLOCK)) {
            store.catalog().ensureStudy("pilot", "evaluate");
            store.catalog().ensureStudy("pilot-sample", "sample");
            store.catalog().ensureTask("tiny", "{}");
            done = store.trials().start(Fixtures.trial("pilot", "tiny", "Constant(lr=0.1)"));
            for (int epoch = 0; epoch < 3; epoch++) {
                store.epochs().record(done, new EpochResult(epoch, 0.1, 1.0, 0.9, 0.5, 10L * (epoch + 1), 1.0));
            }
            store.trials().finish(done, TrialStatus.COMPLETED, null, null, 3.0);
            running = store.trials().start(Fixtures.trial("pilot-sample", "tiny", "StepLR(lr=0.1,step_size=1)"));
            store.epochs().record(running, new EpochResult(0, 0.1, 1.0, 0.9, 0.5, 10, 1.0));
            store.checkpoints().save(running, 0, new byte[] {1, 2, 3, 4});
            store.jobs().enqueue("pilot", new NewJob("a", "trial", 0, "{}"));
            store.jobs().enqueue("pilot", new NewJob("b", "trial", 0, "{}"));
            store.jobs().claim(Optional.of("pilot"), "node-1:7");
        }
        try (ResultStore store = ResultStore.openReadOnly(schema.url())) {
            StoreViews views = store.views();
            List<StoreViews.StudyActivity> studies = views.studies();
            assertEquals(List.of("pilot", "pilot-sample"), studies.stream().map(StoreViews.StudyActivity::name).toList());
            assertEquals(3, studies.get(0).epochsDone());
            assertEquals(1, studies.get(1).epochsDone());
            assertEquals(Map.of(JobStatus.CLAIMED, 1, JobStatus.QUEUED, 1), studies.get(0).jobs());
            StoreViews.TrialFilter both = new StoreViews.TrialFilter(List.of("pilot", "pilot-sample"), null, null, null);
            StoreViews.TrialPage page = views.trials(both, 0, 10);
            assertEquals(2, page.total());
            assertEquals(List.of(running, done), page.trials().stream().map(TrialSummary::id).toList());
            assertEquals(List.of("tiny"), views.tasks(List.of("pilot", "pilot-sample")));
            assertEquals(List.of("Constant(lr=0.1)", "StepLR(lr=0.1,step_size=1)"),
                    views.controllers(List.of("pilot", "pilot-sample")));
            assertEquals(Optional.of(new StoreViews.CheckpointInfo(0, Fixtures.NOW, 4)),
                    views.trial(running).orElseThrow().checkpoint());
            assertEquals(List.of("a", "b"), views.jobs("pilot", 10).stream().map(StoreViews.JobSpan::key).toList());
            assertEquals(Map.of("pilot", Map.of("", Map.of(JobStatus.QUEUED, 1), "node-1:7", Map.of(JobStatus.CLAIMED, 1))),
                    views.jobsByWorker());
            assertEquals(List.of("pilot-sample", "pilot"), views.known(List.of("pilot-sample", "nothing", "pilot")));
        }
    }
}
