package dev.psi.lab.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a search found and what it paid.
 *
 * @param strategy the strategy's name
 * @param best the best trial: its point and metric trajectory
 * @param trials every trial in the order it started; pruned ones hold only the epochs they trained
 * @param cost trials, epochs and seconds spent
 * @param schedule for population-based training, the per-epoch rates of the best member; empty otherwise
 * @param exploits for population-based training, every exploit step in order; empty otherwise
 */
public record SearchResult(String strategy, Evaluated best, List<Evaluated> trials, Cost cost,
        Optional<RateSchedule> schedule, List<Exploit> exploits) {

    public SearchResult {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(schedule, "schedule");
        trials = List.copyOf(trials);
        exploits = List.copyOf(exploits);
    }

    /** A result without a discovered schedule: the best trial by {@link Selection#atEnd}, the first of equals. */
    static SearchResult of(String strategy, List<Evaluated> trials, Cost cost, Selection selection) {
        Evaluated best = trials.stream().reduce((a, b) -> selection.atEnd(b).compareTo(selection.atEnd(a)) > 0 ? b : a)
                .orElseThrow(() -> new IllegalStateException("a search ran no trial"));
        return new SearchResult(strategy, best, trials, cost, Optional.empty(), List.of());
    }

    /** The controller spec of the best point for the full budget, or the replay form of a PBT schedule. */
    public String controller(int epochs) {
        return schedule.map(RateSchedule::toString).orElseGet(() -> best.point().controller(epochs));
    }
}
