package dev.psi.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.controller.TaskFeatures;
import dev.psi.core.result.SurfaceRow;
import dev.psi.lab.work.JobResult;
import dev.psi.lab.work.RangeTestJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RangeTestsTest {

    private static final StudyPlan QUICK = StudyPlan.preset("quick", "q");

    @Test
    void aPlanWithoutARelativePsiRunsNoRangeTest() {
        StudyPlan plan = QUICK.withMethods(List.of(Method.PSI_FORMULA, Method.CONSTANT));

        assertEquals(List.of(), RangeTests.of(plan, Map.of()).jobs());
    }

    @Test
    void trainingTasksAreTestedOnASamplingSeedAndHeldOutTasksOnATuningSeed() {
        StudyPlan plan = QUICK.withMethods(List.of(Method.PSI_RELATIVE_FORMULA));

        List<RangeTestJob> jobs = RangeTests.of(plan, Map.of("fmnist-mlp", 5000)).jobs();

        assertEquals(List.of("fmnist-linear", "teacher-student", "fmnist-mlp", "noisy-quadratic"),
                jobs.stream().map(RangeTestJob::task).toList());
        long sampling = plan.samplingSeedList().get(0);
        long tuning = plan.tuningSeeds().get(0);
        assertEquals(List.of(sampling, sampling, tuning, tuning), jobs.stream().map(RangeTestJob::seed).toList());
        assertTrue(jobs.stream().noneMatch(job -> plan.evaluationSeeds().contains(job.seed())));
        assertEquals(5000, jobs.get(2).trainSize());
        assertEquals("SGD(momentum=0.9)", jobs.get(2).optimizer());
    }

    @Test
    void scalesAreTheResultsOfTheJobsInTheirOrder() {
        RangeTests tests = RangeTests.of(QUICK.withMethods(List.of(Method.PSI_RELATIVE_NETWORK)), Map.of());
        List<JobResult> results = List.of(result(0.1), result(0.2), result(0.3), result(0.4));

        Map<String, RangeTestJob.Scale> scales = tests.scales(results);

        assertEquals(List.of("fmnist-linear", "teacher-student", "fmnist-mlp", "noisy-quadratic"),
                List.copyOf(scales.keySet()));
        assertEquals(0.3, scales.get("fmnist-mlp").rate());
    }

    @Test
    void aResultWithoutAScaleIsAnError() {
        RangeTests tests = RangeTests.of(QUICK.withMethods(List.of(Method.PSI_RELATIVE_NETWORK)), Map.of());
        List<JobResult> results = List.of(result(0.1), JobResult.of("x"), result(0.3), result(0.4));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tests.scales(results));
        assertTrue(e.getMessage().startsWith("the result of 'range test teacher-student seed"), e.getMessage());
    }

    @Test
    void relativeRowsDivideEachRateByTheirTasksScaleAndKeepTheRest() {
        SurfaceRow a = row("a", 0.5);
        SurfaceRow b = row("b", 0.03);

        List<SurfaceRow> relative = RangeTests.relative(List.of(a, b),
                Map.of("a", new RangeTestJob.Scale(0.25, 1, 0.1, true), "b", new RangeTestJob.Scale(0.01, 1, 0.1, true)));

        assertEquals(2.0, relative.get(0).lr());
        assertEquals(3.0, relative.get(1).lr(), 1e-15);
        assertEquals(a.convergence(), relative.get(0).convergence());
        assertEquals(a.loss(), relative.get(0).loss());
        assertEquals("horizon", relative.get(1).kind());
    }

    @Test
    void aTaskWhoseTestSuggestedNoRateTeachesTheRelativeFitNothing() {
        List<SurfaceRow> relative = RangeTests.relative(List.of(row("a", 0.5), row("flat", 0.1)),
                Map.of("a", new RangeTestJob.Scale(0.25, 1, 0.1, true), "flat", new RangeTestJob.Scale(1e-8, 1, 0.1,
                        false)));

        assertEquals(List.of("a"), relative.stream().map(SurfaceRow::task).toList());
    }

    @Test
    void aRowOfATaskWithoutAScaleIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RangeTests.relative(List.of(row("c", 0.1)), Map.of()));
        assertEquals("no range test measured the scale of c", e.getMessage());
    }

    private static JobResult result(double rate) {
        return new JobResult("range test", null, new RangeTestJob.Scale(rate, 1, 0.5, true));
    }

    private static SurfaceRow row(String task, double lr) {
        return new SurfaceRow(1, "s", task, "horizon", new TaskFeatures(1000, 50, 64, "SGD"), 5, 2.3, 1, 1.5, 1.6, lr,
                1.2, Math.log(1.5 / 1.2), 1.3, 0.6);
    }
}
