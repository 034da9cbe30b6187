package dev.psi.core.schedule;

import dev.psi.core.controller.TrainingState;
import java.util.Locale;

/** The value of the training state that {@code ReduceLROnPlateau(monitor=...)} observes after each epoch. */
enum Monitor {
    /** Validation loss after the epoch. */
    VAL_LOSS,
    /** Validation accuracy after the epoch; makes {@code mode=max} the default. */
    VAL_ACCURACY,
    /** Mean training loss of the epoch. */
    TRAIN_LOSS;

    /** The spec word, e.g. {@code val_loss}. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The observed value; {@code NaN} where the state has none. */
    double read(TrainingState state) {
        return switch (this) {
            case VAL_LOSS -> state.valLoss();
            case VAL_ACCURACY -> state.valAccuracy();
            case TRAIN_LOSS -> state.epochLoss();
        };
    }

    static Monitor ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    static String[] words() {
        Monitor[] all = values();
        String[] words = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            words[i] = all[i].word();
        }
        return words;
    }
}
