package dev.psi.lab.study;

import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.family.SuiteTask;
import dev.psi.train.task.family.TaskSuite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A suite's tasks split by whole families and settings rather than one by one, so that the held-out side holds
 * kinds of task Ψ never saw: leave-family-out.
 *
 * @param training the tasks Ψ learns from
 * @param heldOut the tasks every method is judged on
 * @param sources how a worker process finds each task that is not a built-in or generated name: a spec file's
 *     task with other settings travels as {@code FILE#settings} ({@link dev.psi.train.task.Tasks#resolve})
 */
record SuiteSplit(List<TaskSpec> training, List<TaskSpec> heldOut, Map<String, String> sources) {

    SuiteSplit {
        training = List.copyOf(training);
        heldOut = List.copyOf(heldOut);
        sources = Map.copyOf(sources);
    }

    /**
     * Holds out the tasks of {@code heldOutFamilies}, and of every family those that train with the optimizer
     * named {@code heldOutOptimizer} (e.g. {@code Adam}); the others train.
     *
     * @throws IllegalArgumentException naming the suite's families when a held-out family is not among them, or
     *     when either side is empty
     */
    static SuiteSplit of(TaskSuite suite, Set<String> heldOutFamilies, Optional<String> heldOutOptimizer) {
        List<SuiteTask> tasks = suite.tasks();
        Set<String> families = TaskSuite.countsByFamily(tasks).keySet();
        if (!families.containsAll(heldOutFamilies)) {
            throw new IllegalArgumentException("--holdout-families must name families of suite " + suite.name() + ": "
                    + String.join(", ", families) + "; got " + String.join(", ", heldOutFamilies));
        }
        Set<String> optimizers = new TreeSet<>();
        tasks.forEach(member -> optimizers.add(member.task().optimizer().name()));
        Optional<String> optimizer = heldOutOptimizer.map(String::strip).map(name -> optimizers.stream()
                .filter(known -> known.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--holdout-optimizer must name an optimizer of suite "
                        + suite.name() + ": " + String.join(", ", optimizers) + "; got " + name)));
        List<TaskSpec> training = new ArrayList<>();
        List<TaskSpec> heldOut = new ArrayList<>();
        Map<String, String> sources = new HashMap<>();
        for (SuiteTask member : tasks) {
            boolean held = heldOutFamilies.contains(member.family())
                    || optimizer.map(member.task().optimizer().name()::equals).orElse(false);
            (held ? heldOut : training).add(member.task());
            if (!member.source().equals(member.task().name())) {
                sources.put(member.task().name(), member.source());
            }
        }
        if (training.isEmpty() || heldOut.isEmpty()) {
            throw new IllegalArgumentException("holding out " + heldOutFamilies + heldOutOptimizer.map(o -> " and " + o)
                    .orElse("") + " leaves suite " + suite.name() + " with " + training.size() + " training and "
                    + heldOut.size() + " held-out tasks; each side needs one");
        }
        return new SuiteSplit(training, heldOut, sources);
    }
}
