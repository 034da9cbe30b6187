package dev.psi.lab.study;

import dev.psi.lab.rangetest.RangeTest;
import dev.psi.train.data.DataShape;
import dev.psi.train.task.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * What a study will run, counted from its plan before anything trains ({@code psi study --dry-run}): its tasks by
 * split, then each kind of work with its jobs and the epochs they train, and, given each task's seconds per
 * epoch, an estimate of the time. Counts that depend on results are bounds: successive halving and Hyperband
 * prune (their full budget is counted), and a calibrated row whose scale is the textbook one is not repeated
 * (it is counted).
 *
 * @param training the training tasks
 * @param heldOut the held-out tasks
 * @param parts each kind of work, in the order the study queues it
 */
public record StudyOutline(List<TaskSpec> training, List<TaskSpec> heldOut, List<Part> parts) {

    /**
     * One kind of work.
     *
     * @param what what it is, e.g. {@code training grid}
     * @param jobs its jobs (a search is one job)
     * @param epochs the epochs they train, by task name
     */
    public record Part(String what, int jobs, Map<String, Long> epochs) {

        public Part {
            epochs = Map.copyOf(epochs);
        }

        /** The epochs of every task. */
        public long totalEpochs() {
            return epochs.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Seconds of training, each task's epochs at its seconds per epoch. */
        double seconds(ToDoubleFunction<String> secondsPerEpoch) {
            return epochs.entrySet().stream().mapToDouble(e -> e.getValue() * secondsPerEpoch.applyAsDouble(e.getKey()))
                    .sum();
        }
    }

    public StudyOutline {
        training = List.copyOf(training);
        heldOut = List.copyOf(heldOut);
        parts = List.copyOf(parts);
    }

    /** The outline of {@code plan}. */
    public static StudyOutline of(StudyPlan plan) {
        Map<String, Integer> sizes = Study.trainSizes(plan, all(plan));
        List<Part> parts = new ArrayList<>();
        int k = plan.oracle().candidates().size();
        int h = plan.oracle().horizon();
        parts.add(part("surface sampling (oracle trajectories)", plan.trainingTasks(), plan.samplingSeeds(),
                task -> oracleEpochs(plan.epochsOf(task), k, h)));
        plan.longHorizon().ifPresent(schedules -> parts.add(part("long-horizon labels (best of " + schedules.count()
                + " schedules)", plan.trainingTasks(), plan.samplingSeeds(),
                task -> (long) schedules.count() * plan.epochsOf(task))));
        TrainingGrid grid = TrainingGrid.of(plan, sizes);
        if (!grid.isEmpty()) {
            int perTask = grid.jobs().size() / plan.trainingTasks().size();
            parts.add(part("training grid (calibrated defaults, learned list)", plan.trainingTasks(), perTask,
                    plan::epochsOf));
        }
        if (plan.methods().stream().anyMatch(Method::relative)) {
            RangeTest test = RangeTest.defaults();
            parts.add(part("range tests (" + test.steps() + " steps, one per task)", all(plan), 1,
                    task -> test.epochs(trainCount(task, sizes), task.batchSize())));
        }
        List<TaskSpec> calibrated = plan.heldOutTasks().stream().filter(task -> task.target().isEmpty()).toList();
        parts.add(part("target calibration", calibrated, plan.calibrationFactors().size()
                * plan.tuningSeeds().size(), plan::epochsOf));
        int tuning = plan.tuningSeeds().size();
        for (Method method : plan.methods()) {
            if (method == Method.PBT) {
                // PBT itself is the method: one run of the whole population on every evaluation seed.
                parts.add(part("pbt (population " + plan.pbtPopulation() + " on each evaluation seed)",
                        plan.heldOutTasks(), plan.seeds(), task -> (long) plan.pbtPopulation() * plan.epochsOf(task)));
            } else if (method.searched()) {
                int points = method == Method.ALGOPERF_5 ? Searches.ALGOPERF_TRIALS
                        : method == Method.PBT_REPLAY ? plan.pbtPopulation() : plan.searchTrials();
                parts.add(part(method.word() + " (" + points + " points × " + tuning + " tuning seeds)",
                        plan.heldOutTasks(), 1, task -> (long) points * tuning * plan.epochsOf(task)));
            }
        }
        if (plan.methods().contains(Method.LEARNED_LIST_3)) {
            parts.add(part("learned-list-3 tries", plan.heldOutTasks(), GridRows.LIST_TRIES * tuning,
                    plan::epochsOf));
        }
        if (plan.methods().contains(Method.ORACLE)) {
            parts.add(part("oracle on the held-out tasks", plan.heldOutTasks(), plan.seeds(),
                    task -> oracleEpochs(plan.epochsOf(task), k, h)));
        }
        int rows = 0;
        for (Method method : plan.methods()) {
            if (method.fixed()) {
                rows += (plan.defaults().textbook() ? 1 : 0) + (plan.defaults().calibrated() ? 1 : 0);
            } else if (method != Method.ORACLE && method != Method.PBT) {
                rows++;
            }
        }
        parts.add(part("evaluation runs (" + rows + " rows × " + plan.seeds() + " seeds)", plan.heldOutTasks(),
                rows * plan.seeds(), plan::epochsOf));
        return new StudyOutline(plan.trainingTasks(), plan.heldOutTasks(), parts);
    }

