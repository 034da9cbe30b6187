package dev.psi.train.data;

/**
 * Which column of a CSV file holds the label: a 0-based index, or counted from the end when negative
 * ({@code -1} is the last column), as in Python.
 *
 * @param index 0-based column index, or a negative index from the end
 */
public record LabelColumn(int index) {

    private static final LabelColumn FIRST = new LabelColumn(0);
    private static final LabelColumn LAST = new LabelColumn(-1);

    public static LabelColumn first() {
        return FIRST;
    }

    public static LabelColumn last() {
        return LAST;
    }

    /**
     * Parses a spec word: {@code first}, {@code last} or a 0-based column index.
     *
     * @throws DataException naming the word and the valid forms
     */
    public static LabelColumn parse(String word) {
        if ("first".equals(word)) {
            return FIRST;
        }
        if ("last".equals(word)) {
            return LAST;
        }
        try {
            int index = Integer.parseInt(word.trim());
            if (index >= 0) {
                return new LabelColumn(index);
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below, which says what is valid.
        }
        throw new DataException("label: '" + word + "' is not valid; valid: first, last or a 0-based column index");
    }

    /**
     * The 0-based index of the label in a row of {@code columns} cells.
     *
     * @param source the file, for the message
     * @throws DataException if there is no such column, naming the valid range
     */
    public int resolve(int columns, String source) {
        int resolved = index < 0 ? columns + index : index;
        if (columns < 2) {
            throw new DataException(source + " has " + columns + " column; it needs at least one feature column "
                    + "and a label column");
        }
        if (resolved < 0 || resolved >= columns) {
            throw new DataException("label column " + this + " is out of range: " + source + " has " + columns
                    + " columns, so valid are first, last or 0.." + (columns - 1));
        }
        return resolved;
    }

    /** The spec word: {@code first}, {@code last}, or the index. */
    @Override
    public String toString() {
        return index == 0 ? "first" : index == -1 ? "last" : Integer.toString(index);
    }
}
