package dev.psi.lab.search;

/**
 * A way of choosing points to train. Every strategy is seeded and deterministic: the same objective,
 * space and seed give the same trials in the same order. Trials run one after another on the calling
 * thread, which must be the only one training in the JVM.
 */
public interface SearchStrategy {

    /** The name on the command line, e.g. {@code halving}. */
    String name();

    /** Runs the search ranking trials by {@code selection}, and reports what it found and what it cost. */
    SearchResult search(Objective objective, SearchSpace space, Selection selection);

    /** Runs the search ranking trials by their validation metric ({@link Selection#BEST_METRIC}). */
    default SearchResult search(Objective objective, SearchSpace space) {
        return search(objective, space, Selection.BEST_METRIC);
    }
}
