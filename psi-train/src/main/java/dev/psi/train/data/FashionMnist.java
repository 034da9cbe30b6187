package dev.psi.train.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Loads Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 28x28 grey-scale images of clothing in 10
 * classes, 60 000 for training and 10 000 for testing.
 *
 * <p><b>Splits.</b> A sixth of the training file (10 000 images), chosen once by a fixed seed and the same
 * for every trial, is the validation part; the trial's training examples come from the other 50 000; the
 * 10 000 test images are the test part, which nothing in Psi chooses on.
 *
 * <p><b>Where.</b> The four IDX files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz}) are
 * read from the folder named by the environment variable {@value #ENVIRONMENT_VARIABLE} if it is set,
 * else from {@code /usr/share/datasets/fashion-mnist}, where Debian's package
 * {@code dataset-fashion-mnist} installs them.
 *
 * <p><b>Values.</b> A pixel {@code p} in 0..255 becomes {@code (p / 255 - MEAN) / STD} with the usual
 * constants {@link #MEAN} = 0.2860 and {@link #STD} = 0.3530 (the mean and standard deviation of the
 * training pixels scaled to [0, 1]); the Python benchmark applies the same transform, so both see the
 * same numbers. Targets are the class indices 0..9 as floats.
 *
 * <p><b>Subsets.</b> A train (or validation) size of 0 takes the whole part; a positive size takes a
 * seeded subset, kept in file order. For one seed, subsets are nested: the 1000 examples chosen for
 * size 1000 are among the 2000 chosen for size 2000. Only the chosen rows are converted to floats.
 *
 * <p>Stateless and thread-safe; every call reads the files again (about 0.4 s for the whole set).
 */
public final class FashionMnist {

    /** The environment variable that overrides {@link #DEFAULT_DIRECTORY}. */
    public static final String ENVIRONMENT_VARIABLE = "PSI_DATA";
    /** Where Debian's package {@code dataset-fashion-mnist} installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** Mean of the training pixels scaled to [0, 1]. */
    public static final double MEAN = 0.2860;
    /** Standard deviation of the training pixels scaled to [0, 1]. */
    public static final double STD = 0.3530;
    public static final int TRAIN_COUNT = 60_000;
    public static final int TEST_COUNT = 10_000;
    /** The fraction of the training file held out as the validation part. */
    public static final double VALIDATION_FRACTION = 1.0 / 6;
    /** Training examples left once the validation part is held out of the standard training file. */
    public static final int TRAIN_POOL = 50_000;
    public static final int ROWS = 28;
    public static final int COLUMNS = 28;
    public static final int CLASSES = 10;
    /** Class names by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Standardized value of each byte value, computed once: conversion is then one lookup per pixel. */
    private static final float[] STANDARDIZED = new float[256];

    static {
        for (int p = 0; p < 256; p++) {
            STANDARDIZED[p] = (float) ((p / 255.0 - MEAN) / STD);
        }
    }

    private FashionMnist() {
    }

    /** The folder to read: {@code $PSI_DATA} if set and not blank, else {@link #DEFAULT_DIRECTORY}. */
    public static Path directory() {
        return directory(System.getenv());
    }

    /** Like {@link #directory()}, with the environment given explicitly (for tests and launchers). */
    public static Path directory(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        return value == null || value.isBlank() ? DEFAULT_DIRECTORY : Path.of(value);
    }

    /** Loads from {@link #directory()}: {@code trainSize} training examples (0 = all), all validation examples. */
    public static DataSplit load(int trainSize, long seed, boolean imageShape) {
        return load(new FashionMnistOptions(trainSize, 0, seed, imageShape ? ImageLayout.IMAGE : ImageLayout.FLAT));
    }

    /** Loads from {@link #directory()}. */
    public static DataSplit load(FashionMnistOptions options) {
        return load(directory(), options);
    }

    /**
     * Loads from {@code directory}.
     *
     * @throws DataException if a file is missing (naming the package and the variable) or malformed
     */
    public static DataSplit load(Path directory, FashionMnistOptions options) {
        Path trainImages = find(directory, TRAIN_IMAGES);
        Path trainLabels = find(directory, TRAIN_LABELS);
        Path testImages = find(directory, TEST_IMAGES);
        Path testLabels = find(directory, TEST_LABELS);
        FashionMnistVariant variant = options.variant();
        Idx.Labelled trainFile = read(trainImages, trainLabels);
        int[][] parts = Sampling.splitRows(trainFile.images().count(), VALIDATION_FRACTION, Sampling.TASK_SEED,
                Sampling.HOLD_OUT, "validation", "Fashion-MNIST");
        String source = variant.allClasses() ? "Fashion-MNIST" : "Fashion-MNIST classes " + variant.classes();
        int trainSize = options.trainSize() == 0 ? variant.trainSize() : options.trainSize();
        int[] train = Sampling.subsetRows(ofClasses(parts[0], trainFile, variant), trainSize, options.seed(),
                Sampling.TRAIN_SUBSET, "train", source);
        int[] validationPool = ofClasses(parts[1], trainFile, variant);
        int[] validation = options.valSize() > 0
                ? Sampling.subsetRows(validationPool, options.valSize(), options.seed(), Sampling.VALIDATION_SUBSET,
                        "validation", source)
                : Sampling.subsetRows(validationPool, variant.valSize(), Sampling.TASK_SEED, Sampling.VALIDATION_SUBSET,
                        "validation", source);
        Idx.Labelled testFile = read(testImages, testLabels);
        int[] test = Sampling.subsetRows(ofClasses(IntStream.range(0, testFile.images().count()).toArray(), testFile,
                variant), variant.testSize(), Sampling.TASK_SEED, Sampling.TEST_HOLD_OUT, "test", source);
        Examples trainExamples = examples(trainFile, trainLabels, train, options.layout(), variant);
        return new DataSplit(Sampling.flipLabels(trainExamples, variant.labelNoise(), options.seed()),
                examples(trainFile, trainLabels, validation, options.layout(), variant),
                examples(testFile, testLabels, test, options.layout(), variant));
    }

    /**
     * The sizes {@link #load(FashionMnistOptions)} gives with the standard files, without reading them. With a
     * variant of fewer classes and no fixed sizes, the counts depend on the labels: the training and validation
     * counts shown are then their expected values.
     */
    public static DataShape shape(FashionMnistOptions options) {
        FashionMnistVariant variant = options.variant();
        double share = variant.classes().size() / (double) CLASSES;
        int trainSize = options.trainSize() == 0 ? variant.trainSize() : options.trainSize();
        int valSize = options.valSize() == 0 ? variant.valSize() : options.valSize();
        return new DataShape(trainSize == 0 ? (int) Math.round(TRAIN_POOL * share) : trainSize,
                valSize == 0 ? (int) Math.round((TRAIN_COUNT - TRAIN_POOL) * share) : valSize,
                options.layout().featureShape(variant.resolution(), variant.resolution()), variant.classes().size());
    }

    /** The file {@code name} or {@code name.gz} in {@code directory}, preferring the plain one. */
    private static Path find(Path directory, String name) {
        Path plain = directory.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gzipped = directory.resolve(name + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        String missing = Files.isDirectory(directory) ? " (it has no " + name + " or " + name + ".gz)" : "";
        throw new DataException("Fashion-MNIST not found in " + directory + missing
                + ": install Debian's package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set "
                + ENVIRONMENT_VARIABLE + " to a folder with its IDX files");
    }

    private static Idx.Labelled read(Path imagesFile, Path labelsFile) {
        Idx.Labelled data = IdxCache.labelled(imagesFile, labelsFile);
        if (data.images().rows() != ROWS || data.images().columns() != COLUMNS) {
            throw new DataException(imagesFile + " holds " + data.images().rows() + "x" + data.images().columns()
                    + " images; Fashion-MNIST images are " + ROWS + "x" + COLUMNS);
        }
        return data;
    }

    /** Those of {@code rows} whose label is one of the variant's classes, in the same order. */
    private static int[] ofClasses(int[] rows, Idx.Labelled data, FashionMnistVariant variant) {
        if (variant.allClasses()) {
            return rows;
        }
        boolean[] kept = new boolean[256];
        variant.classes().forEach(c -> kept[c] = true);
        return IntStream.of(rows).filter(row -> kept[data.labels()[row] & 0xFF]).toArray();
    }

    /**
     * The examples at {@code rows} of one pair of files, standardized, relabelled and downsampled as the variant
     * says; only those rows are converted.
     */
    private static Examples examples(Idx.Labelled data, Path labelsFile, int[] rows, ImageLayout layout,
            FashionMnistVariant variant) {
        Idx.Images images = data.images();
        int n = rows.length;
        int pixels = images.pixelsPerImage();
        int side = variant.resolution();
        int block = ROWS / side;
        int[] labelOf = new int[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            labelOf[k] = variant.classes().indexOf(k);
        }
        byte[] source = images.pixels();
        float[] features = new float[Math.multiplyExact(n, side * side)];
        float[] targets = new float[n];
        for (int k = 0; k < n; k++) {
            int row = rows[k];
            int label = data.labels()[row] & 0xFF;
            if (label >= CLASSES) {
                throw new DataException(labelsFile + ": label " + label + " of example " + row
                        + " is out of range; Fashion-MNIST labels are 0..9");
            }
            targets[k] = labelOf[label];
            int from = row * pixels;
            if (block == 1) {
                int to = k * pixels;
                for (int i = 0; i < pixels; i++) {
                    features[to + i] = STANDARDIZED[source[from + i] & 0xFF];
                }
            } else {
                downsample(source, from, block, features, k * side * side);
            }
        }
        return new Examples(n, layout.featureShape(side, side), features, targets, variant.classes().size());
    }

    /** Writes the means of {@code block x block} squares of the standardized image at {@code from}. */
    private static void downsample(byte[] source, int from, int block, float[] features, int to) {
        int side = ROWS / block;
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double sum = 0;
                for (int i = 0; i < block; i++) {
                    for (int j = 0; j < block; j++) {
                        sum += STANDARDIZED[source[from + (r * block + i) * COLUMNS + c * block + j] & 0xFF];
                    }
                }
                features[to + r * side + c] = (float) (sum / (block * block));
            }
        }
    }
}
