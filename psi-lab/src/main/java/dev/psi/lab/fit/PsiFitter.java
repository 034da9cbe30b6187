package dev.psi.lab.fit;

import dev.psi.core.psi.Expression;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.ParetoPoint;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiModel;
import dev.psi.core.result.SurfaceRow;
import dev.psi.train.task.family.TaskFamilies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Step 3 of a study, "Fit Ψ" (DESIGN.md): from a surface, a Ψ model with its validation.
 *
 * <p>The direct target is ln α of the rows {@link TargetRows} selects. {@link FitKind#FORMULA} and
 * {@link FitKind#NETWORK} fit it directly ({@link FormulaFit}, {@link NetworkFit});
 * {@link FitKind#SURFACE} fits the convergence of every row instead and takes Ψ as its argmax
 * ({@link SurfaceFit}), and is scored on the same target rows, so that the three kinds compare.
 *
 * <p>Scores, in the model's metrics:
 * <ul>
 *   <li>{@value #RMSE} and {@value #R2}: RMSE and R² of ln α on all target rows, the model fitted to all
 *       of them;
 *   <li>{@value #LOTO_RMSE}: leave-one-task-out — for each task, the same kind of model refitted on the
 *       other tasks' rows predicts the task's target rows; the RMSE of ln α pooled over all rows. For a
 *       formula the chosen formula's constants are refitted, its shape kept (the shape was searched on all
 *       tasks, so this is optimistic about the shape); a network and a surface are retrained. With one
 *       task it is undefined: {@code NaN}. A fold that predicts no finite rate for some row (or, for a
 *       surface, whose other tasks' surface has no maximum) makes it infinite.
 *   <li>{@value #LOFO_RMSE}: leave-one-family-out — the same with every task of a family held out together
 *       ({@link TaskFamilies#familyOf}), the error on a kind of task the fit never saw; equal to
 *       {@value #LOTO_RMSE} when every family has one task, and undefined ({@code NaN}) with one family;
 *   <li>{@value #LOFO_SHAPE_RMSE} (formula kind, rows of at least {@value TransferSelection#MIN_FAMILIES}
 *       families): leave-one-family-out with the shape searched again on each fold, of the size chosen by it
 *       ({@link TransferSelection}) — the error of the whole procedure on a family it never saw;
 *   <li>{@value #SURFACE_R2} (surface kind): R² of r̂ against the observed r;
 *   <li>{@value #ROWS}: the number of target rows.
 * </ul>
 * Every prediction is clamped to the α range of the rows it was fitted on, as the {@code Psi} controller
 * clamps it: the scores are those of the rates a training run would get.
 */
public final class PsiFitter {

    public static final String RMSE = "rmse_log_lr";
    public static final String R2 = "r2";
    public static final String LOTO_RMSE = "loto_rmse_log_lr";
    public static final String LOFO_RMSE = "lofo_rmse_log_lr";
    public static final String LOFO_SHAPE_RMSE = "lofo_shape_rmse_log_lr";
    public static final String SURFACE_R2 = "surface_r2";
    public static final String ROWS = "rows";

    /** The features Ψ is a function of unless told otherwise: the loss and the epoch, absolute and relative. */
    public static final List<PsiFeature> DEFAULT_FEATURES =
            List.of(PsiFeature.LOG_LOSS_RATIO, PsiFeature.EPOCH, PsiFeature.EPOCH_FRACTION);

    private final long seed;
    private final SymbolicRegression.Settings search;
    private final NetworkFit.Settings network;

    /** A fitter with the default search and network sizes; {@code seed} fixes every random choice. */
    public PsiFitter(long seed) {
        this(seed, SymbolicRegression.Settings.DEFAULT, NetworkFit.Settings.DEFAULT);
    }

    PsiFitter(long seed, SymbolicRegression.Settings search, NetworkFit.Settings network) {
        this.seed = seed;
        this.search = Objects.requireNonNull(search, "search");
        this.network = Objects.requireNonNull(network, "network");
    }

    /**
     * Fits Ψ to a surface.
     *
     * @param surface the rows of the studies, as sampled
     * @param kind what to fit
     * @param features the features Ψ may use, at least one, each once
     * @param studies the studies the rows came from, recorded in the model
     * @throws IllegalArgumentException if there is no usable row, a feature is repeated or not known for
     *     some row (a task size of 0), or the surface has no maximum in α (surface kind)
     */
    public PsiFit fit(List<SurfaceRow> surface, FitKind kind, List<PsiFeature> features, List<String> studies) {
        return fit(surface, kind, features, studies, TargetRows.Rule.HORIZON);
    }

    /**
     * Fits Ψ to a surface, its labels chosen by the rules of {@link TargetRows} from {@code labels} on: with
     * {@link TargetRows.Rule#ORACLE}, the greedy oracle's even when the surface has long-horizon labels.
     *
     * @see #fit(List, FitKind, List, List)
     */
    public PsiFit fit(List<SurfaceRow> surface, FitKind kind, List<PsiFeature> features, List<String> studies,
            TargetRows.Rule labels) {
        long start = System.nanoTime();
        if (features.isEmpty() || features.stream().distinct().count() != features.size()) {
            throw new IllegalArgumentException("--features must name at least one feature, each once; valid: "
                    + PsiFeature.words());
        }
        TargetRows targets = TargetRows.select(surface, labels);
        if (targets.rows().isEmpty()) {
            throw new IllegalArgumentException("none of the " + surface.size() + " surface rows has a positive, "
                    + "finite learning rate, loss and convergence to fit");
        }
        FitData data = FitData.of(targets.rows());
        requireKnown(data, features);
        PsiModel model = switch (kind) {
            case FORMULA -> formula(data, features, studies);
            case NETWORK -> network(data, features, studies);
            case SURFACE -> surface(data, SurfaceData.of(surface), features, studies);
        };
        return new PsiFit(model, kind, targets.rule(), data.size(), surface.size(), (System.nanoTime() - start) / 1e9);
    }

    private PsiModel formula(FitData data, List<PsiFeature> features, List<String> studies) {
        FormulaFit.Result result = FormulaFit.fit(data, features, search, seed);
        FittedFormula chosen = result.chosen();
        List<PsiFeature> used = used(chosen.formula(), features);
        double[] range = FitData.range(data.logLr());
        FormulaModel provisional = new FormulaModel(chosen.formula(), used, info(data, used, range, Map.of(), studies,
                List.of()));
        Map<String, Double> metrics = metrics(provisional, data, (train, test) -> {
            double[] parameters = CurveFit.fit(chosen.term(), chosen.parameters(), train);
            return clamp(chosen.term().value(test, parameters), FitData.range(train.logLr()));
        });
        result.selection().ifPresent(selection -> metrics.put(LOFO_SHAPE_RMSE, selection.chosenError()));
        return new FormulaModel(chosen.formula(), used, info(data, used, range, metrics, studies,
                result.front().toPoints()));
    }

    private PsiModel network(FitData data, List<PsiFeature> features, List<String> studies) {
        double[] range = FitData.range(data.logLr());
        NetworkModel provisional = NetworkFit.fit(data, features, network, seed,
                info(data, features, range, Map.of(), studies, List.of()));
        Map<String, Double> metrics = metrics(provisional, data, (train, test) -> {
            NetworkModel fold = NetworkFit.fit(train, features, network, seed,
                    info(train, features, FitData.range(train.logLr()), Map.of(), studies, List.of()));
            return Scores.clampedLogLr(fold, test);
        });
        return new NetworkModel(features, provisional.mean(), provisional.std(), provisional.members(),
                info(data, features, range, metrics, studies, List.of()));
    }

    private PsiModel surface(FitData targets, SurfaceData all, List<PsiFeature> features, List<String> studies) {
        requireKnown(all.data(), features);
        SurfaceFit.Quadratic quadratic = SurfaceFit.fit(all.data(), all.convergence(), features);
        Expression formula = quadratic.expression();
        List<PsiFeature> used = used(formula, features);
        double[] range = FitData.range(all.data().logLr());
        FormulaModel provisional = new FormulaModel(formula, used, info(all.data(), used, range, Map.of(), studies,
                List.of()));
        Map<String, Double> metrics = metrics(provisional, targets, (train, test) -> {
            SurfaceData rest = all;
            for (String task : test.tasks()) {
                rest = rest.without(task);
            }
            try {
                Expression fold = SurfaceFit.fit(rest.data(), rest.convergence(), features).expression();
                return clamp(Scores.logLr(fold, test), FitData.range(rest.data().logLr()));
            } catch (IllegalArgumentException e) {
                // The other tasks' surface has no maximum: no rate to predict, which scores as infinitely wrong.
                double[] none = new double[test.size()];
                Arrays.fill(none, Double.NaN);
                return none;
            }
        });
        metrics.put(SURFACE_R2, quadratic.r2());
        return new FormulaModel(formula, used, info(all.data(), used, range, metrics, studies, List.of()));
    }

    /** The features a formula reads, in declaration order; the chosen ones if it reads none (a constant α). */
    private static List<PsiFeature> used(Expression formula, List<PsiFeature> chosen) {
        return formula.features().isEmpty() ? chosen : new ArrayList<>(formula.features());
    }

    private static void requireKnown(FitData data, List<PsiFeature> features) {
        for (PsiFeature feature : features) {
            double[] column = data.column(feature);
            for (int i = 0; i < column.length; i++) {
                if (!Double.isFinite(column[i])) {
                    throw new IllegalArgumentException("feature " + feature.word() + " is not known for the rows of "
                            + "task " + data.rows().get(i).task() + " (value " + column[i] + "); leave it out of "
                            + "--features");
                }
            }
        }
    }

    private static FitInfo info(FitData data, List<PsiFeature> features, double[] logLrRange,
            Map<String, Double> metrics, List<String> studies, List<ParetoPoint> pareto) {
        Map<PsiFeature, double[]> ranges = new EnumMap<>(PsiFeature.class);
        for (PsiFeature feature : features) {
            ranges.put(feature, data.range(feature));
        }
        return new FitInfo(Math.exp(logLrRange[0]), Math.exp(logLrRange[1]), ranges, metrics, studies, data.tasks(),
                pareto);
    }

    /**
     * The in-sample scores of {@code model} on {@code data}, and the held-out ones of its kind, each held-out part
     * predicted by {@code fold} from the rest: one task at a time, and one family at a time.
     */
    private static Map<String, Double> metrics(PsiModel model, FitData data, Fold fold) {
        double[] predicted = Scores.clampedLogLr(model, data);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(RMSE, Scores.rmse(predicted, data.logLr()));
        metrics.put(R2, Scores.r2(predicted, data.logLr()));
        double loto = leaveGroupsOut(data, task -> task, fold);
        metrics.put(LOTO_RMSE, loto);
        boolean familyPerTask = data.tasks().stream().map(TaskFamilies::familyOf).distinct().count()
                == data.tasks().size();
        // With one task per family the two partitions are the same: the folds need not be trained twice.
        metrics.put(LOFO_RMSE, familyPerTask ? loto : leaveGroupsOut(data, TaskFamilies::familyOf, fold));
        metrics.put(ROWS, (double) data.size());
        return metrics;
    }

    /** How a kind predicts ln α of one task's rows from a model fitted on the others'. */
    @FunctionalInterface
    private interface Fold {
        double[] predict(FitData train, FitData test);
    }

    /**
     * RMSE of ln α pooled over every row, each group's rows (tasks grouped by {@code groupOf}) predicted by a fit to
     * the other groups'; NaN for one group.
     */
    private static double leaveGroupsOut(FitData data, Function<String, String> groupOf, Fold fold) {
        List<String> groups = data.tasks().stream().map(groupOf).distinct().toList();
        if (groups.size() < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (String group : groups) {
            FitData train = data.where(name -> !groupOf.apply(name).equals(group));
            FitData test = data.where(name -> groupOf.apply(name).equals(group));
            double[] predicted = fold.predict(train, test);
            for (int i = 0; i < predicted.length; i++) {
                double residual = predicted[i] - test.logLr()[i];
                sum += residual * residual;
            }
        }
        // A fold that predicts no finite rate for some row scores as infinitely wrong, as in Scores.rmse.
        return Double.isFinite(sum) ? Math.sqrt(sum / data.size()) : Double.POSITIVE_INFINITY;
    }

    /** ln α clamped to a range of ln α. */
    private static double[] clamp(double[] logLr, double[] range) {
        double[] out = new double[logLr.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(Math.max(logLr[i], range[0]), range[1]);
        }
        return out;
    }
}
