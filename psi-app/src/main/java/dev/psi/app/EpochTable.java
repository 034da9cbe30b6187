package dev.psi.app;

import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Recovery;
import java.io.PrintWriter;
import java.util.Locale;

/** The per-epoch table {@code psi train} prints on stdout as epochs finish. */
final class EpochTable {

    private static final String HEADER_FORMAT = "%5s  %11s  %10s  %10s  %8s  %8s%n";
    private static final String ROW_FORMAT = "%5d  %11.5g  %10.5g  %10.5g  %8s  %8.2f%n";

    private final PrintWriter out;

    EpochTable(PrintWriter out) {
        this.out = out;
    }

    void header() {
        out.printf(Locale.ROOT, HEADER_FORMAT, "epoch", "lr", "train_loss", "val_loss", "val_acc", "seconds");
        out.flush();
    }

    void row(EpochResult epoch) {
        String accuracy = Double.isNaN(epoch.valAccuracy()) ? "-" : String.format(Locale.ROOT, "%.4f", epoch.valAccuracy());
        out.printf(Locale.ROOT, ROW_FORMAT, epoch.epoch(), epoch.lr(), epoch.trainLoss(), epoch.valLoss(), accuracy,
                epoch.wallSeconds());
        out.flush();
    }

    void recovery(Recovery recovery) {
        out.printf(Locale.ROOT, "      rolled back epoch %d (%s) at step %d; lr now %.5g%n", recovery.epoch(),
                recovery.reason(), recovery.step(), recovery.learningRate());
        out.flush();
    }
}
