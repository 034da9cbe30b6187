package dev.psi.train.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.criteria.Metric;
import dev.psi.core.criteria.Target;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.CsvOptions;
import dev.psi.train.data.DataShape;
import dev.psi.train.data.FashionMnistVariant;
import dev.psi.train.data.GaussianMixture;
import dev.psi.train.data.IdxOptions;
import dev.psi.train.data.ImageLayout;
import dev.psi.train.data.LabelColumn;
import dev.psi.train.data.Normalization;
import dev.psi.train.data.Spirals;
import dev.psi.train.data.TeacherStudent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskSpecReaderTest {

    /** The example of DESIGN.md, verbatim. */
    private static final String DESIGN_EXAMPLE = """
            name: digits-mlp
            data:
              format: csv             # csv | idx | synthetic
              train: digits.csv       # csv: numeric columns
              label: last             # column index (0-based), 'first' or 'last'
              header: false
              validation: 0.2         # seeded fraction held out, or `val: other.csv`
              normalize: standard     # none | standard | minmax
            model: mlp(hidden=[64], activation=relu)    # linear | mlp(...) | cnn(...)
            optimizer: SGD(momentum=0.9)                # default when the command gives none
            batch_size: 32
            epochs: 30
            target: {metric: val_accuracy, value: 0.95} # optional; otherwise calibrated
            """;

    private static final String DESIGN_EXAMPLE_JSON = """
            {
              "name": "digits-mlp",
              "data": {"format": "csv", "train": "digits.csv", "label": "last", "header": false,
                       "validation": 0.2, "normalize": "standard"},
              "model": "mlp(hidden=[64], activation=relu)",
              "optimizer": "SGD(momentum=0.9)",
              "batch_size": 32,
              "epochs": 30,
              "target": {"metric": "val_accuracy", "value": 0.95}
            }
            """;

    /** A valid spec to which each error test adds or changes one line. */
    private static final String BASE = """
            name: digits-mlp
            data: {format: csv, train: digits.csv, validation: 0.2}
            model: linear
            batch_size: 32
            epochs: 30
            """;

    @TempDir
    Path dir;

    private Path digits;

    @BeforeEach
    void writeData() {
        digits = write("digits.csv", "1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,0\n");
    }

    private Path write(String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TaskSpec read(String name, String text) {
        return TaskSpecReader.read(write(name, text));
    }

    /** The one-line message for {@code text} in spec.yaml, after the leading "PATH: ". */
    private String error(String text) {
        return error("spec.yaml", text, ": ");
    }

    /** The one-line message for {@code text} in {@code name}, after the leading path and {@code separator}. */
    private String error(String name, String text, String separator) {
        Path file = write(name, text);
        String message = assertThrows(SpecException.class, () -> TaskSpecReader.read(file)).getMessage();
        assertFalse(message.contains("\n"), message);
        String prefix = file + separator;
        assertTrue(message.startsWith(prefix), message);
        return message.substring(prefix.length());
    }

    @Test
    void readsTheDesignExample() {
        TaskSpec task = read("digits.yaml", DESIGN_EXAMPLE);

        assertEquals("digits-mlp", task.name());
        assertEquals("mlp(hidden=[64],activation=relu)", task.model().toString());
        assertEquals("SGD(momentum=0.9)", task.optimizer().toString());
        assertEquals(32, task.batchSize());
        assertEquals(30, task.epochs());
        assertEquals(Optional.of(new Target(Metric.VAL_ACCURACY, 0.95)), task.target());
        assertEquals(new DataSource.Csv(new CsvOptions(digits, Optional.empty(), 0.2, LabelColumn.last(), false,
                Normalization.STANDARD)), task.data());
    }

    @Test
    void readsTheDesignExampleAsJson() {
        assertEquals(read("digits.yaml", DESIGN_EXAMPLE), read("digits.json", DESIGN_EXAMPLE_JSON));
    }

    @Test
    void specFromTheFileLoadsItsData() {
        TaskSpec task = read("digits.yaml", DESIGN_EXAMPLE);

        assertEquals(new DataShape(4, 1, new long[] {2}, 2), task.load(0, 1).shape());
    }

    @Test
    void pathsAreRelativeToTheSpecFile() {
        Path data = write("sub/data/train.csv", "1,0\n2,1\n");
        write("sub/data/val.csv", "3,1\n");

        TaskSpec task = read("sub/task.yaml", BASE.replace("{format: csv, train: digits.csv, validation: 0.2}",
                "{format: csv, train: data/train.csv, val: data/val.csv}"));

        CsvOptions options = ((DataSource.Csv) task.data()).options();
        assertEquals(data, options.train());
        assertEquals(Optional.of(dir.resolve("sub/data/val.csv")), options.validationFile());
    }

    @Test
    void defaultsFillOptionalFields() {
        TaskSpec task = read("spec.yaml", BASE);

        assertEquals("SGD(momentum=0.9)", task.optimizer().toString());
        assertEquals(Optional.empty(), task.target());
        assertEquals(CsvOptions.heldOut(digits, 0.2), ((DataSource.Csv) task.data()).options());
        assertEquals("CSV digits.csv, label last, 20% held out, normalize none; model linear", task.description());
    }

    @Test
    void labelMayBeAColumnIndex() {
        TaskSpec task = read("spec.yaml", BASE.replace("validation: 0.2}", "validation: 0.2, label: 1}"));

        assertEquals(new LabelColumn(1), ((DataSource.Csv) task.data()).options().label());
    }

    @Test
    void idxSpecDefaultsToImagesForACnn() {
        write("images.gz", "");
        write("labels.gz", "");

        TaskSpec task = read("spec.yaml", BASE.replace("{format: csv, train: digits.csv, validation: 0.2}",
                "{format: idx, train: images.gz, labels: labels.gz, validation: 0.1}").replace("linear", "cnn(channels=[8])"));

        assertEquals(IdxOptions.heldOut(dir.resolve("images.gz"), dir.resolve("labels.gz"), 0.1)
                .withLayout(ImageLayout.IMAGE), ((DataSource.Idx) task.data()).options());
    }

    @Test
    void syntheticSpecTakesGeneratorParameters() {
        TaskSpec task = read("spec.yaml", BASE.replace("{format: csv, train: digits.csv, validation: 0.2}",
                "{format: synthetic, kind: teacher-student, dimension: 8, classes: 3, task_seed: 9}"));

        assertEquals(new DataSource.Synthetic(new TeacherStudent(8, 32, 3, 8000, 2000, 9)), task.data());
    }

    @Test
    void syntheticSpecTakesTheFamiliesGenerators() {
        String csv = "{format: csv, train: digits.csv, validation: 0.2}";
        assertEquals(new DataSource.Synthetic(new TeacherStudent(8, 16, 2, 0, 0.3, 8000, 2000, 3)),
                read("ts.yaml", BASE.replace(csv, "{format: synthetic, kind: teacher-student, dimension: 8, hidden: 16, "
                        + "depth: 2, classes: 0, noise: 0.3}")).data());
        assertEquals(new DataSource.Synthetic(new GaussianMixture(4, 12, 3, 500, 100, 2)),
                read("gm.yaml", BASE.replace(csv, "{format: synthetic, kind: gaussian-mixture, classes: 4, dimension: 12, "
                        + "separation: 3, train_size: 500, val_size: 100, task_seed: 2}")).data());
        assertEquals(new DataSource.Synthetic(new Spirals(2, 1, 0.05, 2000, 1000, 1)),
                read("sp.yaml", BASE.replace(csv, "{format: synthetic, kind: spirals}")).data());
        assertTrue(error(BASE.replace(csv, "{format: synthetic, kind: teacher-student, noise: 1}"))
                .contains("data.noise must be a number in [0, 1)"));
    }

    @Test
    void fashionMnistSpecTakesAVariant() {
        TaskSpec task = read("spec.yaml", BASE.replace("{format: csv, train: digits.csv, validation: 0.2}",
                "{format: fashion-mnist, classes: [3, 5], resolution: 14, label_noise: 0.1, train_size: 2000, "
                        + "val_size: 500, test_size: 400}"));

        assertEquals(new FashionMnistVariant(java.util.List.of(3, 5), 14, 0.1, 2000, 500, 400),
                ((DataSource.FashionMnist) task.data()).variant());
        assertEquals("data.resolution must be one of 28, 14, 7, got 20", error(BASE.replace(
                "{format: csv, train: digits.csv, validation: 0.2}", "{format: fashion-mnist, resolution: 20}")));
        assertEquals("data.classes must be a list of class labels 0..9 such as [3, 5], got 'all'", error(BASE.replace(
                "{format: csv, train: digits.csv, validation: 0.2}", "{format: fashion-mnist, classes: all}")));
    }

    @Test
    void fashionMnistSpecTakesAFolder() {
        TaskSpec task = read("spec.yaml", BASE.replace("{format: csv, train: digits.csv, validation: 0.2}",
                "{format: fashion-mnist, dir: fmnist, shape: image}"));

        assertEquals(new DataSource.FashionMnist(ImageLayout.IMAGE, Optional.of(dir.resolve("fmnist"))), task.data());
    }

    @Test
    void unknownTopLevelFieldListsTheValidOnes() {
        assertEquals("unknown field 'epoch'; valid: name, description, data, model, optimizer, batch_size, epochs, target, "
                + "eval_every",
                error(BASE + "epoch: 3\n"));
    }

    @Test
    void unknownDataFieldListsTheValidOnesForTheFormat() {
        assertEquals("unknown field 'data.labels' for format csv; valid: format, train, val, validation, test, label, "
                + "header, normalize", error(BASE.replace("validation: 0.2}", "validation: 0.2, labels: x}")));
    }

    @Test
    void missingRequiredFieldIsNamed() {
        assertEquals("epochs is required", error(BASE.replace("epochs: 30\n", "")));
    }

    @Test
    void missingFormatListsTheFormats() {
        assertEquals("data.format is required; valid: csv, idx, fashion-mnist, synthetic",
                error(BASE.replace("format: csv, ", "")));
    }

    @Test
    void unknownFormatListsTheFormats() {
        assertEquals("data.format 'parquet' is not valid; valid: csv, idx, fashion-mnist, synthetic",
                error(BASE.replace("format: csv", "format: parquet")));
    }

    @Test
    void textWhereAWholeNumberBelongsIsRejected() {
        assertEquals("batch_size must be a whole number >= 1, got 'big'", error(BASE.replace("32", "big")));
    }

    @Test
    void evalEveryIsRead() {
        assertEquals(25, read("spec.yaml", BASE + "eval_every: 25\n").evalEvery());
    }

    @Test
    void withoutEvalEveryTheTaskTakesTheDefault() {
        assertEquals(0, read("spec.yaml", BASE).evalEvery());
    }

    @Test
    void evalEveryBelowOneIsRejected() {
        assertEquals("eval_every must be a whole number >= 1, got 0", error(BASE + "eval_every: 0\n"));
    }

    @Test
    void fractionalBatchSizeIsRejected() {
        assertEquals("batch_size must be a whole number >= 1, got 32.5", error(BASE.replace("32", "32.5")));
    }

    @Test
    void validationFractionOutOfRangeIsRejected() {
        assertEquals("data.validation must be a number in (0, 1), got 1.5", error(BASE.replace("0.2", "1.5")));
    }

    @Test
    void headerMustBeABoolean() {
        assertEquals("data.header must be true or false, got 'maybe'",
                error(BASE.replace("validation: 0.2}", "validation: 0.2, header: maybe}")));
    }

    @Test
    void labelMustBeFirstLastOrAnIndex() {
        assertEquals("data.label must be first, last or a 0-based column index, got 'middle'",
                error(BASE.replace("validation: 0.2}", "validation: 0.2, label: middle}")));
    }

    @Test
    void bothValidationAndValAreRejected() {
        write("other.csv", "1,2,0\n");

        assertEquals("data has both validation (a fraction) and val (a file); give one of them",
                error(BASE.replace("validation: 0.2}", "validation: 0.2, val: other.csv}")));
    }

    @Test
    void neitherValidationNorValIsRejected() {
        assertEquals("data needs validation examples: a fraction to hold out (validation: 0.2) or a file (val: other.csv)",
                error(BASE.replace(", validation: 0.2", "")));
    }

    @Test
    void missingDataFileIsNamedWithItsResolvedPath() {
        assertEquals("data.train: file " + dir.resolve("nope.csv") + " not found",
                error(BASE.replace("digits.csv", "nope.csv")));
    }

    @Test
    void malformedModelSpecIsReportedWithTheField() {
        String parserMessage = assertThrows(SpecException.class, () -> Spec.parse("mlp(hidden=[64]")).getMessage();

        assertEquals("model: " + parserMessage, error(BASE.replace("model: linear", "model: mlp(hidden=[64]")));
    }

    @Test
    void dataMustBeAMapping() {
        assertEquals("data must be a mapping of fields (format, train, ...), got 'digits.csv'",
                error(BASE.replace("{format: csv, train: digits.csv, validation: 0.2}", "digits.csv")));
    }

    @Test
    void unknownTargetMetricListsTheValidOnes() {
        assertEquals("target.metric 'accuracy' is not valid; valid: val_accuracy, val_loss",
                error(BASE + "target: {metric: accuracy, value: 0.9}\n"));
    }

    @Test
    void accuracyTargetAboveOneIsRejected() {
        assertEquals("target.value must be a number in (0, 1], got 95",
                error(BASE + "target: {metric: val_accuracy, value: 95}\n"));
    }

    @Test
    void accuracyTargetOnRegressionIsRejected() {
        assertEquals("target.metric val_accuracy needs a classification task, but the data is a regression; use val_loss",
                error(BASE.replace("{format: csv, train: digits.csv, validation: 0.2}",
                        "{format: synthetic, kind: noisy-quadratic}") + "target: {metric: val_accuracy, value: 0.9}\n"));
    }

    @Test
    void unknownSyntheticParameterListsTheKindsParameters() {
        assertEquals("unknown field 'data.hidden' for kind noisy-quadratic; valid: format, kind, dimension, decades, "
                + "noise, train_size, val_size, task_seed",
                error(BASE.replace("{format: csv, train: digits.csv, validation: 0.2}",
                        "{format: synthetic, kind: noisy-quadratic, hidden: 3}")));
    }

    @Test
    void builtInNameIsReserved() {
        assertEquals("name 'fmnist-mlp' is a built-in task; choose another name",
                error(BASE.replace("digits-mlp", "fmnist-mlp")));
    }

    @Test
    void malformedYamlIsOneLineWithItsPosition() {
        assertEquals("line 2, column 8: malformed YAML: mapping values are not allowed here",
                error("spec.yaml", "name: x\ndata: a: b\n", " "));
    }

    @Test
    void duplicateFieldIsRejected() {
        assertEquals("line 6, column 7: malformed YAML: Duplicate field 'epochs'", error("spec.yaml", BASE + "epochs: 3\n", " "));
    }

    @Test
    void malformedJsonIsOneLineWithItsPosition() {
        String message = error("spec.json", "{\"name\": \"x\",\n \"epochs\": }", " ");

        assertTrue(message.startsWith("line 2, column 12: malformed JSON: Unexpected character ('}'"), message);
    }

    @Test
    void emptyFileIsRejected() {
        assertEquals("the file is empty; a task spec needs the fields name, data, model, batch_size, epochs", error(""));
    }
}
