package dev.psi.train.data;

/**
 * Loads a classification task from any IDX image and label files (MNIST, Fashion-MNIST, KMNIST, your
 * own). Pixels are scaled to [0, 1] and then normalized as {@link IdxOptions#normalize()} says; the
 * number of classes is the largest label plus one.
 *
 * <p>Order of operations: read, hold out the validation part (or read the validation files), take the
 * seeded train subset, then normalize with statistics of that training part.
 */
public final class IdxDataset {

    private IdxDataset() {
    }

    /**
     * Loads the split described by {@code options}.
     *
     * @param trainSize training examples to use: 0 for all, else a seeded subset of this many
     * @param seed chooses the held-out validation part and the train subset
     */
    public static DataSplit load(IdxOptions options, int trainSize, long seed) {
        Idx.Labelled train = IdxCache.labelled(options.images(), options.labels());
        Idx.Labelled validation = options.validationImages().isPresent()
                ? IdxCache.labelled(options.validationImages().get(), options.validationLabels().orElseThrow())
                : null;
        if (validation != null && (validation.images().rows() != train.images().rows()
                || validation.images().columns() != train.images().columns())) {
            throw new DataException(options.validationImages().get() + " holds " + validation.images().rows() + "x"
                    + validation.images().columns() + " images but " + options.images() + " holds "
                    + train.images().rows() + "x" + train.images().columns());
        }
        int maxLabel = maxLabel(train.labels());
        if (validation != null) {
            maxLabel = Math.max(maxLabel, maxLabel(validation.labels()));
        }
        if (maxLabel < 1) {
            throw new DataException(options.labels() + " has only one class (label " + Math.max(maxLabel, 0)
                    + "); classification needs at least two");
        }
        String source = options.images().toString();
        int numClasses = maxLabel + 1;
        return options.normalize().apply(Sampling.partition(examples(train, options, numClasses),
                validation == null ? null : examples(validation, options, numClasses), options.validationFraction(),
                options.testFraction(), trainSize, seed, source));
    }

    private static int maxLabel(byte[] labels) {
        int max = -1;
        for (byte label : labels) {
            max = Math.max(max, label & 0xFF);
        }
        return max;
    }

    private static Examples examples(Idx.Labelled data, IdxOptions options, int numClasses) {
        Idx.Images images = data.images();
        byte[] pixels = images.pixels();
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            features[i] = (pixels[i] & 0xFF) / 255f;
        }
        float[] targets = new float[images.count()];
        for (int k = 0; k < targets.length; k++) {
            targets[k] = data.labels()[k] & 0xFF;
        }
        return new Examples(images.count(), options.layout().featureShape(images.rows(), images.columns()), features,
                targets, numClasses);
    }
}
