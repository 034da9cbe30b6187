package dev.psi.train.task;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.CsvOptions;
import dev.psi.train.data.DataException;
import dev.psi.train.data.FashionMnistVariant;
import dev.psi.train.data.GaussianMixture;
import dev.psi.train.data.IdxOptions;
import dev.psi.train.data.ImageLayout;
import dev.psi.train.data.LabelColumn;
import dev.psi.train.data.NoisyQuadratic;
import dev.psi.train.data.Normalization;
import dev.psi.train.data.Spirals;
import dev.psi.train.data.TeacherStudent;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a task spec file, YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}):
 *
 * <pre>
 * name: digits-mlp
 * description: handwritten digits, 8x8       # optional
 * data:
 *   format: csv             # csv | idx | fashion-mnist | synthetic
 *   train: digits.csv       # csv: numeric columns
 *   label: last             # column index (0-based), 'first' or 'last'
 *   header: false
 *   validation: 0.2         # seeded fraction held out, or `val: other.csv`
 *   test: 0.1               # optional: fraction held out as the test part, the same for every seed
 *   normalize: standard     # none | standard | minmax
 * model: mlp(hidden=[64], activation=relu)    # linear | mlp(...) | cnn(...)
 * optimizer: SGD(momentum=0.9)                # optional, this is the default
 * batch_size: 32
 * epochs: 30
 * target: {metric: val_accuracy, value: 0.95} # optional; otherwise calibrated
 * eval_every: 50          # optional: steps between evaluations on the validation subset [~8 per epoch]
 * </pre>
 *
 * <p>Fields of {@code data} by format (defaults in brackets):
 * <ul>
 *   <li>{@code csv}: {@code train}, {@code val} or {@code validation}, {@code label} [last],
 *       {@code header} [false], {@code normalize} [none].</li>
 *   <li>{@code idx}: {@code train} (images), {@code labels}, {@code val_images} with {@code val_labels}
 *       or {@code validation}, {@code shape} (flat | image) [image for a {@code cnn} model, else flat],
 *       {@code normalize} [none]; pixels are scaled to [0, 1] before normalizing.</li>
 *   <li>{@code fashion-mnist}: {@code shape} [as for idx], {@code dir} [$PSI_DATA, else the Debian
 *       package's folder]; and to pose another problem ({@link FashionMnistVariant}): {@code classes} [all ten;
 *       e.g. [3, 5]], {@code resolution} (28 | 14 | 7) [28], {@code label_noise} [0], {@code train_size},
 *       {@code val_size}, {@code test_size} [0: all].</li>
 *   <li>{@code synthetic}: {@code kind} (teacher-student | noisy-quadratic | gaussian-mixture | spirals)
 *       and the generator's parameters; teacher-student: {@code dimension} [20], {@code hidden} [32],
 *       {@code depth} [1], {@code classes} [4; 0 for a regression], {@code noise} [0: label noise, or the
 *       target noise of a regression], {@code train_size} [8000], {@code val_size} [2000], {@code task_seed} [3];
 *       noisy-quadratic: {@code dimension} [50], {@code decades} [2], {@code noise} [0.5], {@code train_size}
 *       [8000], {@code val_size} [2000], {@code task_seed} [1]; gaussian-mixture: {@code classes} [3],
 *       {@code dimension} [10], {@code separation} [2], {@code train_size} [2000], {@code val_size} [1000],
 *       {@code task_seed} [1]; spirals: {@code classes} [2], {@code turns} [1], {@code noise} [0.05],
 *       {@code train_size} [2000], {@code val_size} [1000], {@code task_seed} [1]. See {@link TeacherStudent},
 *       {@link NoisyQuadratic}, {@link GaussianMixture} and {@link Spirals}.</li>
 * </ul>
 *
 * <p>File paths are relative to the spec file's folder, and data files must exist when the spec is
 * read. Every problem (malformed YAML or JSON, an unknown field, a missing required field, a value of
 * the wrong type or out of range) is a {@link SpecException} with one line that names the file and the
 * field and says what is valid; Jackson's own exceptions never reach the caller.
 */
