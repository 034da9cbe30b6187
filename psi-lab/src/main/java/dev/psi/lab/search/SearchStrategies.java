package dev.psi.lab.search;

import dev.psi.core.spec.Echo;
import java.util.List;

/** The strategies by name, as the command line gives them. */
public final class SearchStrategies {

    private static final List<String> NAMES = List.of("grid", "random", "quasi-random", "genetic", "halving", "hyperband",
            "pbt");

    private SearchStrategies() {
    }

    /** Every strategy's name. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The strategy named {@code name} with this budget.
     *
     * @throws IllegalArgumentException naming the valid strategies when there is no such one
     */
    public static SearchStrategy create(String name, Budget budget) {
        return switch (name) {
            case "grid" -> new GridSearch(budget);
            case "random" -> new RandomSearch(budget);
            case "quasi-random" -> new QuasiRandomSearch(budget);
            case "genetic" -> new GeneticSearch(budget);
            case "halving" -> new SuccessiveHalving(budget);
            case "hyperband" -> new Hyperband(budget);
            case "pbt" -> new PopulationBasedTraining(budget);
            default -> throw new IllegalArgumentException("unknown strategy " + Echo.quote(name) + "; valid: "
                    + String.join(", ", NAMES));
        };
    }
}
