package dev.psi.app;

/** Checks of option values that picocli's types cannot express, with the one-line message users see. */
final class OptionChecks {

    private OptionChecks() {
    }

    /** An optional count, when given, must be at least 1. */
    static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + value);
        }
    }
}
