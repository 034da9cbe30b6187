package dev.psi.core.result;

import dev.psi.core.controller.TaskFeatures;
import java.util.Objects;

/**
 * One sample of the surface (task, i, ε_i, α_i) → observed convergence: a training epoch run at a
 * known learning rate from a known state, and what it achieved. One row of the {@code surface} table.
 *
 * <p>Definitions shared by sampling, fitting and the {@code Psi} controller: ε₀ is the first batch
 * loss of the trial (the loss at initialization); ε_i is the smoothed batch loss (bias-corrected
 * moving average) when epoch i starts, ε₀ for i = 0; α_i is the learning rate used throughout epoch
 * i; r_i = ln(ε_i / ε_{i+1}) is the convergence the epoch achieved.
 *
 * @param trialId the trial the epoch belongs to
 * @param study the study that sampled it
 * @param task the task name
 * @param kind how α was chosen: {@code walk}, {@code grid}, {@code branch} (an oracle candidate),
 *     {@code oracle} (the candidate the greedy oracle kept), {@code schedule} (an epoch of a whole-budget
 *     candidate schedule of the long-horizon labeller) or {@code horizon} (an epoch of the schedule it kept)
 * @param features the task as a generalizing controller sees it (training examples, model parameters, examples
 *     per step, the optimizer spec's name): the very value the {@code Psi} controller gets in training, so a fit
 *     and its use read the same numbers; stored as the columns {@code dataset_size}, {@code parameter_count},
 *     {@code batch_size} and {@code optimizer_family}
 * @param epochs the trial's epoch budget E
 * @param loss0 ε₀
 * @param epoch i
 * @param loss ε_i, smoothed
 * @param meanLoss the mean training loss of epoch i − 1 ({@code NaN} for i = 0)
 * @param lr α_i
 * @param nextLoss ε_{i+1}, smoothed, at the end of epoch i
 * @param convergence r_i = ln(ε_i / ε_{i+1})
 * @param valLoss validation loss after epoch i
 * @param valAccuracy validation accuracy after epoch i ({@code NaN} for regression)
 */
public record SurfaceRow(
        long trialId,
        String study,
        String task,
        String kind,
        TaskFeatures features,
        int epochs,
        double loss0,
        int epoch,
        double loss,
        double meanLoss,
        double lr,
        double nextLoss,
        double convergence,
        double valLoss,
        double valAccuracy) {

    public SurfaceRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(features, "features");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("a surface row needs a kind");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (!Double.isFinite(lr)) {
            throw new IllegalArgumentException("the learning rate of a surface row must be finite, got " + lr);
        }
    }

    /** {@link #kind()} of a row of a random walk α_{i+1} = α_i · e^{N(0,σ)}. */
    public static final String WALK = "walk";

    /** {@link #kind()} of a row of a constant-rate trial. */
    public static final String GRID = "grid";

    /** {@link #kind()} of an oracle candidate's first lookahead epoch. */
    public static final String BRANCH = "branch";

    /** {@link #kind()} of the epoch the oracle kept. */
    public static final String ORACLE = "oracle";

    /**
     * {@link #kind()} of an epoch of one of the long-horizon labeller's whole-budget candidate schedules: a
     * sample of the surface, never a label by itself.
     */
    public static final String SCHEDULE = "schedule";

    /**
     * {@link #kind()} of an epoch of the whole-budget schedule the long-horizon labeller kept (the best of
     * its candidates at the end of the budget): Ψ's label when the study has such rows.
     */
    public static final String HORIZON = "horizon";

    /** This row with another {@link #kind()}: the same epoch, as kept by a search. */
    public SurfaceRow withKind(String newKind) {
        return new SurfaceRow(trialId, study, task, newKind, features, epochs, loss0, epoch, loss, meanLoss, lr,
                nextLoss, convergence, valLoss, valAccuracy);
    }

    /** This row with another {@link #lr()}, e.g. the rate relative to its task's scale; nothing else changes. */
    public SurfaceRow withLr(double newLr) {
        return new SurfaceRow(trialId, study, task, kind, features, epochs, loss0, epoch, loss, meanLoss, newLr,
                nextLoss, convergence, valLoss, valAccuracy);
    }

    /** ε_i / ε₀. */
    public double lossRatio() {
        return loss / loss0;
    }
}
