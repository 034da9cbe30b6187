package dev.psi.lab.search;

/**
 * What a search paid: the tuning cost that must stand beside any result it found.
 *
 * @param trials runs started
 * @param epochs epochs trained, over all runs, pruned and exploited ones included
 * @param seconds wall-clock seconds of the whole search
 */
public record Cost(int trials, long epochs, double seconds) {
}
