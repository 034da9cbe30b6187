package dev.psi.lab.surface;

/**
 * What one run of a sampling plan did.
 *
 * <p>Built by counting ({@link #plus}); to state one, name its parts:
 * {@code SamplingSummary.trained(1, 15, 12).withOracle(3, 12)} rather than seven numbers in a row.
 *
 * @param trialsRun trials trained now
 * @param trialsSkipped trials found finished in the store and not trained again
 * @param trialsRestarted trials a killed process had left running, started again from scratch (counted
 *     in {@code trialsRun} too)
 * @param surfaceRows surface rows recorded now
 * @param epochsTrained epochs trained now, oracle branches and lookahead included
 * @param oracleEpochs epochs of the searched trajectories trained now (the epochs they kept): the oracle's, or
 *     the long-horizon labeller's
 * @param oracleEpochsTrained epochs those trajectories cost: every branch and lookahead epoch, or every
 *     candidate schedule's epochs
 */
public record SamplingSummary(
        int trialsRun,
        int trialsSkipped,
        int trialsRestarted,
        long surfaceRows,
        long epochsTrained,
        long oracleEpochs,
        long oracleEpochsTrained) {

    /** The summary of nothing. */
    static final SamplingSummary EMPTY = new SamplingSummary(0, 0, 0, 0, 0, 0, 0);

    /** {@code trials} trials trained now, which recorded {@code surfaceRows} rows in {@code epochsTrained} epochs. */
    public static SamplingSummary trained(int trials, long surfaceRows, long epochsTrained) {
        return new SamplingSummary(trials, 0, 0, surfaceRows, epochsTrained, 0, 0);
    }

    /** {@code trials} trials found finished in the store, nothing trained. */
    public static SamplingSummary skipped(int trials) {
        return new SamplingSummary(0, trials, 0, 0, 0, 0, 0);
    }

    /** This summary with {@code trials} of its trials run counted as restarted after a killed process. */
    public SamplingSummary withRestarted(int trials) {
        return new SamplingSummary(trialsRun, trialsSkipped, trials, surfaceRows, epochsTrained, oracleEpochs,
                oracleEpochsTrained);
    }

    /** This summary with searched trajectories that kept {@code epochs} epochs and cost {@code epochsTrained}. */
    public SamplingSummary withOracle(long epochs, long epochsTrained) {
        return new SamplingSummary(trialsRun, trialsSkipped, trialsRestarted, surfaceRows, this.epochsTrained, epochs,
                epochsTrained);
    }

    /** This summary with one more trial counted; {@code oracle}: whether it was a searched trajectory. */
    SamplingSummary plus(SampledTrial trial, boolean oracle) {
        if (trial.skipped()) {
            return new SamplingSummary(trialsRun, trialsSkipped + 1, trialsRestarted, surfaceRows, epochsTrained,
                    oracleEpochs, oracleEpochsTrained);
        }
        return new SamplingSummary(trialsRun + 1, trialsSkipped, trialsRestarted
                + (trial.interrupted().isPresent() ? 1 : 0), surfaceRows + trial.rows(),
                epochsTrained + trial.epochsTrained(), oracleEpochs + (oracle ? trial.epochs() : 0),
                oracleEpochsTrained + (oracle ? trial.epochsTrained() : 0));
    }
}
