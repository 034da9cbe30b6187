package dev.psi.train.task.family;

import dev.psi.core.spec.Echo;
import dev.psi.core.spec.SpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The built-in suites, and the one entry point that turns what a user typed (a suite name or a suite file path)
 * into a {@link TaskSuite}.
 *
 * <table>
 *   <caption>Built-in suites</caption>
 *   <tr><th>name</th><th>tasks</th><th>families (count, first seed)</th></tr>
 *   <tr><td>small</td><td>8</td><td>teacher-student 2 (one cross-entropy, one squared error), noisy-quadratic 2,
 *       gaussian-mixture 2, spirals 2, named one by one: 1000 training examples and at most 100 steps each,
 *       synthetic only, for tests and quick trials</td></tr>
 *   <tr><td>standard</td><td>40</td><td>fmnist 8, teacher-student 8, noisy-quadratic 7, gaussian-mixture 7,
 *       spirals 10 (seed 100, so none is in {@code small}); sized so that holding out spirals leaves 30 training
 *       tasks from 4 families and 10 held-out tasks of a family Ψ never saw (the {@code standard} study preset),
 *       at a cost that fits the preset's hour on two cores</td></tr>
 *   <tr><td>large</td><td>56</td><td>fmnist 15, teacher-student 13, noisy-quadratic 10, gaussian-mixture 10,
 *       spirals 8 (seed 100: {@code standard}'s tasks and more); sized so that holding out spirals and the Adam
 *       tasks of the other families leaves at least 30 training tasks from 4 families (the {@code full} study
 *       preset)</td></tr>
 * </table>
 */
public final class TaskSuites {

    private static final List<TaskSuite> BUILT_INS = List.of(
            new TaskSuite("small", "8 cheap synthetic tasks from 4 families, for tests and quick trials", Stream.of(
                    "ts-ce-i10-w16-d1-c4-n1000-s1-sgdm-b64-e5", "ts-se-i10-w16-d2-sd0.1-n1000-s2-adam-b64-e5",
                    "nq-d10-k2-sd0.5-n1000-s1-sgd-b64-e5", "nq-d20-k3-sd0.1-n1000-s2-sgdm-b128-e6",
                    "gm-c3-d10-sep3-n1000-s1-lin-sgd-b64-e4", "gm-c5-d20-sep2-n1000-s2-mlp32-adam-b128-e6",
                    "sp-c2-t0.5-sd0.05-n1000-s1-mlp32x32-adam-b64-e6", "sp-c3-t1-sd0.05-n1000-s2-mlp32x32-sgdm-b64-e6")
                    .<TaskSuite.Member>map(TaskSuite.Listed::new).toList()),
            new TaskSuite("standard", "40 tasks from 5 families, for studies", List.of(
                    generated(FashionMnistFamily.NAME, 8, 100), generated(TeacherStudentFamily.NAME, 8, 100),
                    generated(NoisyQuadraticFamily.NAME, 7, 100), generated(GaussianMixtureFamily.NAME, 7, 100),
                    generated(SpiralsFamily.NAME, 10, 100))),
            new TaskSuite("large", "56 tasks from 5 families, for long studies", List.of(
                    generated(FashionMnistFamily.NAME, 15, 100), generated(TeacherStudentFamily.NAME, 13, 100),
                    generated(NoisyQuadraticFamily.NAME, 10, 100), generated(GaussianMixtureFamily.NAME, 10, 100),
                    generated(SpiralsFamily.NAME, 8, 100))));

    private TaskSuites() {
    }

    /** The built-in suites, in listing order. */
    public static List<TaskSuite> builtIns() {
        return BUILT_INS;
    }

    /** Their names. */
    public static List<String> names() {
        return BUILT_INS.stream().map(TaskSuite::name).collect(Collectors.toUnmodifiableList());
    }

    /**
     * A built-in suite by name, or else the suite file at that path ({@code .yaml}, {@code .yml} or
     * {@code .json}).
     *
     * @throws SpecException if it is neither, or the file is not a valid suite
     * @throws dev.psi.train.data.DataException if the file is missing or cannot be read
     */
    public static TaskSuite resolve(String nameOrPath) {
        for (TaskSuite suite : BUILT_INS) {
            if (suite.name().equals(nameOrPath)) {
                return suite;
            }
        }
        String lower = nameOrPath.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
            return TaskSuiteReader.read(Path.of(nameOrPath));
        }
        throw new SpecException("unknown suite " + Echo.quote(nameOrPath) + "; built-in suites: "
                + String.join(", ", names()) + "; a path to a .yaml, .yml or .json suite file is also accepted");
    }

    private static TaskSuite.Generated generated(String family, int count, long firstSeed) {
        return new TaskSuite.Generated(TaskFamilies.byName(family), count, firstSeed);
    }
}
