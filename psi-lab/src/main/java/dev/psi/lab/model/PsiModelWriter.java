package dev.psi.lab.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.ParetoPoint;
import dev.psi.core.psi.PsiModel;

/**
 * Writes a {@link PsiModel} as the JSON {@link PsiModelFile} describes. Numbers are written so that reading
 * them gives back the same doubles; arrays stay on one line, so that a weight matrix reads as rows.
 */
final class PsiModelWriter {

    private static final String FORMULA = "formula";
    private static final String NETWORK = "network";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Arrays on one line: a weight matrix reads as rows instead of one number per line. */
    private static final DefaultPrettyPrinter PRETTY =
            new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PsiModelWriter() {
    }

    /** The model's JSON text, ending with a newline. */
    static String toJson(PsiModel model) {
        ObjectNode root = NODES.objectNode();
        root.put("format", PsiModelFile.FORMAT);
        root.put("kind", model.kind());
        ArrayNode features = root.putArray("features");
        model.features().forEach(feature -> features.add(feature.word()));
        if (model instanceof FormulaModel formula) {
            root.put(FORMULA, formula.formula().toString());
        } else {
            root.set(NETWORK, network((NetworkModel) model));
        }
        FitInfo fit = model.fit();
        root.set("lr_range", numbers(fit.minLr(), fit.maxLr()));
        ObjectNode ranges = root.putObject("feature_ranges");
        model.features().forEach(feature -> ranges.set(feature.word(), numbers(fit.low(feature), fit.high(feature))));
        ObjectNode metrics = root.putObject("metrics");
        fit.metrics().forEach((name, value) -> metrics.set(name, number(value)));
        ArrayNode studies = root.putArray("studies");
        fit.studies().forEach(studies::add);
        ArrayNode tasks = root.putArray("tasks");
        fit.tasks().forEach(tasks::add);
        if (!fit.pareto().isEmpty()) {
            ArrayNode pareto = root.putArray("pareto");
            for (ParetoPoint point : fit.pareto()) {
                ObjectNode entry = pareto.addObject();
                entry.put("size", point.size());
                entry.set("error", number(point.error()));
                entry.put(FORMULA, point.formula().toString());
            }
        }
        try {
            return JSON.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }

    private static ObjectNode network(NetworkModel model) {
        ObjectNode network = NODES.objectNode();
        network.set("mean", numbers(model.mean()));
        network.set("std", numbers(model.std()));
        ArrayNode members = network.putArray("members");
        for (NetworkModel.Member member : model.members()) {
            ArrayNode layers = members.addObject().putArray("layers");
            for (NetworkModel.Layer layer : member.layers()) {
                ObjectNode entry = layers.addObject();
                ArrayNode weights = entry.putArray("weights");
                for (double[] row : layer.weights()) {
                    weights.add(numbers(row));
                }
                entry.set("bias", numbers(layer.bias()));
                entry.put("activation", layer.activation().word());
            }
        }
        return network;
    }

    private static ArrayNode numbers(double... values) {
        ArrayNode array = NODES.arrayNode(values.length);
        for (double value : values) {
            array.add(value);
        }
        return array;
    }

    /** JSON has no NaN: an undefined score is written as {@code null}. */
    private static JsonNode number(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.nullNode();
    }
}
