package dev.psi.train.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataException;
import dev.psi.train.data.FashionMnistVariant;
import dev.psi.train.data.GaussianMixture;
import dev.psi.train.data.NoisyQuadratic;
import dev.psi.train.data.Spirals;
import dev.psi.train.data.TeacherStudent;
import dev.psi.train.document.Document;
import dev.psi.train.document.Fields;
import dev.psi.train.document.Wording;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
 * field and says what is valid; Jackson's own exceptions never reach the caller ({@link Document}). The
 * {@code data} mapping is read by {@link DataSourceReader}.
 */
public final class TaskSpecReader {

    private static final List<String> TOP_FIELDS =
            List.of("name", "description", "data", "model", "optimizer", "batch_size", "epochs", "target",
                    "eval_every");
    private static final String DEFAULT_OPTIMIZER = "SGD(momentum=0.9)";

    private final Document document;
    private final Path base;

    private TaskSpecReader(Document document, Path file) {
        this.document = document;
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
        Document document = Document.read(file, "task spec file", file.toString(), Wording.SPEC);
        if (document.isEmpty() || document.root().isNull()) {
            throw document.error("the file is empty; a task spec needs the fields name, data, model, batch_size, "
                    + "epochs");
        }
        return new TaskSpecReader(document, file).task(document.root());
    }

    private TaskSpec task(JsonNode root) {
        Fields top = document.mapping(root, "", "the file must be a mapping of fields (a task spec), got "
                + document.describe(root));
        top.allow("a task spec", TOP_FIELDS);
        String name = top.text("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw document.error("name '" + name + "' is not valid; use letters, digits, '.', '_' and '-', starting "
                    + "with a letter or digit");
        }
        if (Tasks.isBuiltIn(name)) {
            throw document.error("name '" + name + "' is a built-in task; choose another name");
        }
        Spec model = top.spec("model", null);
        Spec optimizer = top.spec("optimizer", DEFAULT_OPTIMIZER);
        int batchSize = top.integer("batch_size", Range.atLeast(1));
        int epochs = top.integer("epochs", Range.atLeast(1));
        DataSource data = new DataSourceReader(document, base).data(mapping(top, "data", "format, train, ..."), model);
        String description = top.has("description") ? top.text("description") : data.describe() + "; model "
                + (model.args().isEmpty() ? model.name() : model.toString());
        Optional<Target> target = top.has("target") ? Optional.of(target(mapping(top, "target", "metric, value"), data))
                : Optional.empty();
        int evalEvery = top.integer("eval_every", 0, Range.atLeast(1));
        return new TaskSpec(name, description, data, model, optimizer, batchSize, epochs, target, evalEvery);
    }

    /** The required mapping {@code key} of {@code fields}; {@code what} lists its main fields for the message. */
    private Fields mapping(Fields fields, String key, String what) {
        JsonNode value = fields.require(key);
        return document.mapping(value, fields.path(key) + ".", fields.path(key) + " must be a mapping of fields ("
                + what + "), got " + document.describe(value));
    }

    private Target target(Fields fields, DataSource data) {
        fields.allow("target", List.of("metric", "value"));
        Metric metric = Metric.ofWord(fields.choice("metric", null, List.of("val_accuracy", "val_loss")));
        boolean accuracy = metric == Metric.VAL_ACCURACY;
        if (accuracy && data.shape().map(shape -> shape.numClasses() == 0).orElse(false)) {
            throw document.error("target.metric val_accuracy needs a classification task, but the data is a "
                    + "regression; use val_loss");
        }
        return new Target(metric, fields.number("value", accuracy ? Range.openClosed(0, 1) : Range.positive()));
    }
}
