package dev.psi.lab.report;

import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.StudyResults;
import java.util.ArrayList;
import java.util.List;

/** Section 2: every method on every held-out task, the three criteria and the tuning cost. */
final class ResultsSection {

    static final List<String> HEADER = List.of("task", "method", "seeds", "median steps to target",
            "steps 95% CI", "median seconds to target", "test accuracy", "final test loss", "best val accuracy",
            "final val loss", "reliability",
            "tuning trials", "tuning epochs", "tuning seconds");

    private ResultsSection() {
    }

    static Section of(StudyResults results) {
        List<List<String>> rows = new ArrayList<>();
        for (String task : results.heldOutTasks()) {
            for (MethodResult r : results.results()) {
                if (r.task().equals(task)) {
                    rows.add(List.of(r.task(), r.method(), Integer.toString(r.seeds()),
                            Format.steps(r.medianStepsToTarget()), Format.steps(r.medianStepsInterval()),
                            Format.seconds(r.medianSecondsToTarget()), Format.fixed(r.test().accuracy(), 4),
                            Format.general(r.test().finalLoss()), Format.fixed(r.bestValAccuracy(), 4),
                            Format.general(r.finalValLoss()), Format.reliability(r.reliability()),
                            Long.toString(r.tuning().trials()), Long.toString(r.tuning().epochs()),
                            Format.seconds(r.tuning().seconds())));
                }
            }
        }
        Table table = new Table("results.csv", HEADER, rows);
        StringBuilder targets = new StringBuilder("<p>Targets:</p>\n<ul>\n");
        for (String task : results.heldOutTasks()) {
            var target = results.targets().get(task);
            targets.append("<li>").append(Html.escape(task)).append(": ").append(target.metric().word())
                    .append(' ').append(target.metric().higherIsBetter() ? "≥ " : "≤ ")
                    .append(Format.general(target.value())).append(", ")
                    .append(Html.escape(results.targetOrigins().getOrDefault(task, "")))
                    .append("</li>\n");
        }
        targets.append("</ul>\n");
        String html = targets + "<p>Test accuracy is measured on the task's test part, which nothing in the study "
                + "chose on, at each seed's best validation epoch; validation columns are what the choices were made "
                + "on. Medians over seeds; the steps interval is a bootstrap 95 % interval of the median, the "
                + "reliability interval a Wilson 95 % interval. A method that never reached the target within the "
                + "budget shows “" + Format.NOT_REACHED + "”. Tuning is what the method spent on the task before "
                + "the reported runs.</p>\n" + table.toHtml();
        return new Section("results", "Results on the held-out tasks", html, List.of(table));
    }
}
