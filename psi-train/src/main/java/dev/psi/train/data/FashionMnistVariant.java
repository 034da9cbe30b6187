package dev.psi.train.data;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which Fashion-MNIST problem to pose: a choice of classes, a resolution, a rate of label noise and fixed
 * sizes. It is what a task family varies to make many cheap image tasks out of one dataset; the standard
 * variant ({@link #STANDARD}) is the dataset itself, and loads exactly as it did before variants existed.
 *
 * <p>The parts are chosen as for the whole dataset ({@link FashionMnist}) and then restricted to the chosen
 * classes; label {@code k} of the task is the dataset's class {@code classes.get(k)}. The validation and test
 * subsets are chosen by a fixed seed, the same for every trial, so every trial of a task is judged on the same
 * examples; the training subset and the label noise are drawn by the trial seed. Label noise replaces that
 * fraction of the <em>training</em> labels by another of the task's classes, drawn uniformly; validation and
 * test keep the true labels. A lower resolution averages blocks of pixels (28 / resolution on a side) of the
 * standardized image.
 *
 * @param classes the dataset's classes the task uses, in label order: at least 2, distinct, each in 0..9
 * @param resolution pixels on a side: 28, 14 or 7
 * @param labelNoise fraction of training labels replaced by another class, in [0, 1)
 * @param trainSize training examples when the trial asks for the default: 0 for all that remain
 * @param valSize validation examples, a fixed subset: 0 for all of the task's classes in the validation part
 * @param testSize test examples, a fixed subset: 0 for all of the task's classes in the test file
 */
public record FashionMnistVariant(List<Integer> classes, int resolution, double labelNoise, int trainSize, int valSize,
        int testSize) {

    /** The resolutions a variant may have: 28 divided by 1, 2 or 4. */
    public static final List<Integer> RESOLUTIONS = List.of(28, 14, 7);
    /** All ten classes, full resolution, no label noise, all examples. */
    public static final FashionMnistVariant STANDARD = new FashionMnistVariant(
            IntStream.range(0, FashionMnist.CLASSES).boxed().toList(), FashionMnist.ROWS, 0, 0, 0, 0);

    public FashionMnistVariant {
        classes = List.copyOf(Objects.requireNonNull(classes, "classes"));
        if (classes.size() < 2 || classes.stream().distinct().count() != classes.size()
                || classes.stream().anyMatch(c -> c < 0 || c >= FashionMnist.CLASSES)) {
            throw new DataException("Fashion-MNIST classes must be at least 2 distinct labels in 0..9, got " + classes);
        }
        if (!RESOLUTIONS.contains(resolution)) {
            throw new DataException("Fashion-MNIST resolution must be one of 28, 14, 7, got " + resolution);
        }
        if (!(labelNoise >= 0 && labelNoise < 1)) {
            throw new DataException("label noise must be a fraction in [0, 1), got " + labelNoise);
        }
        if (trainSize < 0 || valSize < 0 || testSize < 0) {
            throw new DataException("Fashion-MNIST sizes must be >= 0 (0 = all), got train " + trainSize
                    + ", validation " + valSize + ", test " + testSize);
        }
    }

    /** Whether all ten classes are used in their own order (no relabelling, no filtering). */
    public boolean allClasses() {
        return classes.equals(STANDARD.classes);
    }

    /** Whether this is the dataset itself. */
    public boolean standard() {
        return equals(STANDARD);
    }

    /** One phrase for listings, e.g. {@code classes 3 vs 5, 14x14, label noise 0.1, 2000/1000/1000 examples}. */
    public String describe() {
        String which = allClasses() ? "10 classes" : classes.size() == 2 ? "classes " + classes.get(0) + " vs "
                + classes.get(1) : "classes " + classes.stream().map(String::valueOf).collect(Collectors.joining(","));
        return which + ", " + resolution + "x" + resolution + (labelNoise == 0 ? "" : ", label noise "
                + Numbers.format(labelNoise)) + ", " + size(trainSize) + "/" + size(valSize) + "/" + size(testSize)
                + " train/val/test";
    }

    private static String size(int size) {
        return size == 0 ? "all" : Integer.toString(size);
    }
}
