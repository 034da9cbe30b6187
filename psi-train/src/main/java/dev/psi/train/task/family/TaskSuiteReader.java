package dev.psi.train.task.family;

import com.fasterxml.jackson.databind.JsonNode;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataException;
import dev.psi.train.document.Document;
import dev.psi.train.document.Fields;
import dev.psi.train.document.Wording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    private static final List<String> TOP_FIELDS = List.of("name", "description", "tasks");
    private static final List<String> FAMILY_FIELDS = List.of("family", "count", "seed", "spec");
    private static final List<String> TASK_FIELDS = List.of("task");

    private final Document document;
    private final Path base;

    private TaskSuiteReader(Document document, Path file) {
        this.document = document;
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
        Document document = Document.read(file, "suite file", file.toString(), Wording.SPEC);
        if (document.isEmpty() || document.root().isNull()) {
            throw document.error("the file is empty; a suite needs the fields name and tasks");
        }
        TaskSuite suite = new TaskSuiteReader(document, file).suite(document.root());
        try {
            suite.tasks();
        } catch (SpecException | DataException e) {
            throw document.error(e.getMessage());
        }
        return suite;
    }

    private TaskSuite suite(JsonNode root) {
        Fields top = document.mapping(root, "",
                "the file must be a mapping with the fields name, description (optional) and tasks");
        top.allow(null, TOP_FIELDS);
        String name = top.text("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw document.error("name '" + name + "' is not valid; use letters, digits, '.', '_' and '-', starting "
                    + "with a letter or digit");
        }
        String description = top.has("description") ? top.text("description") : "suite file " + document.name();
        JsonNode tasks = top.get("tasks");
        if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
            throw document.error("tasks must be a list of entries, each with family (and count) or task");
        }
        List<TaskSuite.Member> members = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            members.add(member(tasks.get(i), "tasks[" + i + "]"));
        }
        return new TaskSuite(name, description, members);
    }

    private TaskSuite.Member member(JsonNode entry, String path) {
        String notEntry = path + " must be a mapping with either family (and count, seed, spec) or task";
        Fields fields = document.mapping(entry, path + ".", notEntry);
        if (fields.has("family") == fields.has("task")) {
            throw document.error(notEntry);
        }
        if (fields.has("task")) {
            fields.allow(null, TASK_FIELDS);
            return new TaskSuite.Listed(relative(fields.text("task")));
        }
        fields.allow(null, FAMILY_FIELDS);
        String familyName = fields.text("family");
        int count = (int) fields.whole("count", 1, 10_000);
        long seed = fields.whole("seed", 0, Long.MAX_VALUE / 2, 0);
        TaskFamily family;
        if ("spec".equals(familyName)) {
            if (!fields.has("spec")) {
                throw fields.error("spec", "is required with family spec: a task spec file (.yaml, .yml or .json)");
            }
            try {
                family = SpecFileFamily.of(Path.of(relative(fields.text("spec"))));
            } catch (SpecException | DataException e) {
                throw fields.nested("spec", e.getMessage());
            }
        } else {
            if (fields.has("spec")) {
                throw fields.error("spec", "is only valid with family spec");
            }
            try {
                family = TaskFamilies.byName(familyName);
            } catch (SpecException e) {
                throw fields.nested("family", e.getMessage());
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
}
