package dev.psi.lab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.psi.core.psi.Expression;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.ParetoPoint;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiModel;
import dev.psi.core.spec.SpecException;
import dev.psi.train.document.Document;
import dev.psi.train.document.Fields;
import dev.psi.train.document.Wording;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of a {@link PsiModel} in the form {@link PsiModelFile} describes: the document's
 * {@link Fields} check the types and field names, this class the model's own rules (the format, one kind's
 * fields, a range per feature, arrays of matching sizes). Every problem is one line naming the file and the
 * field, e.g. {@code model file psi.json: feature_ranges is missing}.
 */
final class PsiModelReader {

    private static final String FORMULA = "formula";
    private static final String NETWORK = "network";
    private static final List<String> TOP_FIELDS = List.of("format", "kind", "features", FORMULA, NETWORK, "lr_range",
            "feature_ranges", "metrics", "studies", "tasks", "pareto");

    private final Document document;

    private PsiModelReader(Document document) {
        this.document = document;
    }

    /**
     * The model in {@code json}.
     *
     * @param source names the text's origin in error messages, e.g. the file name
     * @throws SpecException if the text is not a valid model
     */
    static PsiModel read(String json, String source) {
        Document document = Document.parse(json, true, "model file " + source, Wording.JSON);
        if (document.isEmpty()) {
            throw new SpecException(document.name() + " is empty");
        }
        return new PsiModelReader(document).model(document.root());
    }

    private PsiModel model(JsonNode root) {
        Fields top = document.mapping(root, "", "must be a JSON object");
        top.allow(null, TOP_FIELDS);
        String format = top.string("format");
        if (!PsiModelFile.FORMAT.equals(format)) {
            throw top.error("format", "'" + format + "' is not supported; this version reads " + PsiModelFile.FORMAT);
        }
        String kind = top.string("kind");
        if (!kind.equals(FORMULA) && !kind.equals(NETWORK)) {
            throw top.error("kind", "'" + kind + "' is not valid; valid: formula, network");
        }
        String other = kind.equals(FORMULA) ? NETWORK : FORMULA;
        if (top.has(other)) {
            throw top.error(other, "is not part of a " + kind + " model");
        }
        List<PsiFeature> features = features(top);
        FitInfo fit = fit(top, features);
        try {
            return kind.equals(FORMULA) ? new FormulaModel(formula(top, FORMULA), features, fit)
                    : network(top.get(NETWORK), features, fit);
        } catch (IllegalArgumentException e) {
            throw e instanceof SpecException ? e : document.error("", e.getMessage());
        }
    }

    private List<PsiFeature> features(Fields top) {
        JsonNode array = top.array("features");
        List<PsiFeature> features = new ArrayList<>();
        for (int k = 0; k < array.size(); k++) {
            features.add(feature(array.get(k), "features[" + k + "]"));
        }
        if (features.isEmpty()) {
            throw top.error("features", "is empty; name at least one of " + PsiFeature.words());
        }
        return features;
    }

