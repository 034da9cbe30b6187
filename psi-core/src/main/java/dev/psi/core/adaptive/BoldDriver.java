package dev.psi.core.adaptive;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.TrainingState;
import java.io.Serializable;
import java.util.Locale;

/**
 * The bold driver (Vogl et al. 1988, "Accelerating the convergence of the back-propagation method",
 * Biological Cybernetics 59; named by Battiti 1989, "Accelerated backpropagation learning: two
 * optimization methods", Complex Systems 3): after every epoch the learning rate grows a little when the
 * monitored loss fell and is cut hard when it did not,
 * <pre>
 *   α ← clamp(α · increase)   if ε_i &lt; ε_ref
 *   α ← clamp(α · decrease)   otherwise (a NaN or infinite ε_i included)
 * </pre>
 * where ε_i is the loss of the epoch just finished, ε_ref the loss it is compared with and
 * {@code clamp} keeps α in [min_lr, max_lr].
 *
 * <p>ε_ref is the previous epoch's loss. With {@code undo=true} a worse epoch is also rejected, as in
 * Vogl et al.: {@link #rollBack()} says so, the engine restores the parameters of the epoch start, and
 * ε_ref stays the loss of the last accepted epoch, since that is the model training resumes from.
 * The first epoch has nothing to be compared with and leaves α unchanged, unless its loss is not
 * finite. A loss that is not finite never becomes ε_ref: nothing could be compared with it.
 */
public final class BoldDriver implements Controller {

    private static final long serialVersionUID = 1L;

    /** The epoch loss the bold driver compares. */
    enum Monitor {
        /** Mean training loss of the epoch. */
        TRAIN_LOSS,
        /** Validation loss after the epoch. */
        VAL_LOSS;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Monitor ofWord(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }

        double read(TrainingState state) {
            return this == TRAIN_LOSS ? state.epochLoss() : state.valLoss();
        }
    }

    /**
     * The rule's constants.
     *
     * @param increase factor after an improved epoch, {@code >= 1}
     * @param decrease factor after a worse epoch, in (0, 1)
     * @param undo whether a worse epoch is rolled back
     * @param minLr lowest rate
     * @param maxLr highest rate ({@code +inf} for none)
     * @param monitor the loss compared
     */
    record Settings(double increase, double decrease, boolean undo, double minLr, double maxLr, Monitor monitor)
            implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    private final Settings settings;
    private double lr;
    /** ε_ref; {@code NaN} before the first finite loss. */
    private double reference;
    private boolean rejected;

    BoldDriver(double lr, Settings settings) {
        this(settings, lr, Double.NaN, false);
    }

    private BoldDriver(Settings settings, double lr, double reference, boolean rejected) {
        this.settings = settings;
        this.lr = lr;
        this.reference = reference;
        this.rejected = rejected;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void afterEpoch(TrainingState state) {
        double loss = settings.monitor().read(state);
        boolean finite = Double.isFinite(loss);
        rejected = false;
        if (Double.isNaN(reference) && finite) {
            reference = loss;
            return;
        }
        if (finite && loss < reference) {
            lr = clamp(lr * settings.increase());
            reference = loss;
            return;
        }
        lr = clamp(lr * settings.decrease());
        if (settings.undo()) {
            rejected = true;
        } else if (finite) {
            reference = loss;
        }
    }

    @Override
    public boolean mayRollBack() {
        return settings.undo();
    }

    /** Whether the epoch just finished was worse and {@code undo=true}. */
    @Override
    public boolean rollBack() {
        return rejected;
    }

    @Override
    public BoldDriver copy() {
        return new BoldDriver(settings, lr, reference, rejected);
    }

    private double clamp(double value) {
        return Math.min(settings.maxLr(), Math.max(settings.minLr(), value));
    }
}
