package dev.psi.lab.fit;

import dev.psi.core.result.SurfaceRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Every usable row of a surface with its convergence r, the data of {@link SurfaceFit}.
 *
 * <p>An epoch that diverged has r = −∞ (its loss became infinite). Leaving such rows out would hide
 * that the largest rates are the worst, and put the fitted maximum there; keeping −∞ would make the
 * least-squares fit meaningless. They enter with the lowest finite r of the surface instead: at least
 * as bad as anything observed. Rows whose r is undefined (NaN) are left out.
 *
 * @param data the rows
 * @param convergence r of each row, diverged rows floored as above
 */
record SurfaceData(FitData data, double[] convergence) {

    static SurfaceData of(List<SurfaceRow> surface) {
        List<SurfaceRow> kept = new ArrayList<>();
        double floor = Double.POSITIVE_INFINITY;
        for (SurfaceRow row : surface) {
            double r = row.convergence();
            if (FitData.usable(row) && (Double.isFinite(r) || r == Double.NEGATIVE_INFINITY)) {
                kept.add(row);
                if (Double.isFinite(r)) {
                    floor = Math.min(floor, r);
                }
            }
        }
        double[] convergence = new double[kept.size()];
        for (int i = 0; i < convergence.length; i++) {
            double r = kept.get(i).convergence();
            convergence[i] = Double.isFinite(r) ? r : floor;
        }
        if (floor == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("no surface row has a finite convergence r to fit");
        }
        return new SurfaceData(FitData.of(kept), convergence);
    }

    /** The rows of every task but {@code task}, their r as floored over the whole surface. */
    SurfaceData without(String task) {
        List<SurfaceRow> kept = new ArrayList<>();
        List<Double> convergence = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (!data.rows().get(i).task().equals(task)) {
                kept.add(data.rows().get(i));
                convergence.add(this.convergence[i]);
            }
        }
        return new SurfaceData(FitData.of(kept), convergence.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
