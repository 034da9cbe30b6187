package dev.psi.core.controller;

/** When a controller's schedule advances one tick: after every optimizer step or after every epoch. */
public enum Interval {
    STEP,
    EPOCH;

    /** The spec word for this interval: {@code step} or {@code epoch}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
