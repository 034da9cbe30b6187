package dev.psi.train.task;

import dev.psi.core.spec.Echo;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.ImageLayout;
import dev.psi.train.data.NoisyQuadratic;
import dev.psi.train.data.TeacherStudent;
import dev.psi.train.task.family.SpecFileFamily;
import dev.psi.train.task.family.TaskFamilies;
import dev.psi.train.task.family.TaskFamily;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in tasks, and the one entry point that turns what a user typed (a task name or a spec
 * file path) into a {@link TaskSpec}.
 *
 * <table>
 *   <caption>Built-in tasks</caption>
 *   <tr><th>name</th><th>data</th><th>model</th><th>optimizer</th><th>batch</th><th>epochs</th></tr>
 *   <tr><td>fmnist-linear</td><td>Fashion-MNIST, flat</td><td>linear (784-10)</td><td>SGD(momentum=0.9)</td><td>128</td><td>10</td></tr>
 *   <tr><td>fmnist-mlp</td><td>Fashion-MNIST, flat</td><td>MLP 784-256-10, ReLU</td><td>SGD(momentum=0.9)</td><td>128</td><td>10</td></tr>
 *   <tr><td>fmnist-cnn</td><td>Fashion-MNIST, 1x28x28</td><td>two conv layers, 16 and 32 channels</td><td>SGD(momentum=0.9)</td><td>128</td><td>10</td></tr>
 *   <tr><td>teacher-student</td><td>20 inputs, 4 classes from a 20-32-4 teacher</td><td>MLP 20-64-4, ReLU</td><td>SGD(momentum=0.9)</td><td>64</td><td>20</td></tr>
 *   <tr><td>noisy-quadratic</td><td>regression, 50 inputs</td><td>linear (the noisy quadratic model)</td><td>SGD()</td><td>64</td><td>20</td></tr>
 * </table>
 *
 * Built-in tasks have no target: it is calibrated. Plain SGD for the noisy quadratic keeps it the
 * model of Zhang et al. (2019), whose analysis is of SGD without momentum.
 */
public final class Tasks {

    private static final Spec MOMENTUM = Spec.parse("SGD(momentum=0.9)");
    private static final int FMNIST_BATCH = 128;
    private static final int FMNIST_EPOCHS = 10;
    private static final int SYNTHETIC_BATCH = 64;
    private static final int SYNTHETIC_EPOCHS = 20;

    private static final List<TaskSpec> BUILT_INS = List.of(
            new TaskSpec("fmnist-linear", "Fashion-MNIST, multinomial logistic regression 784-10",
                    new DataSource.FashionMnist(ImageLayout.FLAT), Spec.parse("linear"), MOMENTUM,
                    FMNIST_BATCH, FMNIST_EPOCHS, Optional.empty()),
            new TaskSpec("fmnist-mlp", "Fashion-MNIST, MLP 784-256-10 with ReLU",
                    new DataSource.FashionMnist(ImageLayout.FLAT), Spec.parse("mlp(hidden=[256],activation=relu)"),
                    MOMENTUM, FMNIST_BATCH, FMNIST_EPOCHS, Optional.empty()),
            new TaskSpec("fmnist-cnn", "Fashion-MNIST, small CNN with two conv layers of 16 and 32 channels",
                    new DataSource.FashionMnist(ImageLayout.IMAGE), Spec.parse("cnn(channels=[16,32])"),
                    MOMENTUM, FMNIST_BATCH, FMNIST_EPOCHS, Optional.empty()),
            new TaskSpec("teacher-student", "MLP 20-64-4 learning the labels of a random 20-32-4 tanh teacher",
                    new DataSource.Synthetic(TeacherStudent.defaults()), Spec.parse("mlp(hidden=[64],activation=relu)"),
                    MOMENTUM, SYNTHETIC_BATCH, SYNTHETIC_EPOCHS, Optional.empty()),
            new TaskSpec("noisy-quadratic", "linear regression on the noisy quadratic model, 50 curvatures over 2 decades",
                    new DataSource.Synthetic(NoisyQuadratic.defaults()), Spec.parse("linear"), Spec.parse("SGD"),
                    SYNTHETIC_BATCH, SYNTHETIC_EPOCHS, Optional.empty()));

    private Tasks() {
    }

    /** The built-in tasks, in listing order. */
    public static List<TaskSpec> builtIns() {
        return BUILT_INS;
    }

    /** The names of the built-in tasks, in listing order. */
    public static List<String> names() {
        return BUILT_INS.stream().map(TaskSpec::name).collect(Collectors.toUnmodifiableList());
    }

    /** Whether {@code name} is a built-in task. */
    public static boolean isBuiltIn(String name) {
        return BUILT_INS.stream().anyMatch(task -> task.name().equals(name));
    }

    /**
     * The built-in task called {@code name}.
     *
     * @throws SpecException if there is none, listing the built-in names
     */
    public static TaskSpec builtIn(String name) {
        for (TaskSpec task : BUILT_INS) {
            if (task.name().equals(name)) {
                return task;
            }
        }
        throw new SpecException("unknown task " + Echo.quote(name) + "; built-in tasks: " + String.join(", ", names())
                + "; a path to a .yaml, .yml or .json task spec file, or a generated task's name (psi tasks --suite "
                + "standard), is also accepted");
    }

    /**
     * A built-in task by name; a generated task by its name ({@code ts-ce-i20-...}, see {@link TaskFamily}); a
     * task spec file at that path ({@code .yaml}, {@code .yml} or {@code .json}, relative to the working
     * directory); or a spec file's task with other training settings, {@code FILE#<opt>-b<batch>-e<epochs>}
     * ({@link SpecFileFamily}). This is what a worker process is given, so every task a suite generates can be
     * rebuilt from its {@link TaskFamily#source source} alone.
     *
     * @throws SpecException if it is none of these, or the name or spec is invalid
     * @throws dev.psi.train.data.DataException if the spec file is missing or cannot be read
     */
    public static TaskSpec resolve(String nameOrPath) {
        if (isBuiltIn(nameOrPath)) {
            return builtIn(nameOrPath);
        }
        int hash = nameOrPath.lastIndexOf('#');
        if (hash > 0 && isSpecFile(nameOrPath.substring(0, hash))) {
            return SpecFileFamily.resolveSource(nameOrPath);
        }
        if (isSpecFile(nameOrPath)) {
            return TaskSpecReader.read(Path.of(nameOrPath));
        }
        return TaskFamilies.resolve(nameOrPath).orElseGet(() -> builtIn(nameOrPath));
    }

    /**
     * Whether {@code nameOrPath} names a task spec file ({@code .yaml}, {@code .yml} or {@code .json}), or a spec
     * file's task with other settings ({@code FILE#settings}), rather than a built-in or generated task's name.
     */
    public static boolean isSpecSource(String nameOrPath) {
        int hash = nameOrPath.lastIndexOf('#');
        return isSpecFile(hash > 0 ? nameOrPath.substring(0, hash) : nameOrPath);
    }

    private static boolean isSpecFile(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }
}
