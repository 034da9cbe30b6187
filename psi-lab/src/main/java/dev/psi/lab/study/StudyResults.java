package dev.psi.lab.study;

import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TuningCost;
import dev.psi.core.psi.PsiModel;
import dev.psi.core.result.SurfaceRow;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a finished study measured, the input of the report: which tasks trained Ψ and which
 * judged it, the targets, the results of every method on every held-out task, the surface and the
 * fitted models.
 *
 * @param name the study's name
 * @param preset the preset it ran with ({@code quick}, {@code standard}, {@code full})
 * @param trainingTasks the tasks Ψ was fitted on
 * @param heldOutTasks the tasks Ψ never saw
 * @param targets the target of each held-out task (calibrated or from its spec)
 * @param results one entry per held-out task and method
 * @param surface the surface rows of the training tasks (for the heat maps)
 * @param formula the fitted Ψ formula model
 * @param network the fitted Ψ network model
 * @param psiCost what sampling the surface and fitting Ψ cost, once for all tasks
 * @param wallSeconds the study's wall-clock time
 * @param calibration what calibrating each task's target cost (empty for a target its spec sets)
 * @param targetOrigins how each held-out task's target was set, in words
 * @param grid what the training grid chose and cost ({@link GridChoices#NONE} without one)
 */
public record StudyResults(
        String name,
        String preset,
        List<String> trainingTasks,
        List<String> heldOutTasks,
        Map<String, Target> targets,
        List<MethodResult> results,
        List<SurfaceRow> surface,
        PsiModel formula,
        PsiModel network,
        TuningCost psiCost,
        double wallSeconds,
        Map<String, TuningCost> calibration,
        Map<String, String> targetOrigins,
        GridChoices grid) {

    public StudyResults {
        calibration = Map.copyOf(calibration);
        targetOrigins = Map.copyOf(targetOrigins);
        trainingTasks = List.copyOf(trainingTasks);
        heldOutTasks = List.copyOf(heldOutTasks);
        targets = Map.copyOf(targets);
        results = List.copyOf(results);
        surface = List.copyOf(surface);
        Objects.requireNonNull(grid, "grid");
    }
}
