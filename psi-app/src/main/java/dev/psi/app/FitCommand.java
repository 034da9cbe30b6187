package dev.psi.app;

import dev.psi.core.spec.Echo;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiModel;
import dev.psi.lab.fit.FitKind;
import dev.psi.lab.fit.ModelReport;
import dev.psi.lab.fit.PsiFit;
import dev.psi.lab.fit.PsiFitter;
import dev.psi.lab.fit.TargetRows;
import dev.psi.lab.model.PsiModelFile;
import dev.psi.core.result.SurfaceRow;
import dev.psi.store.FileFailures;
import dev.psi.store.ResultStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code psi fit}: fits Ψ to the surface a study sampled, writes the model file and records it in the
 * store's {@code psi_models} table.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit Psi to the surface of a study: a closed-form formula, a small network, or the argmax of a "
                + "quadratic model of the surface.",
            "The target is ln(lr) of the long-horizon labeller's kept schedules (psi sample --mode schedules), else "
                + "of the rates the greedy oracle kept (or, without either, the best-converging rate of each state). The model is validated leaving one task out, written to --out and recorded in the "
                + "store's psi_models table."})
final class FitCommand implements Callable<Integer> {

    @Option(names = "--study", required = true, paramLabel = "NAME", description = "The study whose surface to fit.")
    private String study;

    @Option(names = "--kind", required = true, paramLabel = "KIND",
            description = "formula (parametric families and symbolic regression), network (ensemble of MLPs) or "
                    + "surface (argmax of a quadratic model of the convergence).")
    private String kind;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write (JSON).")
    private Path out;

    @Option(names = "--features", paramLabel = "F1,F2,...",
            description = "The features Psi may use (default: log_loss_ratio,epoch,epoch_fraction); valid: "
                    + "loss_ratio, log_loss_ratio, epoch, epoch_fraction, log_dataset_size, log_parameter_count, "
                    + "log_batch_size, adaptive_optimizer.")
    private String features;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Fixes the symbolic-regression search and the networks' initialization (default: "
                    + "${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The model's name in the store (default: the file name without its extension); fitting "
                    + "again under a name replaces its row.")
    private String name;

    @Option(names = "--labels", defaultValue = "horizon", paramLabel = "WHICH",
            description = "horizon: the long-horizon labeller's rows when the study has them, else the greedy "
                    + "oracle's, else the best rates; oracle: the greedy oracle's even when the study has long-horizon "
                    + "labels (default: ${DEFAULT-VALUE}).")
    private String labels;

    @Mixin
    private StoreOption database;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        // Everything the command line can get wrong is checked before the fit, which may take a while.
        FitKind fitKind = FitKind.ofWord(kind);
        TargetRows.Rule firstRule = switch (labels) {
            case "horizon" -> TargetRows.Rule.HORIZON;
            case "oracle" -> TargetRows.Rule.ORACLE;
            default -> throw new IllegalArgumentException("unknown --labels " + Echo.quote(labels)
                    + "; valid: horizon, oracle");
        };
        List<PsiFeature> chosen = features == null ? PsiFitter.DEFAULT_FEATURES : features(features);
        Stores.requireExisting(database.location);
        PrintWriter err = command.commandLine().getErr();
        PrintWriter print = command.commandLine().getOut();
        try (ResultStore store = Stores.openForWriting(database.location)) {
            List<SurfaceRow> surface = store.surface().of(study);
            if (surface.isEmpty()) {
                throw new IllegalArgumentException(store.trials().inStudy(study).isEmpty()
                        ? "there is no study '" + study + "' in " + store.location()
                        : "study '" + study + "' has no surface rows in " + store.location()
                                + ": sample it with 'psi sample --study " + study + "' first");
            }
            requireWritable(out);
            long tasks = surface.stream().map(SurfaceRow::task).distinct().count();
            err.printf(Locale.ROOT, "fitting %s to %d surface rows of %d %s%s%n", fitKind.word(), surface.size(), tasks,
                    tasks == 1 ? "task" : "tasks", tasks > 1 ? ", then once more per task left out" : "");
            err.flush();
            PsiFit fit = new PsiFitter(seed).fit(surface, fitKind, chosen, List.of(study), firstRule);
            PsiModel model = fit.model();
            PsiModelFile.write(out, model);
            String modelName = name != null ? name : stem(out);
            long id = store.psiModels().record(modelName, model.kind(), out.toAbsolutePath().normalize().toString(),
                    PsiModelFile.toJson(model), study);
            print.printf(Locale.ROOT, "target: %d rows, %s%n", fit.targetRows(), fit.rule().description());
            for (String line : ModelReport.lines(model, out.toString())) {
                print.println(line);
            }
            print.printf(Locale.ROOT, "wrote %s; recorded as Psi model '%s' (id %d) in %s; %.1f s%n", out, modelName,
                    id, store.location(), fit.seconds());
            print.flush();
        }
        return 0;
    }

    private static List<PsiFeature> features(String text) {
        List<PsiFeature> list = new ArrayList<>();
        for (String word : text.split(",", -1)) {
            if (word.isBlank()) {
                throw new IllegalArgumentException("--features has an empty entry: '" + text + "'");
            }
            list.add(PsiFeature.ofWord(word.strip()));
        }
        if (new LinkedHashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("--features names a feature twice: " + list.stream()
                    .map(PsiFeature::word).collect(Collectors.joining(",")));
        }
        return list;
    }

    /**
     * Fails now rather than after the fit if the model file cannot be written: its folder cannot be
     * created or written to, or the path is a folder.
     */
    private static void requireWritable(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--out " + file + " is a folder; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + file + " cannot be written: " + FileFailures.describe(e));
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new IllegalArgumentException("--out " + file + " cannot be written: permission denied");
        }
    }

    private static String stem(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
