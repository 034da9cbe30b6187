package dev.psi.lab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.psi.lab.study.MethodResult;
import dev.psi.lab.study.StudyResults;

/** {@code results.json}: the numbers of the results table for programs, with ∞ and NaN written as null. */
final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /** The document for {@code results}. */
    static String of(StudyResults results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("study", results.name());
        ArrayNode tasks = root.putArray("tasks");
        results.heldOutTasks().forEach(tasks::add);
        ArrayNode rows = root.putArray("results");
        for (MethodResult r : results.results()) {
            ObjectNode row = rows.addObject();
            row.put("task", r.task());
            row.put("method", r.method());
            row.put("seeds", r.seeds());
            number(row, "median_steps_to_target", r.medianStepsToTarget());
            number(row, "median_seconds_to_target", r.medianSecondsToTarget());
            number(row, "reliability", r.reliability().fraction());
            number(row, "best_val_accuracy", r.bestValAccuracy());
            row.put("tuning_trials", r.tuning().trials());
        }
        ObjectNode psi = root.putObject("psi");
        if (results.formula() == null) {
            psi.putNull("formula");
            psi.putNull(PsiSection.LOTO);
        } else {
            psi.put("formula", results.formula().describe());
            number(psi, PsiSection.LOTO, results.formula().fit().metrics().getOrDefault(PsiSection.LOTO, Double.NaN));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of plain values", e);
        }
    }

    /** JSON has no ∞ or NaN: both become null, which readers take as "no finite value". */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
