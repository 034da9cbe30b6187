package dev.psi.lab.study;

/**
 * How a method did on a task's test part, which nothing in the study chose on: the accuracy the report
 * gives. Each seed's model is the one of its best validation epoch (chosen on validation, as a user would
 * pick a checkpoint), and its test accuracy is read there.
 *
 * @param accuracy median over seeds of the test accuracy at each seed's best validation epoch ({@code NaN}
 *     for regression, or when the task has no test part); a seed that never finished an epoch counts as 0
 * @param finalLoss median over seeds of the test loss after the last epoch (∞ for a diverged seed; {@code NaN}
 *     when the task has no test part)
 */
public record TestScores(double accuracy, double finalLoss) {

    /** A task without a test part. */
    public static final TestScores NONE = new TestScores(Double.NaN, Double.NaN);
}