    private PsiFeature feature(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw document.error(path, "must be a feature name, got " + document.describe(node));
        }
        try {
            return PsiFeature.ofWord(node.asText());
        } catch (SpecException e) {
            throw document.nested(path, e.getMessage());
        }
    }

    private FitInfo fit(Fields top, List<PsiFeature> features) {
        double[] lrRange = pair(top.require("lr_range"), "lr_range");
        JsonNode rangesNode = top.require("feature_ranges");
        if (!rangesNode.isObject()) {
            throw top.error("feature_ranges", "must be an object of [min, max] by feature");
        }
        Map<PsiFeature, double[]> ranges = new EnumMap<>(PsiFeature.class);
        for (Map.Entry<String, JsonNode> entry : rangesNode.properties()) {
            String path = "feature_ranges." + entry.getKey();
            PsiFeature feature = feature(JsonNodeFactory.instance.textNode(entry.getKey()), path);
            if (!features.contains(feature)) {
                throw document.error(path, "is not among the features " + words(features));
            }
            ranges.put(feature, pair(entry.getValue(), path));
        }
        for (PsiFeature feature : features) {
            if (!ranges.containsKey(feature)) {
                throw top.error("feature_ranges", "has no range for " + feature.word());
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode metricsNode = top.get("metrics");
        if (metricsNode != null) {
            if (!metricsNode.isObject()) {
                throw top.error("metrics", "must be an object of numbers by name");
            }
            for (Map.Entry<String, JsonNode> entry : metricsNode.properties()) {
                metrics.put(entry.getKey(), document.numberOrNull(entry.getValue(), "metrics." + entry.getKey()));
            }
        }
        List<ParetoPoint> pareto = new ArrayList<>();
        if (top.has("pareto")) {
            JsonNode array = top.array("pareto");
            for (int k = 0; k < array.size(); k++) {
                pareto.add(paretoPoint(array.get(k), "pareto[" + k + "]"));
            }
        }
        try {
            return new FitInfo(lrRange[0], lrRange[1], ranges, metrics, top.strings("studies"), top.strings("tasks"),
                    pareto);
        } catch (IllegalArgumentException e) {
            throw document.error("", e.getMessage());
        }
    }

    private ParetoPoint paretoPoint(JsonNode node, String path) {
        Fields point = document.mapping(node, path + ".",
                path + " must be an object {\"size\": .., \"error\": .., \"formula\": ..}");
        point.allow(null, List.of("size", "error", FORMULA));
        JsonNode size = point.require("size");
        if (!size.canConvertToInt() || !size.isIntegralNumber() || size.asInt() < 1) {
            throw point.error("size", "must be a whole number >= 1, got " + document.describe(size));
        }
        return new ParetoPoint(size.asInt(), point.numberOrNull("error"), formula(point, FORMULA));
    }

    private Expression formula(Fields fields, String key) {
        JsonNode node = fields.require(key);
        if (!node.isTextual()) {
            throw fields.error(key, "must be a formula in a string, got " + document.describe(node));
        }
        try {
            return Expression.parse(node.asText());
        } catch (SpecException e) {
            throw fields.nested(key, e.getMessage());
        }
    }

    private NetworkModel network(JsonNode node, List<PsiFeature> features, FitInfo fit) {
        if (node == null) {
            throw document.error(NETWORK, "is missing; a network model needs network: {mean, std, members}");
        }
        Fields network = document.mapping(node, "network.",
                "network must be an object {\"mean\": .., \"std\": .., \"members\": ..}");
        network.allow(null, List.of("mean", "std", "members"));
        double[] mean = network.numbers("mean");
        double[] std = network.numbers("std");
        if (mean.length != features.size() || std.length != features.size()) {
            throw document.error(NETWORK, "mean and std need one value per feature (" + features.size() + "), got "
                    + mean.length + " and " + std.length);
        }
        JsonNode membersNode = network.array("members");
        List<NetworkModel.Member> members = new ArrayList<>();
        for (int m = 0; m < membersNode.size(); m++) {
            members.add(member(membersNode.get(m), "network.members[" + m + "]"));
        }
        return new NetworkModel(features, mean, std, members, fit);
    }

    private NetworkModel.Member member(JsonNode node, String path) {
        Fields member = document.mapping(node, path + ".", path + " must be an object {\"layers\": [..]}");
        member.allow(null, List.of("layers"));
        JsonNode layersNode = member.array("layers");
        List<NetworkModel.Layer> layers = new ArrayList<>();
        for (int l = 0; l < layersNode.size(); l++) {
            layers.add(layer(layersNode.get(l), path + ".layers[" + l + "]"));
        }
        try {
            return new NetworkModel.Member(layers);
        } catch (IllegalArgumentException e) {
            throw document.nested(path, e.getMessage());
        }
    }

    private NetworkModel.Layer layer(JsonNode node, String path) {
        Fields layer = document.mapping(node, path + ".",
                path + " must be an object {\"weights\": [[..]], \"bias\": [..], \"activation\": ..}");
        layer.allow(null, List.of("weights", "bias", "activation"));
        JsonNode weightsNode = layer.array("weights");
        double[][] weights = new double[weightsNode.size()][];
        for (int out = 0; out < weights.length; out++) {
            weights[out] = document.numbers(weightsNode.get(out), path + ".weights[" + out + "]");
        }
        double[] bias = layer.numbers("bias");
        NetworkModel.Activation activation;
        try {
            activation = NetworkModel.Activation.ofWord(layer.string("activation"));
        } catch (SpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw layer.nested("activation", e.getMessage());
        }
        try {
            return new NetworkModel.Layer(weights, bias, activation);
        } catch (IllegalArgumentException e) {
            throw document.nested(path, e.getMessage());
        }
    }

    private double[] pair(JsonNode node, String path) {
        double[] pair = document.numbers(node, path);
        if (pair.length != 2) {
            throw document.error(path, "must be [min, max], got " + pair.length
                    + (pair.length == 1 ? " value" : " values"));
        }
        return pair;
    }

    private static String words(List<PsiFeature> features) {
        List<String> words = new ArrayList<>();
        features.forEach(feature -> words.add(feature.word()));
        return String.join(", ", words);
    }
}
