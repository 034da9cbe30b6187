package dev.psi.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    /** Four training rows: two features and a label in the last column. */
    private static final String TRAIN = "1,10,0\n2,10,1\n3,20,0\n4,20,1\n";
    private static final String VALIDATION = "5,30,1\n";

    @TempDir
    Path dir;

    private DataSplit load(CsvOptions options) {
        return Csv.load(options, 0, 1);
    }

    private CsvOptions withValidationFile(String train, String validation) {
        return CsvOptions.withValidationFile(Fixtures.write(dir.resolve("train.csv"), train),
                Fixtures.write(dir.resolve("val.csv"), validation));
    }

    @Test
    void labelLastIsTheDefault() {
        DataSplit split = load(withValidationFile(TRAIN, VALIDATION));

        assertArrayEquals(new float[] {1, 10, 2, 10, 3, 20, 4, 20}, split.train().features());
        assertArrayEquals(new float[] {0, 1, 0, 1}, split.train().targets());
        assertArrayEquals(new long[] {2}, split.train().featureShape());
        assertEquals(2, split.train().numClasses());
    }

    @Test
    void labelFirst() {
        DataSplit split = load(withValidationFile("0,1,10\n1,2,10\n", "1,5,30\n").withLabel(LabelColumn.first()));

        assertArrayEquals(new float[] {1, 10, 2, 10}, split.train().features());
        assertArrayEquals(new float[] {0, 1}, split.train().targets());
    }

    @Test
    void labelByIndex() {
        DataSplit split = load(withValidationFile("1,0,10\n2,2,10\n", "5,1,30\n").withLabel(new LabelColumn(1)));

        assertArrayEquals(new float[] {1, 10, 2, 10}, split.train().features());
        assertArrayEquals(new float[] {0, 2}, split.train().targets());
        assertEquals(3, split.train().numClasses());
    }

    @Test
    void numberOfClassesCountsTheValidationLabelsToo() {
        DataSplit split = load(withValidationFile(TRAIN, "5,30,4\n"));

        assertEquals(5, split.train().numClasses());
        assertEquals(5, split.validation().numClasses());
    }

    @Test
    void headerLineIsSkipped() {
        DataSplit split = load(withValidationFile("a,b,label\n" + TRAIN, "a,b,label\n" + VALIDATION).withHeader(true));

        assertEquals(4, split.train().count());
        assertEquals(1, split.validation().count());
    }

    @Test
    void blankLinesAndSpacesAroundCellsAreIgnored() {
        DataSplit split = load(withValidationFile(" 1 , 10 ,0\n\n2,10, 1\n", VALIDATION));

        assertArrayEquals(new float[] {1, 10, 2, 10}, split.train().features());
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() {
        String train = "1,10,0\n2,abc,1\n";

        DataException e = assertThrows(DataException.class, () -> load(withValidationFile(train, VALIDATION)));

        assertEquals(dir.resolve("train.csv") + " line 2, column 2: 'abc' is not a number", e.getMessage());
    }

    @Test
    void lineNumbersCountTheHeaderAndBlankLines() {
        String train = "a,b,label\n1,10,0\n\n2,x,1\n";

        DataException e = assertThrows(DataException.class,
                () -> load(withValidationFile(train, VALIDATION).withHeader(true)));

        assertEquals(dir.resolve("train.csv") + " line 4, column 2: 'x' is not a number", e.getMessage());
    }

    @Test
    void nonFiniteCellIsRejected() {
        DataException e = assertThrows(DataException.class, () -> load(withValidationFile("1,NaN,0\n", VALIDATION)));

        assertEquals(dir.resolve("train.csv") + " line 1, column 2: 'NaN' is not a finite number", e.getMessage());
    }

    @Test
    void emptyCellIsRejected() {
        DataException e = assertThrows(DataException.class, () -> load(withValidationFile("1,,0\n", VALIDATION)));

        assertEquals(dir.resolve("train.csv") + " line 1, column 2: the cell is empty; every cell must be a number",
                e.getMessage());
    }

    @Test
    void raggedRowIsRejected() {
        DataException e = assertThrows(DataException.class,
                () -> load(withValidationFile("1,10,0\n2,10,5,1\n", VALIDATION)));

        assertEquals(dir.resolve("train.csv") + " line 2 has 4 columns, but line 1 has 3; every row must have the same "
                + "columns", e.getMessage());
    }

    @Test
    void validationFileWithOtherColumnsIsRejected() {
        DataException e = assertThrows(DataException.class, () -> load(withValidationFile(TRAIN, "5,1\n")));

        assertEquals(dir.resolve("val.csv") + " line 1 has 2 columns, but the training file has 3", e.getMessage());
    }

    @Test
    void labelColumnOutOfRangeNamesTheValidRange() {
        DataException e = assertThrows(DataException.class,
                () -> load(withValidationFile(TRAIN, VALIDATION).withLabel(new LabelColumn(7))));

        assertEquals("label column 7 is out of range: " + dir.resolve("train.csv") + " has 3 columns, so valid are "
                + "first, last or 0..2", e.getMessage());
    }

    @Test
    void fractionalLabelIsRejected() {
        DataException e = assertThrows(DataException.class,
                () -> load(withValidationFile("1,10,0\n2,10,0.5\n", VALIDATION)));

        assertEquals(dir.resolve("train.csv") + " line 2, column 3: label '0.5' is not a class index; labels must be "
                + "whole numbers in 0..65535", e.getMessage());
    }

    @Test
    void negativeLabelIsRejected() {
        DataException e = assertThrows(DataException.class,
                () -> load(withValidationFile("1,10,-1\n", VALIDATION)));

        assertEquals(dir.resolve("train.csv") + " line 1, column 3: label '-1' is not a class index; labels must be "
                + "whole numbers in 0..65535", e.getMessage());
    }

    @Test
    void singleClassIsRejected() {
        DataException e = assertThrows(DataException.class,
                () -> load(withValidationFile("1,10,0\n2,10,0\n", "5,30,0\n")));

        assertEquals(dir.resolve("train.csv") + " has only one class (label 0); classification needs at least two",
                e.getMessage());
    }

    @Test
    void fileWithoutRowsIsRejected() {
        DataException e = assertThrows(DataException.class,
                () -> load(withValidationFile("a,b,label\n", VALIDATION).withHeader(true)));

        assertEquals(dir.resolve("train.csv") + " has no data rows after its header", e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        CsvOptions options = CsvOptions.heldOut(dir.resolve("absent.csv"), 0.2);

        DataException e = assertThrows(DataException.class, () -> load(options));

        assertEquals(dir.resolve("absent.csv") + " not found", e.getMessage());
    }

    @Test
    void standardNormalizationUsesTrainStatisticsOnly() {
        DataSplit split = load(withValidationFile(TRAIN, VALIDATION).withNormalize(Normalization.STANDARD));

        // Feature 0: mean 2.5, population std sqrt(1.25). Feature 1: mean 15, std 5.
        float a = (float) (1.5 / Math.sqrt(1.25));
        float b = (float) (0.5 / Math.sqrt(1.25));
        assertArrayEquals(new float[] {-a, -1, -b, -1, b, 1, a, 1}, split.train().features());
        // The validation row (5, 30) is scaled with the training statistics: (5 - 2.5) / sqrt(1.25), (30 - 15) / 5.
        assertArrayEquals(new float[] {(float) (2.5 / Math.sqrt(1.25)), 3}, split.validation().features());
    }

    @Test
    void minMaxNormalizationUsesTrainStatisticsOnly() {
        DataSplit split = load(withValidationFile(TRAIN, VALIDATION).withNormalize(Normalization.MINMAX));

        assertArrayEquals(new float[] {0, 0, 1f / 3, 0, 2f / 3, 1, 1, 1}, split.train().features());
        assertArrayEquals(new float[] {4f / 3, 2}, split.validation().features());
    }

    @Test
    void heldOutFractionIsRoundedToTheNearestWholeExample() {
        DataSplit split = load(CsvOptions.heldOut(Fixtures.write(dir.resolve("train.csv"), rows(10)), 0.25));

        assertEquals(7, split.train().count());
        assertEquals(3, split.validation().count());
    }

    @Test
    void sameSeedHoldsOutTheSameExamples() {
        CsvOptions options = CsvOptions.heldOut(Fixtures.write(dir.resolve("train.csv"), rows(50)), 0.2);

        assertEquals(Csv.load(options, 0, 11), Csv.load(options, 0, 11));
    }

    @Test
    void otherSeedHoldsOutOtherExamples() {
        CsvOptions options = CsvOptions.heldOut(Fixtures.write(dir.resolve("train.csv"), rows(50)), 0.2);

        assertNotEquals(Csv.load(options, 0, 11).validation(), Csv.load(options, 0, 12).validation());
    }

    @Test
    void heldOutAndTrainingPartsTogetherAreTheFile() {
        CsvOptions options = CsvOptions.heldOut(Fixtures.write(dir.resolve("train.csv"), rows(20)), 0.2);

        DataSplit split = Csv.load(options, 0, 5);

        float[] seen = new float[20];
        for (Examples part : new Examples[] {split.train(), split.validation()}) {
            for (int k = 0; k < part.count(); k++) {
                seen[(int) part.features()[k]] += 1;
            }
        }
        float[] once = new float[20];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
    }

    @Test
    void fractionThatLeavesNoValidationExampleIsRejected() {
        Path file = Fixtures.write(dir.resolve("train.csv"), rows(3));

        DataException e = assertThrows(DataException.class, () -> load(CsvOptions.heldOut(file, 0.1)));

        assertEquals(file + " has 3 examples: validation fraction 0.1 leaves no validation examples", e.getMessage());
    }

    @Test
    void trainSizeTakesASeededSubsetOfTheTrainingPart() {
        CsvOptions options = CsvOptions.heldOut(Fixtures.write(dir.resolve("train.csv"), rows(50)), 0.2);

        DataSplit split = Csv.load(options, 10, 3);

        assertEquals(10, split.train().count());
        assertEquals(10, split.validation().count());
    }

    /** {@code n} rows "k,label" with feature k and labels alternating 0 and 1. */
    private static String rows(int n) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < n; k++) {
            out.append(k).append(',').append(k % 2).append('\n');
        }
        return out.toString();
    }
}
