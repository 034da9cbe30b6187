package dev.psi.train.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.Spec;
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
import dev.psi.train.document.Document;
import dev.psi.train.document.Fields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code data} mapping of a task spec into a {@link DataSource}: which fields each format and
 * synthetic kind takes, their defaults and ranges (listed in {@link TaskSpecReader}'s documentation). Data
 * files are resolved against the spec file's folder and must exist.
 */
final class DataSourceReader {

    private static final List<String> FORMATS = List.of("csv", "idx", "fashion-mnist", "synthetic");
    private static final List<String> KINDS = List.of(TeacherStudent.KIND, NoisyQuadratic.KIND, GaussianMixture.KIND,
            Spirals.KIND);
    private static final List<String> NORMALIZATIONS = List.of("none", "standard", "minmax");
    private static final List<String> LAYOUTS = List.of("flat", "image");

    private final Document document;
    private final Path base;

    /** {@code base} is the spec file's folder. */
    DataSourceReader(Document document, Path base) {
        this.document = document;
        this.base = base;
    }

    /** The data of the spec; {@code model} chooses the default image layout. */
    DataSource data(Fields data, Spec model) {
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
            throw document.error("data: " + e.getMessage());
        }
    }

    private DataSource csv(Fields data) {
        data.allow("format csv",
                List.of("format", "train", "val", "validation", "test", "label", "header", "normalize"));
        Path train = file(data, "train");
        Optional<Path> val = data.has("val") ? Optional.of(file(data, "val")) : Optional.empty();
        double fraction = validationFraction(data, val.isPresent(), "val (a file)", "a file (val: other.csv)");
        return new DataSource.Csv(new CsvOptions(train, val, fraction, label(data), data.bool("header", false),
                normalization(data), testFraction(data)));
    }

    private DataSource idx(Fields data, ImageLayout defaultLayout) {
        data.allow("format idx",
                List.of("format", "train", "labels", "val_images", "val_labels", "validation", "test", "shape",
                        "normalize"));
        Path images = file(data, "train");
        Path labels = file(data, "labels");
        if (data.has("val_images") != data.has("val_labels")) {
            throw document.error("data." + (data.has("val_images") ? "val_labels" : "val_images")
                    + " is required with data." + (data.has("val_images") ? "val_images" : "val_labels"));
        }
        Optional<Path> valImages = data.has("val_images") ? Optional.of(file(data, "val_images")) : Optional.empty();
        Optional<Path> valLabels = data.has("val_labels") ? Optional.of(file(data, "val_labels")) : Optional.empty();
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
            List<Integer> chosen = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(label -> chosen.add(label.isIntegralNumber() && label.canConvertToInt() ? label.intValue() : -1));
            }
            if (!node.isArray() || chosen.contains(-1)) {
                throw document.error("data.classes must be a list of class labels 0..9 such as [3, 5], got "
                        + document.describe(node));
            }
            classes = chosen;
        }
        int resolution = data.integer("resolution", standard.resolution(), Range.atLeast(1));
        if (!FashionMnistVariant.RESOLUTIONS.contains(resolution)) {
            throw document.error("data.resolution must be one of 28, 14, 7, got " + resolution);
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
            throw document.error("data has both validation (a fraction) and " + files + "; give one of them");
        }
        if (!data.has("validation") && !validationFiles) {
            throw document.error("data needs validation examples: a fraction to hold out (validation: 0.2) or "
                    + example);
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
        throw document.error("data.label must be first, last or a 0-based column index, got "
                + document.describe(node));
    }

    private Normalization normalization(Fields data) {
        return Normalization.parse(data.choice("normalize", "none", NORMALIZATIONS));
    }

    private ImageLayout layout(Fields data, ImageLayout fallback) {
        return ImageLayout.parse(data.choice("shape", fallback.word(), LAYOUTS));
    }

    /** A data file, relative to the spec file's folder, that must exist. */
    private Path file(Fields data, String key) {
        Path path = base.resolve(data.text(key)).normalize();
        if (!Files.isRegularFile(path)) {
            throw data.nested(key, notARegularFile(path));
        }
        return path;
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
}
