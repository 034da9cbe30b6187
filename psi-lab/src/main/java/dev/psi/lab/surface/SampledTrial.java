package dev.psi.lab.surface;

import dev.psi.core.result.TrialStatus;
import java.util.OptionalLong;

/**
 * What became of one planned trial of a sampling study: run now, or skipped because the store already
 * holds it finished.
 *
 * @param index the trial's place in the plan, from 1
 * @param total the plan's number of trials
 * @param task the task name
 * @param controller the trial's controller spec text, which names its mode
 * @param seed the trial seed
 * @param trialId the trial in the store: the one run now, or the finished one that was found
 * @param skipped whether it was found finished instead of run
 * @param interrupted the trial a killed process left running, marked failed and started again as this
 *     one, or resumed as this one; empty when there was none
 * @param resumed whether the trial went on from the checkpoint a killed process left, under its own id
 * @param status how it ended
 * @param epochs the epochs of the trial's own trajectory
 * @param epochsTrained epochs trained now, oracle branches and lookahead included; 0 when skipped
 * @param rows surface rows recorded now; 0 when skipped
 * @param wallSeconds wall-clock seconds spent now
 */
public record SampledTrial(
        int index,
        int total,
        String task,
        String controller,
        long seed,
        long trialId,
        boolean skipped,
        OptionalLong interrupted,
        boolean resumed,
        TrialStatus status,
        int epochs,
        long epochsTrained,
        int rows,
        double wallSeconds) {
}
