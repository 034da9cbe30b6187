package dev.psi.app;

import dev.psi.core.controller.TrainingState;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Recovery;
import dev.psi.train.engine.TrialListener;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for each epoch of a trial, showing the smoothed loss and the current α. The
 * bar of an epoch is closed before the epoch's table row is printed, so that on a terminal bars and
 * rows stay on lines of their own.
 */
final class ProgressListener implements TrialListener, AutoCloseable {

    private final int stepsPerEpoch;
    private final int epochs;
    private final TrialListener next;
    private ProgressBar bar;

    ProgressListener(int stepsPerEpoch, int epochs, TrialListener next) {
        this.stepsPerEpoch = stepsPerEpoch;
        this.epochs = epochs;
        this.next = next;
    }

    @Override
    public void onStep(TrainingState state, double learningRate) {
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", state.epoch() + 1, epochs))
                    .setInitialMax(stepsPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
        }
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f lr %.3g", state.smoothedLoss(), learningRate));
        next.onStep(state, learningRate);
    }

    @Override
    public void onEpoch(EpochResult epoch) {
        close();
        next.onEpoch(epoch);
    }

    @Override
    public void onRecovery(Recovery recovery) {
        close();
        next.onRecovery(recovery);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
