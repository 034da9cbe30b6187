package dev.psi.app;

import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import dev.psi.train.task.family.SuiteTask;
import dev.psi.train.task.family.TaskFamilies;
import dev.psi.train.task.family.TaskFamily;
import dev.psi.train.task.family.TaskSuite;
import dev.psi.train.task.family.TaskSuites;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code psi tasks}: the built-in tasks with their sizes, models and defaults, or the tasks of a suite. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List the built-in tasks with their sizes, the task families and the suites; with --suite, "
                + "the tasks of a suite. A task spec file (.yaml/.json) or a generated task's name works wherever "
                + "a task name does.")
final class TasksCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Option(names = "--suite", paramLabel = "NAME|FILE",
            description = "List this suite's tasks, one a line: family, name, batch, epochs, optimizer, model, data. "
                    + "Built in: small, standard; or a suite file (.yaml/.yml/.json).")
    private String suite;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        if (suite != null) {
            listSuite(out, TaskSuites.resolve(suite.strip()));
            out.flush();
            return 0;
        }
        for (TaskSpec task : Tasks.builtIns()) {
            out.printf(Locale.ROOT, "%-16s %s%n", task.name(), task.description());
            out.printf(Locale.ROOT, "%-16s data: %s%n", "", task.shape().map(s -> s.describe()).orElse(task.data().describe()));
            out.printf(Locale.ROOT, "%-16s model: %s, optimizer: %s, batch %d, %d epochs%s%n", "", task.model(),
                    task.optimizer(), task.batchSize(), task.epochs(),
                    task.target().map(t -> ", target " + t).orElse(""));
        }
        out.println();
        out.println("Task families (psi tasks --suite NAME lists a suite's tasks):");
        for (TaskFamily family : TaskFamilies.builtIns()) {
            out.printf(Locale.ROOT, "%-16s %s-...: %s%n", family.name(), family.prefix(), family.ranges());
        }
        out.println();
        out.println("Suites:");
        for (TaskSuite builtIn : TaskSuites.builtIns()) {
            out.printf(Locale.ROOT, "%-16s %s%n", builtIn.name(), builtIn.description());
        }
        out.flush();
        return 0;
    }

    private static void listSuite(PrintWriter out, TaskSuite suite) {
        List<SuiteTask> tasks = suite.tasks();
        Map<String, Integer> counts = TaskSuite.countsByFamily(tasks);
        out.printf(Locale.ROOT, "suite %s: %d tasks (%s)%n", suite.name(), tasks.size(), counts.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
        int familyWidth = tasks.stream().mapToInt(task -> task.family().length()).max().orElse(0);
        int nameWidth = tasks.stream().mapToInt(task -> task.task().name().length()).max().orElse(0);
        for (SuiteTask task : tasks) {
            TaskSpec spec = task.task();
            out.printf(Locale.ROOT, "%-" + familyWidth + "s  %-" + nameWidth + "s  batch %d, %d epochs, %s, %s, %s%n",
                    task.family(), spec.name(), spec.batchSize(), spec.epochs(), spec.optimizer(), spec.model(),
                    spec.shape().map(shape -> shape.describe()).orElse(spec.data().describe()));
        }
    }
}
