package dev.psi.lab.report;

import dev.psi.core.criteria.ScoreDifference;
import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.StudyPlan;
import dev.psi.lab.study.StudyResults;
import dev.psi.train.engine.KernelPinning;
import dev.psi.train.engine.RunEnvironment;
import dev.psi.train.engine.Trial;
import dev.psi.train.task.family.TaskFamilies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first section after the answer: how the numbers were measured — seeds, splits, targets, time to target, the verdict's interval
 * and the kernels — so that a reader can judge the protocol before the results.
 */
final class ProtocolSection {

    private ProtocolSection() {
    }

    static Section of(StudyResults results, RunEnvironment environment) {
        int seeds = results.results().stream().mapToInt(MethodResult::seeds).max().orElse(0);
        StringBuilder targets = new StringBuilder();
        for (String task : results.heldOutTasks()) {
            targets.append("<li>").append(Html.escape(task)).append(": ")
                    .append(Html.escape(results.targetOrigins().getOrDefault(task, "")))
                    .append("</li>\n");
        }
        String html = "<ul>\n"
                + "<li><b>Tasks by family.</b> " + families(results) + "</li>\n"
                + "<li><b>Seeds that never meet.</b> Ψ's surface was sampled with seeds "
                + StudyPlan.SAMPLING_SEEDS_FROM + ", …; the targets and the searches used the tuning seeds "
                + StudyPlan.TUNING_SEEDS_FROM + "–" + (StudyPlan.TUNING_SEEDS_FROM + StudyPlan.CALIBRATION_SEEDS - 1)
                + "; every method ran on the same " + seeds + " evaluation seeds from "
                + StudyPlan.EVALUATION_SEEDS_FROM + ". A seed fixes the training subset, the initialization and "
                + "the batch order, so no evaluation run saw the examples, or their order, of a run that chose "
                + "anything.</li>\n"
                + "<li><b>Three splits.</b> Everything that chooses (targets, searches, the oracle, Ψ's labels, "
                + "time to target) is measured on the validation part; the test part, which nothing chose on, "
                + "gives the reported test accuracy, read at each seed's best validation epoch.</li>\n"
                + "<li><b>Targets</b>, per held-out task:\n<ul>\n" + targets + "</ul></li>\n"
                + "<li><b>Time to target</b> is the first evaluation that reaches the target: a fixed subset of "
                + "up to " + Trial.VALIDATION_SUBSET + " validation examples every <code>eval_every</code> steps "
                + "(about 8 times an epoch by default) and the full validation pass at each epoch's end. Steps "
                + "count every optimizer step, those of rolled-back epochs included; seconds leave the "
                + "evaluations out. The oracle, a reference outside the verdict, is evaluated at epoch ends only.</li>\n"
                + "<li><b>The verdict</b> compares performance-profile scores (AlgoPerf, τ ∈ [1, 4], the oracle "
                + "out of t<sub>best</sub>) with a paired bootstrap 95 % interval of the difference ("
                + ScoreDifference.DEFAULT_RESAMPLES + " replicates over tasks and seeds, the same seeds for every "
                + "method); it answers only when the interval clears the margin of "
                + Format.fixed(Verdict.AS_GOOD_MARGIN, 2) + ", else “Undecided”.</li>\n"
                + "<li><b>Kernels</b>: " + kernels(environment) + " <code>results.json</code> records the machine "
                + "and the pinning under <code>environment</code>.</li>\n"
                + "</ul>\n";
        return new Section("protocol", "How this was measured", html, List.of());
    }

    /**
     * Each family's training and held-out tasks ({@link TaskFamilies#familyOf}), and the families Ψ never learned
     * from: what "held out" means in this study.
     */
    static String families(StudyResults results) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        results.trainingTasks().forEach(task -> counts.computeIfAbsent(TaskFamilies.familyOf(task), f -> new int[2])[0]++);
        results.heldOutTasks().forEach(task -> counts.computeIfAbsent(TaskFamilies.familyOf(task), f -> new int[2])[1]++);
        List<String> parts = new ArrayList<>();
        List<String> unseen = new ArrayList<>();
        counts.forEach((family, n) -> {
            parts.add(Html.escape(family) + " " + n[0] + " training, " + n[1] + " held out");
            if (n[0] == 0) {
                unseen.add(Html.escape(family));
            }
        });
        return String.join("; ", parts) + ". " + (unseen.isEmpty() ? "Every held-out family also trained Ψ."
                : "Ψ never learned from " + String.join(", ", unseen) + ".");
    }

    /** Whether the trials ran with pinned kernels, from the variables they ran with. */
    private static String kernels(RunEnvironment environment) {
        List<String> pins = new ArrayList<>();
        environment.pinning().forEach((name, value) -> {
            if (value != null && KernelPinning.PINS.containsKey(name)) {
                pins.add(name + "=" + value);
            }
        });
        if (pins.size() < KernelPinning.PINS.size()) {
            return "not pinned (" + (pins.isEmpty() ? "none of the pinning variables was set"
                    : Html.escape(String.join(", ", pins))) + "), so libtorch, MKL and oneDNN chose by this CPU: another CPU may give other numbers.";
        }
        return "pinned (" + Html.escape(String.join(", ", pins)) + "), so the numbers do not depend on the CPU's "
                + "vector extensions.";
    }
}