public final class TaskSpecReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final List<String> TOP_FIELDS =
            List.of("name", "description", "data", "model", "optimizer", "batch_size", "epochs", "target",
                    "eval_every");
    private static final List<String> FORMATS = List.of("csv", "idx", "fashion-mnist", "synthetic");
    private static final List<String> KINDS = List.of(TeacherStudent.KIND, NoisyQuadratic.KIND, GaussianMixture.KIND,
            Spirals.KIND);
    private static final List<String> NORMALIZATIONS = List.of("none", "standard", "minmax");
    private static final List<String> LAYOUTS = List.of("flat", "image");
    private static final String DEFAULT_OPTIMIZER = "SGD(momentum=0.9)";

    private final String source;
    private final Path base;

    private TaskSpecReader(Path file) {
        this.source = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        this.base = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /**
     * Reads the task spec in {@code file}; the extension chooses JSON ({@code .json}) or YAML (any other).
     *
     * @throws SpecException if the spec is not valid, in one line naming the file and the field
     * @throws DataException if the file is missing or cannot be read
     */
    public static TaskSpec read(Path file) {
        TaskSpecReader reader = new TaskSpecReader(file);
        return reader.task(reader.parse(file));
    }

    /**
     * Why {@code path}, which is not a regular file, cannot be read as a data file. A FIFO or a device
     * exists, so "not found" would mislead.
     */
    private static String notARegularFile(Path path) {
        if (Files.isDirectory(path)) {
            return "expected a file, found the folder " + path;
        }
        return Files.exists(path) ? path + " is not a regular file" : "file " + path + " not found";
    }

    private JsonNode parse(Path file) {
        boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json");
        // Reading a FIFO would wait for a writer forever.
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DataException("task spec file " + file + " is not a regular file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DataException("task spec file " + file + " not found", e);
        } catch (MalformedInputException e) {
            throw new DataException("task spec file " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new DataException("task spec file " + file + " cannot be read: " + e.getMessage(), e);
        }
        String syntax = json ? "JSON" : "YAML";
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            // SnakeYAML's message starts with the context ("while scanning a quoted scalar") and puts the
            // problem itself on a later line; its structured fields give the problem and where it is.
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null
                    && marked.getProblemMark() != null) {
                throw new SpecException(source + " line " + (marked.getProblemMark().getLine() + 1) + ", column "
                        + (marked.getProblemMark().getColumn() + 1) + ": malformed YAML: " + firstLine(marked.getProblem()));
            }
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new SpecException(source + where + ": malformed " + syntax + ": " + firstLine(e.getOriginalMessage()));
        } catch (YAMLException e) {
            // SnakeYAML reports a few defects (e.g. bad escapes) with its own exceptions, which Jackson passes on.
            throw new SpecException(source + ": malformed YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw error("the file is empty; a task spec needs the fields name, data, model, batch_size, epochs");
        }
        return root;
    }

    private TaskSpec task(JsonNode root) {
        Fields top = new Fields(root, "", "a task spec");
        top.allow("a task spec", TOP_FIELDS);
        String name = top.text("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw error("name '" + name + "' is not valid; use letters, digits, '.', '_' and '-', starting with "
                    + "a letter or digit");
        }
        if (Tasks.isBuiltIn(name)) {
            throw error("name '" + name + "' is a built-in task; choose another name");
        }
        Spec model = top.spec("model", null);
        Spec optimizer = top.spec("optimizer", DEFAULT_OPTIMIZER);
        int batchSize = top.integer("batch_size", Range.atLeast(1));
        int epochs = top.integer("epochs", Range.atLeast(1));
        DataSource data = data(top.object("data"), model);
        String description = top.has("description") ? top.text("description") : data.describe() + "; model "
                + (model.args().isEmpty() ? model.name() : model.toString());
        Optional<Target> target = top.has("target") ? Optional.of(target(top.object("target"), data)) : Optional.empty();
        int evalEvery = top.integer("eval_every", 0, Range.atLeast(1));
        return new TaskSpec(name, description, data, model, optimizer, batchSize, epochs, target, evalEvery);
    }

    private DataSource data(Fields data, Spec model) {
        String format = data.choice("format", null, FORMATS);
        ImageLayout defaultLayout = "cnn".equals(model.name()) ? ImageLayout.IMAGE : ImageLayout.FLAT;
        try {
            switch (format) {
                case "csv":
                    return csv(data);
                case "idx":
                    return idx(data, defaultLayout);
                case "fashion-mnist":
                    data.allow("format fashion-mnist", List.of("format", "shape", "dir", "classes", "resolution",
                            "label_noise", "train_size", "val_size", "test_size"));
                    return new DataSource.FashionMnist(layout(data, defaultLayout),
                            data.has("dir") ? Optional.of(base.resolve(data.text("dir")).normalize()) : Optional.empty(),
                            variant(data));
                default:
                    return synthetic(data);
            }
        } catch (DataException e) {
            // A check inside the data classes that the reader did not make first; keep the file in the message.
            throw error("data: " + e.getMessage());
        }
    }

    private DataSource csv(Fields data) {
        data.allow("format csv",
                List.of("format", "train", "val", "validation", "test", "label", "header", "normalize"));
        Path train = data.file("train");
        Optional<Path> val = data.has("val") ? Optional.of(data.file("val")) : Optional.empty();
        double fraction = validationFraction(data, val.isPresent(), "val (a file)", "a file (val: other.csv)");
        return new DataSource.Csv(new CsvOptions(train, val, fraction, label(data), data.bool("header", false),
                normalization(data), testFraction(data)));
    }

    private DataSource idx(Fields data, ImageLayout defaultLayout) {
        data.allow("format idx",
                List.of("format", "train", "labels", "val_images", "val_labels", "validation", "test", "shape",
                        "normalize"));
        Path images = data.file("train");
        Path labels = data.file("labels");
        if (data.has("val_images") != data.has("val_labels")) {
            throw error("data." + (data.has("val_images") ? "val_labels" : "val_images") + " is required with data."
                    + (data.has("val_images") ? "val_images" : "val_labels"));
        }
        Optional<Path> valImages = data.has("val_images") ? Optional.of(data.file("val_images")) : Optional.empty();
        Optional<Path> valLabels = data.has("val_labels") ? Optional.of(data.file("val_labels")) : Optional.empty();
        double fraction = validationFraction(data, valImages.isPresent(), "val_images and val_labels (files)",
                "files (val_images and val_labels)");
        return new DataSource.Idx(new IdxOptions(images, labels, valImages, valLabels, fraction,
                layout(data, defaultLayout), normalization(data), testFraction(data)));
    }

    private DataSource synthetic(Fields data) {
        String kind = data.choice("kind", null, KINDS);
        if (TeacherStudent.KIND.equals(kind)) {
            data.allow("kind teacher-student", List.of("format", "kind", "dimension", "hidden", "depth", "classes",
                    "noise", "train_size", "val_size", "task_seed"));
            TeacherStudent d = TeacherStudent.defaults();
            int classes = data.integer("classes", d.classes(), Range.atLeast(0));
            return new DataSource.Synthetic(new TeacherStudent(
                    data.integer("dimension", d.dimension(), Range.atLeast(1)),
                    data.integer("hidden", d.hidden(), Range.atLeast(1)),
                    data.integer("depth", d.depth(), Range.atLeast(1)),
                    classes,
                    data.number("noise", d.noise(), classes == 0 ? Range.atLeast(0) : Range.closedOpen(0, 1)),
                    data.integer("train_size", d.trainSize(), Range.atLeast(1)),
                    data.integer("val_size", d.valSize(), Range.atLeast(1)),
                    data.seed("task_seed", d.taskSeed())));
        }
        if (GaussianMixture.KIND.equals(kind)) {
            data.allow("kind gaussian-mixture", List.of("format", "kind", "classes", "dimension", "separation",
                    "train_size", "val_size", "task_seed"));
            return new DataSource.Synthetic(new GaussianMixture(
                    data.integer("classes", 3, Range.atLeast(2)),
                    data.integer("dimension", 10, Range.atLeast(2)),
                    data.number("separation", 2, Range.positive()),
                    data.integer("train_size", 2000, Range.atLeast(1)),
                    data.integer("val_size", 1000, Range.atLeast(1)),
                    data.seed("task_seed", 1)));
        }
        if (Spirals.KIND.equals(kind)) {
            data.allow("kind spirals", List.of("format", "kind", "classes", "turns", "noise", "train_size", "val_size",
                    "task_seed"));
            return new DataSource.Synthetic(new Spirals(
                    data.integer("classes", 2, Range.atLeast(2)),
                    data.number("turns", 1, Range.openClosed(0, 10)),
                    data.number("noise", 0.05, Range.atLeast(0)),
                    data.integer("train_size", 2000, Range.atLeast(1)),
                    data.integer("val_size", 1000, Range.atLeast(1)),
                    data.seed("task_seed", 1)));
        }
        data.allow("kind noisy-quadratic",
                List.of("format", "kind", "dimension", "decades", "noise", "train_size", "val_size", "task_seed"));
        NoisyQuadratic d = NoisyQuadratic.defaults();
        return new DataSource.Synthetic(new NoisyQuadratic(
                data.integer("dimension", d.dimension(), Range.atLeast(1)),
                data.number("decades", d.decades(), Range.closed(0, 12)),
                data.number("noise", d.noise(), Range.atLeast(0)),
                data.integer("train_size", d.trainSize(), Range.atLeast(1)),
                data.integer("val_size", d.valSize(), Range.atLeast(1)),
                data.seed("task_seed", d.taskSeed())));
    }

    /** The Fashion-MNIST problem the spec poses: the whole dataset unless it names classes, a resolution, ... */
    private FashionMnistVariant variant(Fields data) {
        FashionMnistVariant standard = FashionMnistVariant.STANDARD;
        List<Integer> classes = standard.classes();
        if (data.has("classes")) {
            JsonNode node = data.get("classes");
            List<Integer> chosen = new java.util.ArrayList<>();
            if (node.isArray()) {
                node.forEach(label -> chosen.add(label.isIntegralNumber() && label.canConvertToInt() ? label.intValue() : -1));
            }
            if (!node.isArray() || chosen.contains(-1)) {
                throw error("data.classes must be a list of class labels 0..9 such as [3, 5], got " + describe(node));
            }
            classes = chosen;
        }
        int resolution = data.integer("resolution", standard.resolution(), Range.atLeast(1));
        if (!FashionMnistVariant.RESOLUTIONS.contains(resolution)) {
            throw error("data.resolution must be one of 28, 14, 7, got " + resolution);
        }
        return new FashionMnistVariant(classes, resolution, data.number("label_noise", 0, Range.closedOpen(0, 1)),
                data.integer("train_size", 0, Range.atLeast(0)), data.integer("val_size", 0, Range.atLeast(0)),
                data.integer("test_size", 0, Range.atLeast(0)));
    }

    /** The fraction of the training data held out as the test part, the same for every trial; 0 when not given. */
    private double testFraction(Fields data) {
        return data.has("test") ? data.number("test", Range.open(0, 1)) : 0;
    }

    /**
     * The held-out fraction, or 0 when validation files are given; exactly one of the two must be.
     *
     * @param files how the files are named where both are given, e.g. {@code val (a file)}
     * @param example how to give files where neither is, e.g. {@code a file (val: other.csv)}
     */
    private double validationFraction(Fields data, boolean validationFiles, String files, String example) {
        if (data.has("validation") && validationFiles) {
            throw error("data has both validation (a fraction) and " + files + "; give one of them");
        }
        if (!data.has("validation") && !validationFiles) {
            throw error("data needs validation examples: a fraction to hold out (validation: 0.2) or " + example);
        }
        return validationFiles ? 0 : data.number("validation", Range.open(0, 1));
    }

    private LabelColumn label(Fields data) {
        if (!data.has("label")) {
            return LabelColumn.last();
        }
        JsonNode node = data.get("label");
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0) {
            return new LabelColumn(node.intValue());
        }
        if (node.isTextual() && ("first".equals(node.textValue()) || "last".equals(node.textValue()))) {
            return LabelColumn.parse(node.textValue());
        }
        throw error("data.label must be first, last or a 0-based column index, got " + describe(node));
    }

    private Normalization normalization(Fields data) {
        return Normalization.parse(data.choice("normalize", "none", NORMALIZATIONS));
    }

    private ImageLayout layout(Fields data, ImageLayout fallback) {
        return ImageLayout.parse(data.choice("shape", fallback.word(), LAYOUTS));
    }

    private Target target(Fields fields, DataSource data) {
        fields.allow("target", List.of("metric", "value"));
        Metric metric = Metric.ofWord(fields.choice("metric", null, List.of("val_accuracy", "val_loss")));
        boolean accuracy = metric == Metric.VAL_ACCURACY;
        if (accuracy && data.shape().map(shape -> shape.numClasses() == 0).orElse(false)) {
            throw error("target.metric val_accuracy needs a classification task, but the data is a regression; "
                    + "use val_loss");
        }
        return new Target(metric, fields.number("value", accuracy ? Range.openClosed(0, 1) : Range.positive()));
    }

    private SpecException error(String message) {
        return new SpecException(source + ": " + message);
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

    /** How a value is named in a message: text in quotes, numbers and booleans as written, else its kind. */
    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.asText();
    }

    /**
     * The fields of one mapping in the spec, read with type and range checks. {@code prefix} is the
     * mapping's path, e.g. {@code "data."}, so that messages name fields as a user would find them.
     */
    private final class Fields {
        private final JsonNode node;
        private final String prefix;

        Fields(JsonNode node, String prefix, String what) {
            if (!node.isObject()) {
                throw error((prefix.isEmpty() ? "the file" : prefix.substring(0, prefix.length() - 1))
                        + " must be a mapping of fields (" + what + "), got " + describe(node));
            }
            this.node = node;
            this.prefix = prefix;
        }

        boolean has(String key) {
            return node.has(key);
        }

        JsonNode get(String key) {
            return node.get(key);
        }

        /** Rejects fields not in {@code valid}; called before reading, so a misspelt field is reported as such. */
        void allow(String context, List<String> valid) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!valid.contains(field)) {
                    throw error("unknown field '" + prefix + field + "'" + (prefix.isEmpty() ? "" : " for " + context)
                            + "; valid: " + String.join(", ", valid));
                }
            }
        }

        private JsonNode require(String key) {
            JsonNode value = node.get(key);
            if (value == null) {
                throw error(prefix + key + " is required");
            }
            return value;
        }

        String text(String key) {
            JsonNode value = require(key);
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw error(prefix + key + " must be text, got " + describe(value));
            }
            return value.textValue().strip();
        }

        Fields object(String key) {
            JsonNode value = require(key);
            String what = "data".equals(key) ? "format, train, ..." : "metric, value";
            return new Fields(value, prefix + key + ".", what);
        }

        /** A word out of {@code choices}; {@code fallback == null} makes the field required. */
        String choice(String key, String fallback, List<String> choices) {
            if (fallback != null && !has(key)) {
                return fallback;
            }
            JsonNode value = node.get(key);
            if (value == null) {
                throw error(prefix + key + " is required; valid: " + String.join(", ", choices));
            }
            if (!value.isTextual() || !choices.contains(value.textValue())) {
                throw error(prefix + key + " " + describe(value) + " is not valid; valid: " + String.join(", ", choices));
            }
            return value.textValue();
        }

        boolean bool(String key, boolean fallback) {
            if (!has(key)) {
                return fallback;
            }
            JsonNode value = node.get(key);
            if (!value.isBoolean()) {
                throw error(prefix + key + " must be true or false, got " + describe(value));
            }
            return value.booleanValue();
        }

        double number(String key, Range range) {
            JsonNode value = require(key);
            if (!value.isNumber() || !range.contains(value.doubleValue()) || Double.isInfinite(value.doubleValue())) {
                throw error(prefix + key + " must be a number " + range.describe() + ", got " + describe(value));
            }
            return value.doubleValue();
        }

        double number(String key, double fallback, Range range) {
            return has(key) ? number(key, range) : fallback;
        }

        int integer(String key, Range range) {
            JsonNode value = require(key);
            double v = value.isNumber() ? value.doubleValue() : Double.NaN;
            if (v != Math.rint(v) || !range.contains(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw error(prefix + key + " must be a whole number " + range.describe() + ", got " + describe(value));
            }
            return (int) v;
        }

        int integer(String key, int fallback, Range range) {
            return has(key) ? integer(key, range) : fallback;
        }

        long seed(String key, long fallback) {
            if (!has(key)) {
                return fallback;
            }
            JsonNode value = node.get(key);
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw error(prefix + key + " must be a whole number, got " + describe(value));
            }
            return value.longValue();
        }

        /** A spec such as {@code SGD(momentum=0.9)}; {@code fallback == null} makes the field required. */
        Spec spec(String key, String fallback) {
            if (fallback != null && !has(key)) {
                return Spec.parse(fallback);
            }
            JsonNode value = require(key);
            if (!value.isTextual()) {
                throw error(prefix + key + " must be a spec such as Name(key=value,...), got " + describe(value));
            }
            try {
                return Spec.parse(value.textValue());
            } catch (SpecException e) {
                throw error(prefix + key + ": " + e.getMessage());
            }
        }

        /** A data file, relative to the spec file's folder, that must exist. */
        Path file(String key) {
            Path path = base.resolve(text(key)).normalize();
            if (!Files.isRegularFile(path)) {
                throw error(prefix + key + ": " + notARegularFile(path));
            }
            return path;
        }
    }
}
