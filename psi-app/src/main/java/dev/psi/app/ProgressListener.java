package dev.psi.app;

import dev.psi.core.controller.TrainingState;
import dev.psi.core.result.EpochResult;
import dev.psi.train.engine.TrialListener;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr over all steps of a trial, showing the smoothed loss and the current α. */
final class ProgressListener implements TrialListener, AutoCloseable {

    private final ProgressBar bar;
    private final TrialListener next;

    ProgressListener(long totalSteps, TrialListener next) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        this.next = next;
    }

    @Override
    public void onStep(TrainingState state, double learningRate) {
        bar.stepTo(state.step());
        bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f lr %.3g", state.epoch(),
                state.smoothedLoss(), learningRate));
        next.onStep(state, learningRate);
    }

    @Override
    public void onEpoch(EpochResult epoch) {
        next.onEpoch(epoch);
    }

    @Override
    public void close() {
        bar.close();
    }
}
