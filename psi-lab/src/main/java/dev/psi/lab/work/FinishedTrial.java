package dev.psi.lab.work;

import dev.psi.core.criteria.TrialCurve;
import java.util.Objects;

/**
 * A trial as the store holds it once finished.
 *
 * @param curve its status and epochs
 * @param seconds its wall-clock seconds
 */
public record FinishedTrial(TrialCurve curve, double seconds) {

    public FinishedTrial {
        Objects.requireNonNull(curve, "curve");
    }
}
