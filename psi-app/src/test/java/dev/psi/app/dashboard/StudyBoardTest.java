package dev.psi.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.psi.core.result.TrialStatus;
import dev.psi.lab.report.SavedReport;
import dev.psi.store.JobStatus;
import dev.psi.store.StoreViews.StudyActivity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StudyBoardTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:00:00Z");
    private static final Instant NOW = T0.plusSeconds(100);

    private static StudyActivity activity(String name, Map<TrialStatus, Integer> trials, long budget, long done,
            Map<JobStatus, Integer> jobs, Instant started, Instant last) {
        return new StudyActivity(name, "evaluate", trials, budget, done, jobs, started, last);
    }

    private static final StudyActivity LIVE = activity("live", Map.of(TrialStatus.COMPLETED, 2, TrialStatus.RUNNING, 1),
            18, 14, Map.of(JobStatus.DONE, 3, JobStatus.QUEUED, 1, JobStatus.CLAIMED, 1), T0, T0.plusSeconds(50));
    private static final StudyActivity LIVE_SAMPLE = activity("live-sample", Map.of(TrialStatus.COMPLETED, 2), 12, 12,
            Map.of(), T0.minusSeconds(10), T0.plusSeconds(30));
    private static final StudyActivity TRAIN = activity("study-quick", Map.of(TrialStatus.COMPLETED, 1), 5, 5, Map.of(),
            T0, T0.plusSeconds(7));
    private static final StudyActivity ORPHAN = activity("other-sample", Map.of(TrialStatus.RUNNING, 1), 5, 2, Map.of(),
            T0, T0);
    private static final StudyActivity BROKEN = activity("broken", Map.of(TrialStatus.FAILED, 1), 5, 1,
            Map.of(JobStatus.FAILED, 1, JobStatus.DONE, 1), T0, T0.plusSeconds(20));

    @Test
    void aStudyRunFoldsItsPartsAndExtrapolatesItsJobsToAnEta() {
        List<StudyBoard.Study> board = StudyBoard.of(List.of(BROKEN, LIVE, LIVE_SAMPLE, ORPHAN, TRAIN),
                name -> Optional.empty(), NOW);

        assertEquals(List.of("broken", "live", "other-sample", "study-quick"),
                board.stream().map(StudyBoard.Study::name).toList());
        StudyBoard.Study live = board.get(1);
        assertEquals(List.of("live", "live-sample"), live.parts());
        assertEquals(StudyBoard.State.RUNNING, live.state());
        assertEquals(3, live.jobsDone());
        assertEquals(5, live.jobsTotal());
        assertEquals(26, live.epochsDone());
        assertEquals(30, live.epochBudget());
        assertEquals(Map.of(TrialStatus.COMPLETED, 4, TrialStatus.RUNNING, 1), live.trials());
        assertEquals(T0.minusSeconds(10), live.started());
        assertEquals(Duration.ofSeconds(110), live.elapsed());
        assertEquals(Duration.ofMillis(73_333), live.eta(), "110 s for 3 jobs, 2 left");
        assertNull(live.preset());
        assertNull(live.verdict());
    }

    @Test
    void studiesWithoutJobsCountTheirTrialsAndAFailedJobFailsTheStudy() {
        List<StudyBoard.Study> board = StudyBoard.of(List.of(BROKEN, ORPHAN, TRAIN), name -> Optional.empty(), NOW);

        StudyBoard.Study broken = board.get(0);
        assertEquals(StudyBoard.State.FAILED, broken.state());
        assertEquals(Duration.ofSeconds(20), broken.elapsed(), "to its last activity, as it no longer runs");
        assertNull(broken.eta());
        StudyBoard.Study orphan = board.get(1);
        assertEquals(List.of("other-sample"), orphan.parts(), "no study named other has jobs");
        assertEquals(StudyBoard.State.RUNNING, orphan.state());
        assertEquals(0, orphan.jobsDone());
        assertEquals(1, orphan.jobsTotal());
        assertNull(orphan.eta(), "nothing done yet");
        StudyBoard.Study train = board.get(2);
        assertEquals(StudyBoard.State.DONE, train.state());
        assertEquals(1, train.jobsDone());
        assertEquals("quick", train.preset(), "psi study's default name says its preset");
        assertEquals(Duration.ofSeconds(7), train.elapsed());
    }

    @Test
    void aWrittenReportMakesTheStudyDoneWithItsVerdictAndPreset() {
        SavedReport report = new SavedReport("live", Path.of("out"), "Undecided: …", Optional.of("standard"), List.of());

        StudyBoard.Study live = StudyBoard.of(List.of(LIVE, LIVE_SAMPLE),
                name -> name.equals("live") ? Optional.of(report) : Optional.empty(), NOW).get(0);

        assertEquals(StudyBoard.State.DONE, live.state());
        assertEquals("Undecided: …", live.verdict());
        assertEquals("standard", live.preset());
        assertEquals(Duration.ofSeconds(60), live.elapsed(), "to its last activity");
        assertNull(live.eta());
    }
}
