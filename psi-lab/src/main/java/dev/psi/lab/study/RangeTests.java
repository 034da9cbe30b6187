package dev.psi.lab.study;

import dev.psi.core.result.SurfaceRow;
import dev.psi.lab.work.JobResult;
import dev.psi.lab.work.RangeTestJob;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The range tests of a plan that evaluates a relative Ψ ({@link Method#relative()}), and the scales they measure.
 * A training task is tested on its first sampling seed, as it is part of what Ψ learns from; a held-out task on
 * its first tuning seed, as it is what Ψ pays to learn the new task's scale. Neither touches an evaluation seed.
 */
final class RangeTests {

    private final List<TaskSpec> tasks;
    private final List<RangeTestJob> jobs;

    private RangeTests(List<TaskSpec> tasks, List<RangeTestJob> jobs) {
        this.tasks = tasks;
        this.jobs = jobs;
    }

    /** The tests {@code plan} needs: one per task when it evaluates a relative Ψ, none otherwise. */
    static RangeTests of(StudyPlan plan, Map<String, Integer> sizes) {
        if (plan.methods().stream().noneMatch(Method::relative)) {
            return new RangeTests(List.of(), List.of());
        }
        List<TaskSpec> tasks = new ArrayList<>();
        List<RangeTestJob> jobs = new ArrayList<>();
        long samplingSeed = plan.samplingSeedList().get(0);
        long tuningSeed = plan.tuningSeeds().get(0);
        for (TaskSpec task : plan.trainingTasks()) {
            tasks.add(task);
            jobs.add(job(plan, task, samplingSeed, sizes));
        }
        for (TaskSpec task : plan.heldOutTasks()) {
            tasks.add(task);
            jobs.add(job(plan, task, tuningSeed, sizes));
        }
        return new RangeTests(List.copyOf(tasks), List.copyOf(jobs));
    }

    private static RangeTestJob job(StudyPlan plan, TaskSpec task, long seed, Map<String, Integer> sizes) {
        return new RangeTestJob(plan.source(task), task.optimizer().toString(), seed, sizes.get(task.name()));
    }

    List<RangeTestJob> jobs() {
        return jobs;
    }

    /** Each task's scale, by task name, from the results of {@link #jobs()} in their order. */
    Map<String, RangeTestJob.Scale> scales(List<JobResult> results) {
        if (results.size() != jobs.size()) {
            throw new IllegalArgumentException(jobs.size() + " range tests but " + results.size() + " results");
        }
        Map<String, RangeTestJob.Scale> scales = new LinkedHashMap<>();
        for (int k = 0; k < jobs.size(); k++) {
            RangeTestJob.Scale scale = results.get(k).scale();
            if (scale == null) {
                throw new IllegalStateException("the result of '" + jobs.get(k).label() + "' holds no scale");
            }
            scales.put(tasks.get(k).name(), scale);
        }
        return scales;
    }

    /**
     * The rows with each rate divided by its task's scale, so that a fit to them learns ln α − ln s: the shape of
     * the schedule, the scale left to the task. The rows of a task whose test suggested no rate are left out: its
     * fallback scale is no measurement, and dividing by it would teach Ψ rates off by orders of magnitude.
     *
     * @throws IllegalStateException if a row's task has no scale: every training task is tested
     */
    static List<SurfaceRow> relative(List<SurfaceRow> rows, Map<String, RangeTestJob.Scale> scales) {
        List<SurfaceRow> relative = new ArrayList<>();
        for (SurfaceRow row : rows) {
            RangeTestJob.Scale scale = scales.get(row.task());
            if (scale == null) {
                throw new IllegalStateException("no range test measured the scale of " + row.task());
            }
            if (scale.suggested()) {
                relative.add(row.withLr(row.lr() / scale.rate()));
            }
        }
        return relative;
    }
}
