package dev.psi.train.document;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A JSON or YAML file parsed into a tree, and the one place that turns what is wrong with it into a
 * {@link SpecException} of one line naming the document and the field. Readers of task specs, suites and Ψ
 * model files walk the tree through {@link #mapping} and {@link Fields}, which check types, ranges and field
 * names; Jackson's and SnakeYAML's own exceptions never reach their callers.
 *
 * <p>Duplicate keys are errors: a second {@code epochs:} would otherwise silently win.
 */
public final class Document {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String name;
    private final Wording wording;
    private final JsonNode root;

    private Document(String name, Wording wording, JsonNode root) {
        this.name = name;
        this.wording = wording;
        this.root = root;
    }

    /**
     * Reads and parses {@code file}: JSON if its name ends with {@code .json}, else YAML.
     *
     * @param kind what the file is, for messages about the file itself, e.g. {@code task spec file}
     * @param name how messages about its content name it, e.g. the path
     * @throws DataException if the file is missing, not a regular file, unreadable or not UTF-8
     * @throws SpecException if it is not well-formed
     */
    public static Document read(Path file, String kind, String name, Wording wording) {
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text(file, kind), json, name, wording);
    }

    /**
     * The text of {@code file}.
     *
     * @param kind what the file is, e.g. {@code task spec file}: the messages read "KIND FILE not found"
     * @throws DataException if the file is missing, not a regular file, unreadable or not UTF-8
     */
    public static String text(Path file, String kind) {
        // Reading a FIFO would wait for a writer forever.
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DataException(kind + " " + file + " is not a regular file");
        }
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DataException(kind + " " + file + " not found", e);
        } catch (MalformedInputException e) {
            throw new DataException(kind + " " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new DataException(kind + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code text}, e.g. as kept in the store.
     *
     * @param json JSON if true, else YAML
     * @param name how messages name the document, e.g. its file
     * @throws SpecException if it is not well-formed
     */
    public static Document parse(String text, boolean json, String name, Wording wording) {
        String syntax = json ? "JSON" : "YAML";
        try {
            return new Document(name, wording, (json ? JSON : YAML).readTree(text));
        } catch (JsonProcessingException e) {
            // SnakeYAML's message starts with the context ("while scanning a quoted scalar") and puts the
            // problem itself on a later line; its structured fields give the problem and where it is.
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null
                    && marked.getProblemMark() != null) {
                throw new SpecException(wording.malformed(name, syntax, marked.getProblemMark().getLine() + 1,
                        marked.getProblemMark().getColumn() + 1, firstLine(marked.getProblem())));
            }
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            throw new SpecException(wording.malformed(name, syntax, line, line < 1 ? 0 : at.getColumnNr(),
                    firstLine(e.getOriginalMessage())));
        } catch (RuntimeException e) {
            // SnakeYAML reports a few defects (e.g. bad escapes) with its own exceptions, which Jackson passes on.
            throw new SpecException(wording.malformed(name, syntax, 0, 0, firstLine(e.getMessage())));
        }
    }

    /** Whether the text held no value at all (an empty or blank file). */
    public boolean isEmpty() {
        return root == null || root.isMissingNode();
    }

    /** The tree; check {@link #isEmpty} first. */
    public JsonNode root() {
        return root;
    }

    /** How messages name the document. */
    public String name() {
        return name;
    }

    /**
     * The fields of the mapping {@code node}.
     *
     * @param prefix the mapping's path with a trailing dot, e.g. {@code "data."}, or {@code ""} for the root
     * @param notMapping the message if {@code node} is not a mapping, e.g. {@code data must be a mapping}
     */
    public Fields mapping(JsonNode node, String prefix, String notMapping) {
        if (node == null || !node.isObject()) {
            throw error(notMapping);
        }
        return new Fields(this, node, prefix);
    }

    /** A problem in the document's words: {@code NAME: MESSAGE}. */
    public SpecException error(String message) {
        return new SpecException(name + ": " + message);
    }

    /** A problem stated as a sentence about the field: {@code NAME: lr_range is missing}. */
    public SpecException error(String path, String problem) {
        return error((path.isEmpty() ? "" : path + " ") + problem);
    }

    /** A problem another part reported in its own words, placed at the field: {@code NAME: features[1]: ...}. */
    public SpecException nested(String path, String message) {
        return error(path + ": " + message);
    }

    /** How {@code node} is named after "got" in a message. */
    public String describe(JsonNode node) {
        return wording.describe(node);
    }

    Wording wording() {
        return wording;
    }

    /** An array of numbers at {@code path}, e.g. a weight row. */
    public double[] numbers(JsonNode node, String path) {
        if (!node.isArray()) {
            throw error(path, "must be an array of numbers, got " + describe(node));
        }
        double[] values = new double[node.size()];
        for (int k = 0; k < values.length; k++) {
            JsonNode item = node.get(k);
            if (!item.isNumber()) {
                throw error(path, "item " + k + " must be a number, got " + describe(item));
            }
            values[k] = item.doubleValue();
        }
        return values;
    }

    /** A number, or NaN for {@code null}: JSON has no NaN, so an undefined score is written as null. */
    public double numberOrNull(JsonNode node, String path) {
        if (node.isNull()) {
            return Double.NaN;
        }
        if (!node.isNumber()) {
            throw error(path, "must be a number or null, got " + describe(node));
        }
        return node.doubleValue();
    }

    /** The first non-blank line of a parser's message, its spaces collapsed. */
    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable content";
        }
        for (String line : message.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip().replaceAll("\\s+", " ");
            }
        }
        return "unreadable content";
    }
}
