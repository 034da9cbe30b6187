package dev.psi.lab.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The schedule families a search chooses from, each written as a Psi controller spec whose only free
 * parameter is the peak (or base) rate α; the length of the schedule is the trial's epoch budget E.
 */
public enum ScheduleFamily {
    /** α every epoch. */
    CONSTANT("constant"),
    /** α, divided by 10 after each third of the budget. */
    STEP("step"),
    /** Cosine annealing from α to 0 over E epochs. */
    COSINE("cosine"),
    /** One epoch of linear warm-up from α/10, then cosine annealing over E epochs. */
    WARMUP_COSINE("warmup-cosine"),
    /** Smith and Topin's one-cycle policy with peak α over E epochs. */
    ONE_CYCLE("one-cycle");

    private final String word;

    ScheduleFamily(String word) {
        this.word = word;
    }

    /** The name on the command line, e.g. {@code warmup-cosine}. */
    public String word() {
        return word;
    }

    /** The controller spec of this family at rate {@code lr} over {@code epochs} epochs. */
    public String spec(String lr, int epochs) {
        return spec(lr, Integer.toString(epochs), Integer.toString(Math.max(1, epochs / 3)));
    }

    /**
     * This family at rate {@code lr} over any budget, which it writes {@code E} ({@code E/3} for StepLR's step): the
     * name of a method that runs on tasks of different budgets.
     */
    public String symbolic(String lr) {
        return spec(lr, "E", "E/3");
    }

    private String spec(String lr, String epochs, String third) {
        return switch (this) {
            case CONSTANT -> "Constant(lr=" + lr + ")";
            case STEP -> "StepLR(lr=" + lr + ",step_size=" + third + ",gamma=0.1)";
            case COSINE -> "CosineAnnealingLR(lr=" + lr + ",T_max=" + epochs + ")";
            case WARMUP_COSINE -> "Warmup(epochs=1,then=CosineAnnealingLR(lr=" + lr + ",T_max=" + epochs + "))";
            case ONE_CYCLE -> "OneCycleLR(max_lr=" + lr + ",epochs=" + epochs + ")";
        };
    }

    /**
     * The family named {@code word}.
     *
     * @throws IllegalArgumentException naming the valid words when there is no such family
     */
    public static ScheduleFamily of(String word) {
        for (ScheduleFamily family : values()) {
            if (family.word.equals(word.strip().toLowerCase(Locale.ROOT))) {
                return family;
            }
        }
        throw new IllegalArgumentException("unknown schedule family '" + word + "'; valid: " + String.join(", ",
                words()));
    }

    /** Every family's word, in declaration order. */
    public static List<String> words() {
        return Arrays.stream(values()).map(ScheduleFamily::word).toList();
    }
}
