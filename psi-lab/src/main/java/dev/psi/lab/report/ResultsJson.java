package dev.psi.lab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.psi.core.criteria.ScoreDifference;
import dev.psi.core.criteria.TuningCost;
import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.StudyResults;
import dev.psi.train.engine.RunEnvironment;
import java.util.List;

/**
 * {@code results.json}: the verdict and the numbers of the results table for programs, with ∞ and NaN
 * written as null, and the {@code environment} they were computed in. Each row also holds every seed's steps to
 * target, from which the verdict's paired bootstrap can be recomputed. Wall-clock fields ({@code seconds},
 * {@code *_seconds*}) and {@code environment} are the only ones that may differ between two runs of the same
 * study.
 */
final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /** The document for {@code results}, whose verdict is {@code verdict}, computed in {@code environment}. */
    static String of(StudyResults results, Scoreboard board, Verdict verdict, RunEnvironment environment) {
        ObjectNode root = JSON.createObjectNode();
        root.put("study", results.name());
        verdict(root.putObject("verdict"), verdict);
        ablation(root.putObject("ablation"), board);
        ArrayNode tasks = root.putArray("tasks");
        results.heldOutTasks().forEach(tasks::add);
        // The held-out tasks as the study names them: the maps have no order. Only they have targets.
        ObjectNode targets = root.putObject("targets");
        ObjectNode calibration = root.putObject("calibration");
        for (String task : results.heldOutTasks()) {
            ObjectNode target = targets.putObject(task);
            target.put("metric", results.targets().get(task).metric().word());
            number(target, "value", results.targets().get(task).value());
            target.put("set_by", results.targetOrigins().get(task));
            if (results.calibration().containsKey(task)) {
                cost(calibration.putObject(task), results.calibration().get(task));
            }
        }
        ArrayNode rows = root.putArray("results");
        for (MethodResult r : results.results()) {
            ObjectNode row = rows.addObject();
            row.put("task", r.task());
            row.put("method", r.method());
            row.put("seeds", r.seeds());
            ArrayNode steps = row.putArray("steps_to_target");
            r.stepsToTarget().forEach(t -> number(steps, t));
            number(row, "median_steps_to_target", r.medianStepsToTarget());
            number(row, "median_seconds_to_target", r.medianSecondsToTarget());
            number(row, "reliability", r.reliability().fraction());
            number(row, "test_accuracy", r.test().accuracy());
            number(row, "final_test_loss", r.test().finalLoss());
            number(row, "best_val_accuracy", r.bestValAccuracy());
            row.put("tuning_trials", r.tuning().trials());
            row.put("tuning_epochs", r.tuning().epochs());
            number(row, "tuning_seconds", r.tuning().seconds());
        }
        ObjectNode psi = root.putObject("psi");
        cost(psi.putObject("cost"), results.psiCost() == null ? TuningCost.ZERO : results.psiCost());
        if (results.formula() == null) {
            psi.putNull("formula");
            psi.putNull(PsiSection.LOTO);
            psi.putNull(PsiSection.LOFO);
            psi.putNull(PsiSection.LOFO_SHAPE);
        } else {
            psi.put("formula", results.formula().describe());
            number(psi, PsiSection.LOTO, results.formula().fit().metrics().getOrDefault(PsiSection.LOTO, Double.NaN));
            number(psi, PsiSection.LOFO, results.formula().fit().metrics().getOrDefault(PsiSection.LOFO, Double.NaN));
            number(psi, PsiSection.LOFO_SHAPE,
                    results.formula().fit().metrics().getOrDefault(PsiSection.LOFO_SHAPE, Double.NaN));
        }
        ObjectNode grid = root.putObject("grid");
        ObjectNode scales = grid.putObject("calibrated_scales");
        results.grid().scales().forEach((method, scale) -> number(scales, method, scale));
        ArrayNode list = grid.putArray("learned_list");
        results.grid().list().forEach(list::add);
        cost(grid.putObject("cost"), results.grid().cost());
        environment(root.putObject("environment"), environment);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of plain values", e);
        }
    }

    /**
     * The ablation's two answers, for the formula and the network: whether the loss helps, Ψ(ε, i) − Ψ(i), and
     * whether a range test's scale helps, relative Ψ(ε, i) − Ψ(ε, i); each the difference of the performance-profile
     * scores and its paired bootstrap interval, null where either row is missing.
     */
    private static void ablation(ObjectNode node, Scoreboard board) {
        for (String kind : List.of("formula", "network")) {
            difference(node.putObject("loss_helps_" + kind), board, "psi-" + kind, "psi-epoch-" + kind);
            difference(node.putObject("scale_helps_" + kind), board, "psi-relative-" + kind, "psi-" + kind);
        }
    }

    private static void difference(ObjectNode node, Scoreboard board, String method, String baseline) {
        var d = board.difference(method, baseline);
        number(node, "difference", d.map(ScoreDifference::difference).orElse(Double.NaN));
        number(node, "ci_low", d.map(x -> x.interval().lower()).orElse(Double.NaN));
        number(node, "ci_high", d.map(x -> x.interval().upper()).orElse(Double.NaN));
    }

    /** The verdict's answer and numbers; the numbers are null when there was nothing to compare. */
    private static void verdict(ObjectNode node, Verdict verdict) {
        node.put("answer", verdict.outcome().word());
        node.put("psi_method", Scoreboard.PSI_FORMULA);
        node.put("best_alternative", verdict.bestAlternative());
        ScoreDifference d = verdict.comparison();
        number(node, "score", d == null ? Double.NaN : d.score());
        number(node, "alternative_score", d == null ? Double.NaN : d.alternativeScore());
        number(node, "difference", d == null ? Double.NaN : d.difference());
        number(node, "ci_low", d == null ? Double.NaN : d.interval().lower());
        number(node, "ci_high", d == null ? Double.NaN : d.interval().upper());
        ObjectNode anyCost = node.putObject("at_any_cost");
        MethodSummary tuned = verdict.bestAtAnyCost();
        ScoreDifference a = verdict.anyCostComparison();
        // Null when the best alternative at equal or lower tuning cost is also the best at any cost.
        anyCost.put("best_alternative", tuned == null ? null : tuned.method());
        number(anyCost, "alternative_score", tuned == null ? Double.NaN : tuned.score());
        number(anyCost, "trials_per_task", tuned == null ? Double.NaN : tuned.trialsPerTask());
        number(anyCost, "difference", a == null ? Double.NaN : a.difference());
        number(anyCost, "ci_low", a == null ? Double.NaN : a.interval().lower());
        number(anyCost, "ci_high", a == null ? Double.NaN : a.interval().upper());
    }

    private static void environment(ObjectNode node, RunEnvironment env) {
        ObjectNode cpu = node.putObject("cpu");
        cpu.put("model", env.cpuModel());
        cpu.put("vendor", env.cpuVendor());
        cpu.put("vector_isa", env.vectorIsa());
        cpu.put("flags", env.cpuFlags());
        node.put("available_processors", env.availableProcessors());
        node.put("threads_per_trial", env.threadsPerTrial());
        if (env.workers() == null) {
            node.putNull("workers");
        } else {
            node.put("workers", env.workers());
        }
        node.put("java", env.javaVersion());
        node.put("jvm", env.javaVm());
        node.put("djl", env.djlVersion());
        node.put("pytorch", env.torchVersion());
        node.put("os", env.os());
        ObjectNode pinning = node.putObject("pinning");
        env.pinning().forEach(pinning::put);
    }

    private static void cost(ObjectNode node, TuningCost cost) {
        node.put("trials", cost.trials());
        node.put("epochs", cost.epochs());
        number(node, "seconds", cost.seconds());
    }

    /** JSON has no ∞ or NaN: both become null, which readers take as "no finite value". */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    /** As {@link #number(ObjectNode, String, double)}, for an element of an array. */
    private static void number(ArrayNode array, double value) {
        if (Double.isFinite(value)) {
            array.add(value);
        } else {
            array.addNull();
        }
    }
}