    /** Every job of every part. */
    public int jobs() {
        return parts.stream().mapToInt(Part::jobs).sum();
    }

    /** Every epoch of every part. */
    public long epochs() {
        return parts.stream().mapToLong(Part::totalEpochs).sum();
    }

    /**
     * The outline as text, one line per task and part; with each task's seconds per epoch (NaN where unknown), the
     * time of each part and of the whole study spread over {@code workers} processes.
     */
    public String describe(ToDoubleFunction<String> secondsPerEpoch, int workers) {
        StringBuilder text = new StringBuilder();
        for (TaskSpec task : training) {
            text.append(String.format(Locale.ROOT, "training  %-18s %s%n", task.name(), task.description()));
        }
        for (TaskSpec task : heldOut) {
            text.append(String.format(Locale.ROOT, "held out  %-18s %s%n", task.name(), task.description()));
        }
        double total = 0;
        for (Part part : parts) {
            double seconds = part.seconds(secondsPerEpoch);
            total += seconds;
            text.append(String.format(Locale.ROOT, "%-58s %6d jobs %9d epochs  %s%n", part.what(), part.jobs(),
                    part.totalEpochs(), minutes(seconds)));
        }
        int share = Math.max(1, workers);
        text.append(String.format(Locale.ROOT, "%-58s %6d jobs %9d epochs  %s of training; with %d worker%s ≈ %s%n",
                "in all", jobs(), epochs(), minutes(total), share, share == 1 ? "" : "s", minutes(total / share)));
        return text.toString();
    }

    private static String minutes(double seconds) {
        return Double.isNaN(seconds) ? "time unknown" : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    /** Epochs of one oracle trajectory: each kept epoch, and K candidates × min(H, epochs left) of lookahead. */
    private static long oracleEpochs(int budget, int candidates, int horizon) {
        long epochs = 0;
        for (int i = 0; i < budget; i++) {
            epochs += 1 + (long) candidates * Math.min(horizon, budget - i);
        }
        return epochs;
    }

    /** {@code jobsPerTask} jobs on each of {@code tasks}, each training {@code epochsPerJob} of its task. */
    private static Part part(String what, List<TaskSpec> tasks, int jobsPerTask, ToLongFunction<TaskSpec> epochsPerJob) {
        Map<String, Long> epochs = new LinkedHashMap<>();
        for (TaskSpec task : tasks) {
            epochs.put(task.name(), jobsPerTask * epochsPerJob.applyAsLong(task));
        }
        return new Part(what, jobsPerTask * tasks.size(), epochs);
    }

    /** The task's training examples in the study; a size that is not known without its files counts as large. */
    private static int trainCount(TaskSpec task, Map<String, Integer> sizes) {
        Integer size = sizes.get(task.name());
        return size != null ? size : task.shape().map(DataShape::trainCount).orElse(Integer.MAX_VALUE);
    }

    private static List<TaskSpec> all(StudyPlan plan) {
        List<TaskSpec> all = new ArrayList<>(plan.trainingTasks());
        all.addAll(plan.heldOutTasks());
        return all;
    }
}
