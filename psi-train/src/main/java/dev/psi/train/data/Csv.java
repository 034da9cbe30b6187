package dev.psi.train.data;

import dev.psi.core.spec.Echo;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads a classification task from CSV files of numbers.
 *
 * <p>Each non-blank line is one example; cells are separated by commas and may be surrounded by
 * spaces. Every cell must be a finite number; the label column must hold class indices, whole numbers
 * in {@code 0..}{@value #MAX_LABEL}, and the number of classes is the largest label plus one (over the
 * training and validation files). Any defect is a {@link DataException} that names the file, the line
 * and the column (both 1-based, as editors count them).
 *
 * <p>Order of operations: read, hold out the validation part (or read the validation file), take the
 * seeded train subset, then normalize with statistics of that training part.
 */
public final class Csv {

    /** The largest label accepted: a guard against a real-valued column taken for labels by mistake. */
    public static final int MAX_LABEL = 65_535;

    private Csv() {
    }

    /**
     * Loads the split described by {@code options}.
     *
     * @param trainSize training examples to use: 0 for all, else a seeded subset of this many
     * @param seed chooses the held-out validation part and the train subset
     */
    public static DataSplit load(CsvOptions options, int trainSize, long seed) {
        Table train = read(options.train(), options.header(), options.label(), -1);
        Table validation = options.validationFile()
                .map(file -> read(file, options.header(), options.label(), train.columns))
                .orElse(null);
        int maxLabel = validation == null ? train.maxLabel : Math.max(train.maxLabel, validation.maxLabel);
        if (maxLabel < 1) {
            throw new DataException(options.train() + " has only one class (label 0); classification needs at least two");
        }
        int numClasses = maxLabel + 1;
        String source = options.train().toString();
        return options.normalize().apply(Sampling.partition(train.examples(numClasses),
                validation == null ? null : validation.examples(numClasses), options.validationFraction(),
                options.testFraction(), trainSize, seed, source));
    }

    /** The cells of one file, with the label column taken out. */
    private static final class Table {
        final int columns;
        int count;
        float[] features = new float[1024];
        float[] labels = new float[64];
        int maxLabel = -1;

        Table(int columns) {
            this.columns = columns;
        }

        void add(double[] row, int labelIndex) {
            int featureCount = columns - 1;
            if (count == labels.length) {
                labels = Arrays.copyOf(labels, count * 2);
            }
            while ((long) (count + 1) * featureCount > features.length) {
                features = Arrays.copyOf(features, Math.multiplyExact(features.length, 2));
            }
            int at = count * featureCount;
            for (int c = 0; c < columns; c++) {
                if (c != labelIndex) {
                    features[at++] = (float) row[c];
                }
            }
            labels[count] = (float) row[labelIndex];
            maxLabel = Math.max(maxLabel, (int) row[labelIndex]);
            count++;
        }

        Examples examples(int numClasses) {
            int featureCount = columns - 1;
            return new Examples(count, new long[] {featureCount}, Arrays.copyOf(features, count * featureCount),
                    Arrays.copyOf(labels, count), numClasses);
        }
    }

    /**
     * Reads one file.
     *
     * @param expectedColumns the training file's column count when reading a validation file, else -1
     */
    private static Table read(Path file, boolean header, LabelColumn label, int expectedColumns) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Table table = null;
            int labelIndex = -1;
            int firstDataLine = 0;
            boolean headerPending = header;
            double[] row = null;
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    // A byte-order mark, as spreadsheet programs write; it is not part of the first cell.
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (headerPending) {
                    headerPending = false;
                    continue;
                }
                int cells = countCells(line);
                if (table == null) {
                    if (expectedColumns >= 0 && cells != expectedColumns) {
                        throw new DataException(file + " line " + lineNumber + " has " + cells
                                + " columns, but the training file has " + expectedColumns);
                    }
                    labelIndex = label.resolve(cells, file.toString());
                    table = new Table(cells);
                    row = new double[cells];
                    firstDataLine = lineNumber;
                } else if (cells != table.columns) {
                    throw new DataException(file + " line " + lineNumber + " has " + cells + " columns, but line "
                            + firstDataLine + " has " + table.columns + "; every row must have the same columns");
                }
                parseRow(line, row, file, lineNumber);
                double value = row[labelIndex];
                if (value != Math.rint(value) || value < 0 || value > MAX_LABEL) {
                    throw new DataException(file + " line " + lineNumber + ", column " + (labelIndex + 1) + ": label '"
                            + cell(line, labelIndex) + "' is not a class index; labels must be whole numbers in 0.."
                            + MAX_LABEL);
                }
                table.add(row, labelIndex);
            }
            if (table == null) {
                throw new DataException(file + " has no data rows" + (header ? " after its header" : ""));
            }
            return table;
        } catch (NoSuchFileException e) {
            throw new DataException(file + " not found", e);
        } catch (CharacterCodingException e) {
            throw new DataException(file + " is not a UTF-8 text file", e);
        } catch (IOException e) {
            throw new DataException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static int countCells(String line) {
        int cells = 1;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
            cells++;
        }
        return cells;
    }

    private static void parseRow(String line, double[] row, Path file, int lineNumber) {
        int start = 0;
        for (int c = 0; c < row.length; c++) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = line.length();
            }
            String text = line.substring(start, end).trim();
            row[c] = parseCell(text, file, lineNumber, c);
            start = end + 1;
        }
    }

    private static double parseCell(String text, Path file, int lineNumber, int column) {
        String where = file + " line " + lineNumber + ", column " + (column + 1) + ": ";
        if (text.isEmpty()) {
            throw new DataException(where + "the cell is empty; every cell must be a number");
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataException(where + Echo.quote(text) + " is not a number");
        }
        // parseDouble also accepts Java literals such as "NaN", "Infinity" and "1f"; none is a data value.
        char last = text.charAt(text.length() - 1);
        if (!Double.isFinite(value) || !(Character.isDigit(last) || last == '.')) {
            throw new DataException(where + Echo.quote(text) + " is not a finite number");
        }
        return value;
    }

    private static String cell(String line, int column) {
        return line.split(",", -1)[column].trim();
    }
}
