package dev.psi.app;

import dev.psi.core.psi.PsiModel;
import dev.psi.lab.fit.ModelReport;
import dev.psi.lab.model.PsiModelFile;
import dev.psi.lab.report.PsiMapPlot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code psi show-psi}: a fitted Ψ in words, and optionally as a heat map over (loss ratio, epoch). */
@Command(name = "show-psi", mixinStandardHelpOptions = true,
        description = {"Show a fitted Psi model: its formula or network, features and ranges, lr range, metrics and "
                + "Pareto front.",
            "With --plot, draw Psi over (loss ratio, epoch) as an SVG heat map."})
final class ShowPsiCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file, as 'psi fit --out' wrote it.")
    private Path model;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Also draw Psi as a heat map of log10(lr) over (loss ratio, epoch), as SVG.")
    private Path plot;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PsiModel psi = PsiModelFile.read(model);
        PrintWriter out = command.commandLine().getOut();
        for (String line : ModelReport.lines(psi, model.toString())) {
            out.println(line);
        }
        if (plot != null) {
            PsiMapPlot.write(psi, "Psi: " + psi.describe() + ", clamped", plot);
            out.println("drew " + plot);
        }
        out.flush();
        return 0;
    }
}
