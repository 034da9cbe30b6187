package dev.psi.lab.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.psi.core.psi.Expression;
import dev.psi.core.psi.FitInfo;
import dev.psi.core.psi.FormulaModel;
import dev.psi.core.psi.NetworkModel;
import dev.psi.core.psi.ParetoPoint;
import dev.psi.core.psi.PsiFeature;
import dev.psi.core.psi.PsiModel;
import dev.psi.core.spec.SpecException;
import dev.psi.store.FileFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a {@link PsiModel} as a JSON file, the form in which the lab hands a fitted Ψ to the
 * {@code Psi(model=FILE)} controller and to people:
 * <pre>
 * {
 *   "format": "psi-model/1",
 *   "kind": "formula",                              formula | network
 *   "features": ["loss_ratio", "epoch"],            the inputs, in order
 *   "formula": "0.3*loss_ratio^0.5*(1 + epoch)^-0.2",     formula kind: gives α
 *   "network": {"mean": [..], "std": [..],               network kind: gives ln α
 *               "members": [{"layers": [{"weights": [[..]], "bias": [..], "activation": "tanh"}]}]},
 *   "lr_range": [min, max],                         the α the fit saw
 *   "feature_ranges": {"loss_ratio": [min, max], "epoch": [min, max]},   one per feature
 *   "metrics": {"loto_rmse_log_lr": 0.3, "r2": 0.8},       optional; null for an undefined score
 *   "studies": ["s1"], "tasks": ["fmnist-mlp"],            optional
 *   "pareto": [{"size": 7, "error": 0.31, "formula": ".."}]   optional
 * }
 * </pre>
 * Network weights are {@code [out][in]}: one row per output of a layer. Numbers are written so that
 * reading them gives back the same doubles: a file read back is {@link Object#equals equal} to the
 * model written.
 *
 * <p>Every problem — a missing or unreadable file, malformed JSON, an unknown or missing field, an
 * unknown format, kind, feature or activation, a malformed formula, arrays of the wrong size — is a
 * {@link SpecException} with one line that names the file and the field.
 */
public final class PsiModelFile {

    /** The value of {@code format} this class reads and writes. */
    public static final String FORMAT = "psi-model/1";

    private static final String FORMULA = "formula";
    private static final String NETWORK = "network";
    private static final List<String> TOP_FIELDS = List.of("format", "kind", "features", FORMULA, NETWORK, "lr_range",
            "feature_ranges", "metrics", "studies", "tasks", "pareto");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** Arrays on one line: a weight matrix reads as rows instead of one number per line. */
    private static final DefaultPrettyPrinter PRETTY =
            new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;

    private PsiModelFile(String source) {
        this.source = source;
    }

    /**
     * Reads the model in {@code file}.
     *
     * @throws SpecException if the file is missing, unreadable or not a valid model; the one-line
     *     message names the file and the problem
     */
    public static PsiModel read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException("model file " + file + " not found");
        } catch (MalformedInputException e) {
            throw new SpecException("model file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new SpecException("model file " + file + " cannot be read: " + e.getMessage());
        }
        return fromJson(text, file.toString());
    }

    /**
     * Reads a model from its JSON text, e.g. as kept in the store.
     *
     * @param source names the text's origin in error messages, e.g. the file name
     * @throws SpecException if the text is not a valid model
     */
    public static PsiModel fromJson(String json, String source) {
        return new PsiModelFile(source).model(json);
    }

    /**
     * Writes {@code model} to {@code file}, creating its folder if needed.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, PsiModel model) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model file " + file + ": " + FileFailures.describe(e), e);
        }
    }

    /** The model's JSON text, as {@link #write} puts it in a file (ending with a newline). */
    public static String toJson(PsiModel model) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
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

    private PsiModel model(String json) {
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw error("", "must be a JSON object");
        }
        allow(root, "", TOP_FIELDS);
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw error("format", "'" + format + "' is not supported; this version reads " + FORMAT);
        }
        String kind = text(root, "kind");
        if (!kind.equals(FORMULA) && !kind.equals(NETWORK)) {
            throw error("kind", "'" + kind + "' is not valid; valid: formula, network");
        }
        String other = kind.equals(FORMULA) ? NETWORK : FORMULA;
        if (root.has(other)) {
            throw error(other, "is not part of a " + kind + " model");
        }
        List<PsiFeature> features = features(root);
        FitInfo fit = fit(root, features);
        try {
            return kind.equals(FORMULA) ? new FormulaModel(formula(root, FORMULA), features, fit)
                    : network(root.get(NETWORK), features, fit);
        } catch (IllegalArgumentException e) {
            throw e instanceof SpecException ? e : error("", e.getMessage());
        }
    }

    private JsonNode parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw new SpecException("model file " + source + ": malformed JSON" + where + ": "
                    + firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new SpecException("model file " + source + " is empty");
        }
        return root;
    }

    private List<PsiFeature> features(JsonNode root) {
        JsonNode array = array(root, "features", "features");
        List<PsiFeature> features = new ArrayList<>();
        for (int k = 0; k < array.size(); k++) {
            features.add(feature(array.get(k), "features[" + k + "]"));
        }
        if (features.isEmpty()) {
            throw error("features", "is empty; name at least one of " + PsiFeature.words());
        }
        return features;
    }

    private PsiFeature feature(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw error(field, "must be a feature name, got " + node);
        }
        try {
            return PsiFeature.ofWord(node.asText());
        } catch (SpecException e) {
            throw nested(field, e.getMessage());
        }
    }

    private FitInfo fit(JsonNode root, List<PsiFeature> features) {
        double[] lrRange = pair(required(root, "lr_range", "lr_range"), "lr_range");
        JsonNode rangesNode = required(root, "feature_ranges", "feature_ranges");
        if (!rangesNode.isObject()) {
            throw error("feature_ranges", "must be an object of [min, max] by feature");
        }
        Map<PsiFeature, double[]> ranges = new EnumMap<>(PsiFeature.class);
        for (Map.Entry<String, JsonNode> entry : rangesNode.properties()) {
            String field = "feature_ranges." + entry.getKey();
            PsiFeature feature = feature(NODES.textNode(entry.getKey()), field);
            if (!features.contains(feature)) {
                throw error(field, "is not among the features " + words(features));
            }
            ranges.put(feature, pair(entry.getValue(), field));
        }
        for (PsiFeature feature : features) {
            if (!ranges.containsKey(feature)) {
                throw error("feature_ranges", "has no range for " + feature.word());
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode metricsNode = root.get("metrics");
        if (metricsNode != null) {
            if (!metricsNode.isObject()) {
                throw error("metrics", "must be an object of numbers by name");
            }
            for (Map.Entry<String, JsonNode> entry : metricsNode.properties()) {
                metrics.put(entry.getKey(), numberOrNull(entry.getValue(), "metrics." + entry.getKey()));
            }
        }
        List<ParetoPoint> pareto = new ArrayList<>();
        JsonNode paretoNode = root.get("pareto");
        if (paretoNode != null) {
            JsonNode array = array(root, "pareto", "pareto");
            for (int k = 0; k < array.size(); k++) {
                pareto.add(paretoPoint(array.get(k), "pareto[" + k + "]"));
            }
        }
        try {
            return new FitInfo(lrRange[0], lrRange[1], ranges, metrics, texts(root, "studies"), texts(root, "tasks"),
                    pareto);
        } catch (IllegalArgumentException e) {
            throw error("", e.getMessage());
        }
    }

    private ParetoPoint paretoPoint(JsonNode node, String field) {
        if (!node.isObject()) {
            throw error(field, "must be an object {\"size\": .., \"error\": .., \"formula\": ..}");
        }
        allow(node, field + ".", List.of("size", "error", FORMULA));
        JsonNode size = required(node, "size", field + ".size");
        if (!size.canConvertToInt() || !size.isIntegralNumber() || size.asInt() < 1) {
            throw error(field + ".size", "must be a whole number >= 1, got " + size);
        }
        double error = numberOrNull(required(node, "error", field + ".error"), field + ".error");
        return new ParetoPoint(size.asInt(), error, formula(node, field + "." + FORMULA, FORMULA));
    }

    private Expression formula(JsonNode root, String field) {
        return formula(root, field, field);
    }

    private Expression formula(JsonNode object, String field, String key) {
        JsonNode node = required(object, key, field);
        if (!node.isTextual()) {
            throw error(field, "must be a formula in a string, got " + node);
        }
        try {
            return Expression.parse(node.asText());
        } catch (SpecException e) {
            throw nested(field, e.getMessage());
        }
    }

    private NetworkModel network(JsonNode node, List<PsiFeature> features, FitInfo fit) {
        String field = NETWORK;
        if (node == null) {
            throw error(field, "is missing; a network model needs network: {mean, std, members}");
        }
        if (!node.isObject()) {
            throw error(field, "must be an object {\"mean\": .., \"std\": .., \"members\": ..}");
        }
        allow(node, "network.", List.of("mean", "std", "members"));
        double[] mean = vector(required(node, "mean", "network.mean"), "network.mean");
        double[] std = vector(required(node, "std", "network.std"), "network.std");
        if (mean.length != features.size() || std.length != features.size()) {
            throw error("network", "mean and std need one value per feature (" + features.size() + "), got "
                    + mean.length + " and " + std.length);
        }
        JsonNode membersNode = array(node, "members", "network.members");
        List<NetworkModel.Member> members = new ArrayList<>();
        for (int m = 0; m < membersNode.size(); m++) {
            members.add(member(membersNode.get(m), "network.members[" + m + "]"));
        }
        return new NetworkModel(features, mean, std, members, fit);
    }

    private NetworkModel.Member member(JsonNode node, String field) {
        if (!node.isObject()) {
            throw error(field, "must be an object {\"layers\": [..]}");
        }
        allow(node, field + ".", List.of("layers"));
        JsonNode layersNode = array(node, "layers", field + ".layers");
        List<NetworkModel.Layer> layers = new ArrayList<>();
        for (int l = 0; l < layersNode.size(); l++) {
            layers.add(layer(layersNode.get(l), field + ".layers[" + l + "]"));
        }
        try {
            return new NetworkModel.Member(layers);
        } catch (IllegalArgumentException e) {
            throw nested(field, e.getMessage());
        }
    }

    private NetworkModel.Layer layer(JsonNode node, String field) {
        if (!node.isObject()) {
            throw error(field, "must be an object {\"weights\": [[..]], \"bias\": [..], \"activation\": ..}");
        }
        allow(node, field + ".", List.of("weights", "bias", "activation"));
        JsonNode weightsNode = array(node, "weights", field + ".weights");
        double[][] weights = new double[weightsNode.size()][];
        for (int out = 0; out < weights.length; out++) {
            weights[out] = vector(weightsNode.get(out), field + ".weights[" + out + "]");
        }
        double[] bias = vector(required(node, "bias", field + ".bias"), field + ".bias");
        String activationField = field + ".activation";
        NetworkModel.Activation activation;
        try {
            activation = NetworkModel.Activation.ofWord(text(node, "activation", activationField));
        } catch (SpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw nested(activationField, e.getMessage());
        }
        try {
            return new NetworkModel.Layer(weights, bias, activation);
        } catch (IllegalArgumentException e) {
            throw nested(field, e.getMessage());
        }
    }

    private double[] pair(JsonNode node, String field) {
        double[] pair = vector(node, field);
        if (pair.length != 2) {
            throw error(field, "must be [min, max], got " + pair.length + (pair.length == 1 ? " value" : " values"));
        }
        return pair;
    }

    private double[] vector(JsonNode node, String field) {
        if (!node.isArray()) {
            throw error(field, "must be an array of numbers, got " + node);
        }
        double[] values = new double[node.size()];
        for (int k = 0; k < values.length; k++) {
            JsonNode item = node.get(k);
            if (!item.isNumber()) {
                throw error(field, "item " + k + " must be a number, got " + item);
            }
            values[k] = item.doubleValue();
        }
        return values;
    }

    private double numberOrNull(JsonNode node, String field) {
        if (node.isNull()) {
            return Double.NaN;
        }
        if (!node.isNumber()) {
            throw error(field, "must be a number or null, got " + node);
        }
        return node.doubleValue();
    }

    private List<String> texts(JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null) {
            return List.of();
        }
        JsonNode array = array(root, key, key);
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < array.size(); k++) {
            if (!array.get(k).isTextual()) {
                throw error(key + "[" + k + "]", "must be a string, got " + array.get(k));
            }
            texts.add(array.get(k).asText());
        }
        return texts;
    }

    private String text(JsonNode object, String key) {
        return text(object, key, key);
    }

    private String text(JsonNode object, String key, String field) {
        JsonNode node = required(object, key, field);
        if (!node.isTextual()) {
            throw error(field, "must be a string, got " + node);
        }
        return node.asText();
    }

    private JsonNode array(JsonNode object, String key, String field) {
        JsonNode node = required(object, key, field);
        if (!node.isArray()) {
            throw error(field, "must be an array, got " + node);
        }
        return node;
    }

    private JsonNode required(JsonNode object, String key, String field) {
        JsonNode node = object.get(key);
        if (node == null) {
            throw error(field, "is missing");
        }
        return node;
    }

    private void allow(JsonNode object, String prefix, List<String> fields) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.contains(name)) {
                throw error(prefix + name, "is not a field here; valid: " + String.join(", ", fields));
            }
        }
    }

    private static String words(List<PsiFeature> features) {
        List<String> words = new ArrayList<>();
        features.forEach(feature -> words.add(feature.word()));
        return String.join(", ", words);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown problem";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** A problem stated as a sentence about the field: {@code lr_range is missing}. */
    private SpecException error(String field, String problem) {
        return new SpecException("model file " + source + ": " + (field.isEmpty() ? "" : field + " ") + problem);
    }

    /** A problem another part reported in its own words, placed at the field: {@code features[1]: unknown ...}. */
    private SpecException nested(String field, String message) {
        return new SpecException("model file " + source + ": " + field + ": " + message);
    }
}
