package dev.psi.core.schedule;

import java.io.Serializable;

/**
 * A PyTorch scheduler that advances with a plain {@code step()}: every scheduler except
 * {@link ReduceLROnPlateau}, which needs a metric.
 */
interface Scheduler extends Serializable {

    /** The parameter group this scheduler writes. */
    ParamGroup group();

    /** The learning rate now in force. */
    default double lr() {
        return group().lr();
    }

    /** {@code scheduler.step()}: one tick. */
    void step();

    /**
     * A copy in exactly this state that acts on {@code group}; containers copy their children onto
     * the same group, so a tree copied onto a copy of its group is independent of the original.
     */
    Scheduler copyOnto(ParamGroup group);
}
