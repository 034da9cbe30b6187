package dev.psi.store;

import java.util.Objects;

/**
 * One row of the {@code surface} table as the store reads and writes it: a training epoch run at a known
 * learning rate from a known state, and what it achieved. It is the stored form of psi-lab's
 * {@code SurfaceRow}, component for component (the lab depends on the store, not the other way round),
 * and that record's javadoc defines the quantities; in short, ε₀ is the trial's first batch loss, ε_i the
 * smoothed batch loss when epoch i starts, α_i the rate used throughout epoch i and
 * r_i = ln(ε_i / ε_{i+1}).
 *
 * <p>Non-finite measurements (a diverged epoch's {@code nextLoss} and {@code convergence}, a regression
 * task's accuracy) are stored as {@code NULL} and read back as {@code NaN}.
 *
 * @param trialId the trial the epoch belongs to
 * @param study the study of that trial
 * @param task the task of that trial
 * @param kind how α was chosen, e.g. {@code walk}, {@code grid}, {@code branch} or {@code oracle}
 * @param datasetSize training examples of the trial
 * @param parameterCount model parameters
 * @param batchSize examples per step
 * @param optimizerFamily the optimizer spec's name
 * @param epochs the trial's epoch budget
 * @param loss0 ε₀
 * @param epoch i
 * @param loss ε_i
 * @param meanLoss the mean training loss of epoch i − 1
 * @param lr α_i, finite: it is part of the row's key
 * @param nextLoss ε_{i+1}
 * @param convergence r_i
 * @param valLoss validation loss after epoch i
 * @param valAccuracy validation accuracy after epoch i
 */
public record SurfaceSample(
        long trialId,
        String study,
        String task,
        String kind,
        long datasetSize,
        long parameterCount,
        int batchSize,
        String optimizerFamily,
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

    public SurfaceSample {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(optimizerFamily, "optimizerFamily");
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
}
