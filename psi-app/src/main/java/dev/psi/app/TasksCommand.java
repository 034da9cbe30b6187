package dev.psi.app;

import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code psi tasks}: the built-in tasks with their sizes, models and defaults. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List the built-in tasks with their sizes; a task spec file (.yaml/.json) works wherever a name does.")
final class TasksCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        for (TaskSpec task : Tasks.builtIns()) {
            out.printf(Locale.ROOT, "%-16s %s%n", task.name(), task.description());
            out.printf(Locale.ROOT, "%-16s data: %s%n", "", task.shape().map(s -> s.describe()).orElse(task.data().describe()));
            out.printf(Locale.ROOT, "%-16s model: %s, optimizer: %s, batch %d, %d epochs%s%n", "", task.model(),
                    task.optimizer(), task.batchSize(), task.epochs(),
                    task.target().map(t -> ", target " + t).orElse(""));
        }
        out.flush();
        return 0;
    }
}
