package dev.psi.lab.search;

import java.util.Arrays;

/**
 * How good a trial is by a {@link Selection}: a tuple compared lexicographically, higher first; the higher
 * score is the better trial. Components are finite or ±∞, never NaN.
 *
 * @param components the components, most significant first
 */
public record Score(double... components) implements Comparable<Score> {

    public Score {
        components = components.clone();
        for (double c : components) {
            if (Double.isNaN(c)) {
                throw new IllegalArgumentException("a score component is NaN: " + Arrays.toString(components));
            }
        }
    }

    @Override
    public int compareTo(Score other) {
        return Arrays.compare(components, other.components);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Score score && Arrays.equals(components, score.components);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(components);
    }

    @Override
    public String toString() {
        return Arrays.toString(components);
    }
}
