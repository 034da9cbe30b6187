package dev.psi.app;

import dev.psi.core.spec.SpecException;
import dev.psi.lab.work.JobFailedException;
import dev.psi.store.SqliteLibrary;
import dev.psi.store.StoreException;
import dev.psi.train.data.DataException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code psi} command line. Every command reports bad input as one line on stderr that names the
 * problem, and exits with status 2; a stack trace is printed only when {@code PSI_DEBUG} is set.
 */
@Command(
        name = "psi",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Learning-rate controllers for JVM training, and a lab that learns alpha = Psi(loss, epoch).",
        subcommands = {
            TrainCommand.class,
            SampleCommand.class,
            SearchCommand.class,
            StudyCommand.class,
            FitCommand.class,
            ShowPsiCommand.class,
            ScheduleCommand.class,
            TasksCommand.class,
            RunsCommand.class,
            ExportCommand.class,
            WorkerCommand.class,
            BenchCommand.class,
            LrFindCommand.class,
            DashboardCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Psi implements Runnable {

    /** Exit status for input the user must change: a bad spec, missing data, an unwritable database or file. */
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Psi's own folder, set by the launcher from {@code $PSI_HOME} (default {@code ~/.psi}). */
    private static final String HOME_PROPERTY = "psi.home";

    public static void main(String[] args) {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            // Native libraries under Psi's folder, one copy each, rather than a new copy in /tmp per process.
            SqliteLibrary.useOneCopyUnder(Path.of(home, "native"));
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Psi());
        line.setExecutionExceptionHandler(Psi::handle);
        line.setParameterExceptionHandler(Psi::handleUsage);
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A mistyped option or a missing required one: one line and a pointer to the help, not the whole usage. */
    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        String command = line.getCommandSpec().qualifiedName();
        line.getErr().println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
        line.getErr().flush();
        return BAD_INPUT;
    }

    private static int handle(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        PrintWriter err = line.getErr();
        if (System.getenv("PSI_DEBUG") != null) {
            e.printStackTrace(err);
        }
        if (e instanceof SpecException || e instanceof DataException || e instanceof StoreException
                || e instanceof IllegalArgumentException) {
            err.println("psi " + line.getCommandName() + ": " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof UncheckedIOException) {
            // A file that cannot be written or read (a folder that is a file, no permission, a full disk) is
            // the user's to fix; the code that failed names the path and the reason in the message.
            err.println("psi " + line.getCommandName() + ": " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof JobFailedException) {
            // The worker stored the cause as one line; its trace, if any, is in the worker's log.
            err.println("psi " + line.getCommandName() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        err.println("psi " + line.getCommandName() + ": internal error: " + e
                + " (set PSI_DEBUG=1 for the stack trace)");
        err.flush();
        return 1;
    }
}
