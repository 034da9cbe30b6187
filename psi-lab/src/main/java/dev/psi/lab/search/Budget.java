package dev.psi.lab.search;

/**
 * The size of a search.
 *
 * @param trials how many runs the strategy may start (the population size for PBT)
 * @param epochs the epoch budget of one run, which is also the length of every schedule
 * @param seed fixes every random choice of the strategy
 */
public record Budget(int trials, int epochs, long seed) {

    public Budget {
        if (trials < 1) {
            throw new IllegalArgumentException("the budget must be at least 1 trial, got " + trials);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }
}
