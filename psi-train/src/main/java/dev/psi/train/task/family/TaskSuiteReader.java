package dev.psi.train.task.family;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a suite file, YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}):
 *
 * <pre>
 * name: my-suite
 * description: three families and two tasks     # optional
 * tasks:
 *   - family: teacher-student   # a built-in family: fmnist, teacher-student, noisy-quadratic, gaussian-mixture, spirals
 *     count: 4                  # how many different tasks
 *     seed: 100                 # the first seed [0]; seeds seed, seed+1, ... draw them
 *   - family: spec              # a task spec file's data and model, with drawn training settings
 *     spec: digits.yaml
 *     count: 3
 *   - task: fmnist-mlp          # one task: a built-in or generated name, or a task spec file
 *   - task: gm-c3-d10-sep2-n1000-s5-lin-adam-b64-e8
 * </pre>
 *
 * <p>Paths are relative to the suite file's folder. The suite is expanded once while it is read, so every
 * problem (malformed YAML, an unknown field or family, a count out of range, a task that does not resolve, a
 * task twice) is a {@link SpecException} with one line that names the file, the entry and what is valid.
 */
public final class TaskSuiteReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final List<String> TOP_FIELDS = List.of("name", "description", "tasks");
    private static final List<String> FAMILY_FIELDS = List.of("family", "count", "seed", "spec");
    private static final List<String> TASK_FIELDS = List.of("task");

    private final String source;
    private final Path base;

    private TaskSuiteReader(Path file) {
        this.source = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        this.base = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /**
     * Reads the suite in {@code file}.
     *
     * @throws SpecException if it is not a valid suite, in one line naming the file and the entry
     * @throws DataException if the file is missing or cannot be read
     */
    public static TaskSuite read(Path file) {
        TaskSuiteReader reader = new TaskSuiteReader(file);
        TaskSuite suite = reader.suite(reader.parse(file));
        try {
            suite.tasks();
        } catch (SpecException | DataException e) {
            throw reader.error(e.getMessage());
        }
        return suite;
    }

    private JsonNode parse(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DataException("suite file " + file + " is not a regular file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DataException("suite file " + file + " not found", e);
        } catch (IOException e) {
            throw new DataException("suite file " + file + " cannot be read: " + e.getMessage(), e);
        }
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        try {
            JsonNode root = (json ? JSON : YAML).readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw error("the file is empty; a suite needs the fields name and tasks");
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null
                    && marked.getProblemMark() != null) {
                throw new SpecException(source + " line " + (marked.getProblemMark().getLine() + 1) + ", column "
                        + (marked.getProblemMark().getColumn() + 1) + ": malformed YAML: " + firstLine(marked.getProblem()));
            }
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                    : " line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SpecException(source + where + ": malformed " + (json ? "JSON" : "YAML") + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            if (e instanceof SpecException spec) {
                throw spec;
            }
            throw new SpecException(source + ": malformed " + (json ? "JSON" : "YAML") + ": " + firstLine(e.getMessage()));
        }
    }

    private TaskSuite suite(JsonNode root) {
        if (!root.isObject()) {
            throw error("the file must be a mapping with the fields name, description (optional) and tasks");
        }
        allow(root, "", TOP_FIELDS);
        String name = text(root, "name", "");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw error("name '" + name + "' is not valid; use letters, digits, '.', '_' and '-', starting with a "
                    + "letter or digit");
        }
        String description = root.has("description") ? text(root, "description", "") : "suite file " + source;
        JsonNode tasks = root.get("tasks");
        if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
            throw error("tasks must be a list of entries, each with family (and count) or task");
        }
        List<TaskSuite.Member> members = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            members.add(member(tasks.get(i), "tasks[" + i + "]."));
        }
        return new TaskSuite(name, description, members);
    }

    private TaskSuite.Member member(JsonNode entry, String prefix) {
        if (!entry.isObject() || entry.has("family") == entry.has("task")) {
            throw error(prefix.substring(0, prefix.length() - 1) + " must be a mapping with either family (and count, "
                    + "seed, spec) or task");
        }
        if (entry.has("task")) {
            allow(entry, prefix, TASK_FIELDS);
            return new TaskSuite.Listed(relative(text(entry, "task", prefix)));
        }
        allow(entry, prefix, FAMILY_FIELDS);
        String familyName = text(entry, "family", prefix);
        int count = (int) whole(entry, "count", prefix, 1, 10_000, -1);
        long seed = whole(entry, "seed", prefix, 0, Long.MAX_VALUE / 2, 0);
        TaskFamily family;
        if ("spec".equals(familyName)) {
            if (!entry.has("spec")) {
                throw error(prefix + "spec is required with family spec: a task spec file (.yaml, .yml or .json)");
            }
            try {
                family = SpecFileFamily.of(Path.of(relative(text(entry, "spec", prefix))));
            } catch (SpecException | DataException e) {
                throw error(prefix + "spec: " + e.getMessage());
            }
        } else {
            if (entry.has("spec")) {
                throw error(prefix + "spec is only valid with family spec");
            }
            try {
                family = TaskFamilies.byName(familyName);
            } catch (SpecException e) {
                throw error(prefix + "family: " + e.getMessage());
            }
        }
        return new TaskSuite.Generated(family, count, seed);
    }

    /** A spec file path (with or without {@code #settings}) made relative to the suite's folder; names as they are. */
    private String relative(String value) {
        int hash = value.lastIndexOf('#');
        String file = hash > 0 ? value.substring(0, hash) : value;
        String lower = file.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
            return value;
        }
        return base.resolve(file).normalize() + (hash > 0 ? value.substring(hash) : "");
    }

    private void allow(JsonNode node, String prefix, List<String> valid) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!valid.contains(field)) {
                throw error("unknown field '" + prefix + field + "'; valid: " + String.join(", ", valid));
            }
        }
    }

    private String text(JsonNode node, String key, String prefix) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw error(prefix + key + " is required");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw error(prefix + key + " must be text, got " + describe(value));
        }
        return value.textValue().strip();
    }

    /** A whole number in [min, max]; {@code fallback < 0} makes it required. */
    private long whole(JsonNode node, String key, String prefix, long min, long max, long fallback) {
        JsonNode value = node.get(key);
        if (value == null) {
            if (fallback < 0) {
                throw error(prefix + key + " is required: a whole number from " + min + " to " + max);
            }
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
                || value.longValue() > max) {
            throw error(prefix + key + " must be a whole number from " + min + " to " + max + ", got "
                    + describe(value));
        }
        return value.longValue();
    }

    private SpecException error(String message) {
        return new SpecException(source + ": " + message);
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.isArray() ? "a list" : node.asText();
    }

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
