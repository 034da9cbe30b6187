package dev.psi.lab.study;

import dev.psi.core.criteria.TuningCost;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the training grid chose ({@link TrainingGrid}), for the report: each calibrated method's scale, the
 * learned configuration list's first entries, and what the grid cost, once for every new task.
 *
 * @param scales the calibrated scale of each fixed method, by its word, as a multiple of its textbook value
 * @param list the learned list's first entries, e.g. {@code cosine×3.16228}
 * @param cost the grid's trials, epochs and seconds
 */
public record GridChoices(Map<String, Double> scales, List<String> list, TuningCost cost) {

    /** A study without a training grid. */
    public static final GridChoices NONE = new GridChoices(Map.of(), List.of(), TuningCost.ZERO);

    public GridChoices {
        scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
        list = List.copyOf(list);
        Objects.requireNonNull(cost, "cost");
    }
}
