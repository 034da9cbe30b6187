package dev.psi.train.task.family;

import dev.psi.core.spec.Echo;
import dev.psi.core.spec.SpecException;
import dev.psi.train.task.TaskSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The built-in task families, and the resolution of generated task names. */
public final class TaskFamilies {

    private static final List<TaskFamily> BUILT_INS = List.of(new FashionMnistFamily(), new TeacherStudentFamily(),
            new NoisyQuadraticFamily(), new GaussianMixtureFamily(), new SpiralsFamily());

    private TaskFamilies() {
    }

    /** The built-in families: fmnist, teacher-student, noisy-quadratic, gaussian-mixture, spirals. */
    public static List<TaskFamily> builtIns() {
        return BUILT_INS;
    }

    /** Their names, in listing order. */
    public static List<String> names() {
        return BUILT_INS.stream().map(TaskFamily::name).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The built-in family called {@code name}.
     *
     * @throws SpecException if there is none, listing the valid names
     */
    public static TaskFamily byName(String name) {
        return BUILT_INS.stream().filter(family -> family.name().equals(name)).findFirst()
                .orElseThrow(() -> new SpecException("unknown task family " + Echo.quote(name) + "; valid: "
                        + String.join(", ", names()) + ", spec (with a spec file)"));
    }

    /** The built-in family whose tasks' names start like {@code taskName} ({@code ts-...}), if any. */
    public static Optional<TaskFamily> ofName(String taskName) {
        int dash = taskName.indexOf('-');
        String prefix = dash < 0 ? taskName : taskName.substring(0, dash);
        return BUILT_INS.stream().filter(family -> family.prefix().equals(prefix)).findFirst();
    }

    /**
     * The family of the task called {@code taskName}, for leave-family-out: a generated task's family; for the
     * built-in tasks {@code fmnist} ({@code fmnist-linear}, {@code fmnist-mlp}, {@code fmnist-cnn}),
     * {@code teacher-student} and {@code noisy-quadratic}, the families that generate their kind; any other task
     * (a user's spec file) is a family of its own, its name.
     */
    public static String familyOf(String taskName) {
        if (taskName.startsWith("fmnist-")) {
            return FashionMnistFamily.NAME;
        }
        if (taskName.equals(TeacherStudentFamily.NAME) || taskName.equals(NoisyQuadraticFamily.NAME)) {
            return taskName;
        }
        return ofName(taskName).map(TaskFamily::name).orElse(taskName);
    }

    /**
     * The generated task called {@code taskName}, when its first token is a family's prefix.
     *
     * @throws SpecException if it starts like a family's names but is malformed or not canonical
     */
    public static Optional<TaskSpec> resolve(String taskName) {
        return ofName(taskName).map(family -> family.resolve(taskName));
    }
}
