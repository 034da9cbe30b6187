package dev.psi.train.task;

import dev.psi.train.data.CsvOptions;
import dev.psi.train.data.DataShape;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.FashionMnistOptions;
import dev.psi.train.data.FashionMnistVariant;
import dev.psi.train.data.IdxDataset;
import dev.psi.train.data.IdxOptions;
import dev.psi.train.data.ImageLayout;
import dev.psi.train.data.SyntheticTask;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a task's examples come from: a description that is cheap to hold and compare, and that loads
 * the data only when {@link #load} is called (once per trial).
 */
public sealed interface DataSource {

    /**
     * Loads the examples of one trial.
     *
     * @param trainSize training examples: 0 for the source's default, else a seeded subset (or, for
     *     synthetic sources, this many generated examples)
     * @param seed the trial seed: chooses subsets and held-out parts, and draws synthetic examples
     * @throws dev.psi.train.data.DataException if the data is missing or malformed
     */
    DataSplit load(int trainSize, long seed);

    /** One line for listings, e.g. {@code Fashion-MNIST, flat 784}. */
    String describe();

    /** The sizes at the default training size, when known without reading files. */
    Optional<DataShape> shape();

    /** The least validation loss any model can reach, when known ({@link SyntheticTask#lossFloor}); else empty. */
    default OptionalDouble lossFloor() {
        return OptionalDouble.empty();
    }

    /**
     * Fashion-MNIST, from the given folder or else from {@code $PSI_DATA} or the Debian package's folder.
     *
     * @param layout flat vectors or one-channel images
     * @param directory the folder with the IDX files; empty to look it up when loading
     * @param variant which classes, resolution, label noise and sizes; {@link FashionMnistVariant#STANDARD} for
     *     the dataset itself
     */
    record FashionMnist(ImageLayout layout, Optional<Path> directory, FashionMnistVariant variant)
            implements DataSource {

        public FashionMnist {
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(variant, "variant");
        }

        /** The whole dataset from the given folder, or else from {@code $PSI_DATA} or the Debian package's folder. */
        public FashionMnist(ImageLayout layout, Optional<Path> directory) {
            this(layout, directory, FashionMnistVariant.STANDARD);
        }

        /** From the folder named by {@code $PSI_DATA}, or the Debian package's folder. */
        public FashionMnist(ImageLayout layout) {
            this(layout, Optional.empty());
        }

        @Override
        public DataSplit load(int trainSize, long seed) {
            Path folder = directory.orElseGet(dev.psi.train.data.FashionMnist::directory);
            return dev.psi.train.data.FashionMnist.load(folder,
                    new FashionMnistOptions(trainSize, 0, seed, layout, variant));
        }

        @Override
        public String describe() {
            if (variant.standard()) {
                return "Fashion-MNIST, " + (layout == ImageLayout.FLAT ? "flat 784" : "1x28x28 images");
            }
            int side = variant.resolution();
            return "Fashion-MNIST, " + (layout == ImageLayout.FLAT ? "flat " + side * side : "1x" + side + "x" + side
                    + " images") + ", " + variant.describe();
        }

        /**
         * The sizes of the standard files (a folder with other files may differ); empty when a variant of fewer
         * classes leaves a count to the labels.
         */
        @Override
        public Optional<DataShape> shape() {
            boolean known = variant.allClasses() || (variant.trainSize() > 0 && variant.valSize() > 0);
            return known ? Optional.of(dev.psi.train.data.FashionMnist.shape(
                    new FashionMnistOptions(0, 0, 0, layout, variant))) : Optional.empty();
        }
    }

    /** CSV files of numbers. */
    record Csv(CsvOptions options) implements DataSource {

        public Csv {
            Objects.requireNonNull(options, "options");
        }

        @Override
        public DataSplit load(int trainSize, long seed) {
            return dev.psi.train.data.Csv.load(options, trainSize, seed);
        }

        @Override
        public String describe() {
            return "CSV " + options.train().getFileName() + ", label " + options.label() + ", "
                    + validation(options.validationFile(), options.validationFraction()) + ", normalize "
                    + options.normalize().word();
        }

        @Override
        public Optional<DataShape> shape() {
            return Optional.empty();
        }
    }

    /** IDX image and label files. */
    record Idx(IdxOptions options) implements DataSource {

        public Idx {
            Objects.requireNonNull(options, "options");
        }

        @Override
        public DataSplit load(int trainSize, long seed) {
            return IdxDataset.load(options, trainSize, seed);
        }

        @Override
        public String describe() {
            return "IDX " + options.images().getFileName() + ", " + options.layout().word() + ", "
                    + validation(options.validationImages(), options.validationFraction()) + ", normalize "
                    + options.normalize().word();
        }

        @Override
        public Optional<DataShape> shape() {
            return Optional.empty();
        }
    }

    /** Examples generated from seeds. */
    record Synthetic(SyntheticTask task) implements DataSource {

        public Synthetic {
            Objects.requireNonNull(task, "task");
        }

        @Override
        public DataSplit load(int trainSize, long seed) {
            return task.generate(trainSize, seed);
        }

        @Override
        public String describe() {
            return task.describe();
        }

        @Override
        public Optional<DataShape> shape() {
            return Optional.of(task.shape());
        }

        @Override
        public OptionalDouble lossFloor() {
            return task.lossFloor();
        }
    }

    private static String validation(Optional<Path> file, double fraction) {
        return file.map(path -> "validation " + path.getFileName())
                .orElseGet(() -> BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString()
                        + "% held out");
    }
}
