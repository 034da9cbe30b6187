package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    private static final FashionMnistOptions ALL = FashionMnistOptions.all();

    @TempDir
    Path dir;

    @Test
    void loadsEveryFixtureExample() {
        DataSplit split = FashionMnist.load(Fixtures.fmnistSmall(), ALL);

        // A sixth of the training file (333 of 2000) is the validation part; the test file is the test part.
        assertEquals(Fixtures.TRAIN - 333, split.train().count());
        assertEquals(333, split.validation().count());
        assertEquals(Fixtures.TEST, split.test().count());
        assertEquals(10, split.train().numClasses());
    }

    @Test
    void flatLayoutHas784Features() {
        DataSplit split = FashionMnist.load(Fixtures.fmnistSmall(), ALL);

        assertArrayEquals(new long[] {784}, split.train().featureShape());
    }

    @Test
    void imageLayoutHasOneChannelOf28By28() {
        DataSplit split = FashionMnist.load(Fixtures.fmnistSmall(), ALL.withLayout(ImageLayout.IMAGE));

        assertArrayEquals(new long[] {1, 28, 28}, split.train().featureShape());
        assertArrayEquals(new long[] {1, 28, 28}, split.validation().featureShape());
    }

    @Test
    void theTestPartIsTheTestFileInFileOrder() {
        DataSplit split = FashionMnist.load(Fixtures.fmnistSmall(), ALL);

        assertArrayEquals(new float[] {9, 2, 1, 1, 6}, Arrays.copyOf(split.test().targets(), 5));
    }

    @Test
    void trainAndValidationPartitionTheTrainingFile() {
        DataSplit split = FashionMnist.load(Fixtures.fmnistSmall(), ALL);
        Set<Integer> train = rows(split.train());

        assertEquals(Fixtures.TRAIN - 333, train.size(), "no duplicate images in the fixture's training part");
        assertTrue(rows(split.validation()).stream().noneMatch(train::contains), "no validation image is trained on");
    }

    @Test
    void theValidationPartIsTheSameForEverySeed() {
        DataSplit first = FashionMnist.load(Fixtures.fmnistSmall(), ALL.withTrainSize(300, 7));
        DataSplit second = FashionMnist.load(Fixtures.fmnistSmall(), ALL.withTrainSize(300, 1001));

        assertEquals(first.validation(), second.validation());
        assertFalse(first.train().equals(second.train()));
    }

    @Test
    void pixelsAreScaledThenStandardized() {
        DataSplit split = FashionMnist.load(Fixtures.fmnistSmall(), ALL);

        // The first test image has 110 at row 14, column 14: (110 / 255 - 0.2860) / 0.3530
        assertEquals((float) ((110 / 255.0 - 0.2860) / 0.3530), split.test().features()[14 * 28 + 14]);
        // A background pixel: (0 - 0.2860) / 0.3530
        assertEquals(-0.8101983f, split.test().features()[0]);
    }

    @Test
    void trainSubsetHasTheRequestedSize() {
        DataSplit split = FashionMnist.load(Fixtures.fmnistSmall(), ALL.withTrainSize(300, 7));

        assertEquals(300, split.train().count());
        assertEquals(333, split.validation().count());
    }

    @Test
    void sameSeedChoosesTheSameTrainSubset() {
        DataSplit first = FashionMnist.load(Fixtures.fmnistSmall(), ALL.withTrainSize(300, 7));
        DataSplit second = FashionMnist.load(Fixtures.fmnistSmall(), ALL.withTrainSize(300, 7));

        assertEquals(first.train(), second.train());
    }

    @Test
    void otherSeedChoosesAnotherTrainSubset() {
        DataSplit first = FashionMnist.load(Fixtures.fmnistSmall(), ALL.withTrainSize(300, 7));
        DataSplit second = FashionMnist.load(Fixtures.fmnistSmall(), ALL.withTrainSize(300, 8));

        assertNotEquals(first.train(), second.train());
    }

    @Test
    void validationSubsetHasTheRequestedSize() {
        DataSplit split = FashionMnist.load(Fixtures.fmnistSmall(), new FashionMnistOptions(0, 100, 3, ImageLayout.FLAT));

        assertEquals(100, split.validation().count());
    }

    @Test
    void trainSizeAboveTheFileIsAnError() {
        DataException e = assertThrows(DataException.class,
                () -> FashionMnist.load(Fixtures.fmnistSmall(), ALL.withTrainSize(1668, 1)));

        assertEquals("train size 1668 is more than the 1667 train examples of Fashion-MNIST", e.getMessage());
    }

    @Test
    void missingFolderNamesThePackageAndTheVariable() {
        Path missing = dir.resolve("no-such-folder");

        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(missing, ALL));

        assertEquals("Fashion-MNIST not found in " + missing + ": install Debian's package dataset-fashion-mnist "
                + "(apt-get install dataset-fashion-mnist) or set PSI_DATA to a folder with its IDX files", e.getMessage());
    }

    @Test
    void missingFileInAnExistingFolderNamesTheFile() throws Exception {
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz"}) {
            Files.copy(Fixtures.file(name), dir.resolve(name));
        }

        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir, ALL));

        assertEquals("Fashion-MNIST not found in " + dir + " (it has no t10k-labels-idx1-ubyte or "
                + "t10k-labels-idx1-ubyte.gz): install Debian's package dataset-fashion-mnist "
                + "(apt-get install dataset-fashion-mnist) or set PSI_DATA to a folder with its IDX files", e.getMessage());
    }

    @Test
    void plainFilesLoadLikeGzippedOnes() {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            Fixtures.write(dir.resolve(name), Fixtures.gunzip(name + ".gz"));
        }

        assertEquals(FashionMnist.load(Fixtures.fmnistSmall(), ALL), FashionMnist.load(dir, ALL));
    }

    @Test
    void directoryComesFromPsiData() {
        assertEquals(Path.of("/data/fmnist"), FashionMnist.directory(Map.of("PSI_DATA", "/data/fmnist")));
    }

    @Test
    void directoryDefaultsToTheDebianPackage() {
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), FashionMnist.directory(Map.of()));
    }

    @Test
    void blankPsiDataMeansUnset() {
        assertEquals(FashionMnist.DEFAULT_DIRECTORY, FashionMnist.directory(Map.of("PSI_DATA", " ")));
    }

    @Test
    void shapeIsKnownWithoutReadingFiles() {
        DataShape shape = FashionMnist.shape(new FashionMnistOptions(5000, 0, 1, ImageLayout.IMAGE));

        assertEquals(new DataShape(5000, 10_000, new long[] {1, 28, 28}, 10), shape);
    }

    /** Each example's pixels, hashed: equal sets of rows mean equal images. */
    private static Set<Integer> rows(Examples examples) {
        Set<Integer> rows = new HashSet<>();
        int size = examples.featureSize();
        for (int i = 0; i < examples.count(); i++) {
            rows.add(Arrays.hashCode(Arrays.copyOfRange(examples.features(), i * size, (i + 1) * size)));
        }
        return rows;
    }
}
