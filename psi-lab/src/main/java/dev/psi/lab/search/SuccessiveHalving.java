package dev.psi.lab.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Successive halving (Jamieson and Talwalkar 2016, in the form of Li et al. 2018): {@code trials} random
 * points start together; at each rung every surviving run trains up to the rung's epochs, then only the
 * best ⌊n/η⌋ (at least one) by the search's {@link Selection#midway} score go on (the latest epoch's
 * validation metric, or under the study's criterion who reached the target first, else the latest
 * validation loss), with η = 3. Rungs are
 * E·η^(k−s) epochs for k = 0..s, with s as large as both the epoch budget and the number of points allow,
 * so the last rung is the full budget E.
 *
 * <p>Runs are continued, not restarted: each schedule spans the full budget from the start, so a pruned
 * run is exactly the prefix of the run it would have been, and a promoted run pays only for the epochs it
 * has not trained yet. Ties keep the run that started first.
 */
public final class SuccessiveHalving implements SearchStrategy {

    /** The reduction factor: a third of the runs survive each rung. */
    static final int ETA = 3;

    private final Budget budget;

    public SuccessiveHalving(Budget budget) {
        this.budget = budget;
    }

    @Override
    public String name() {
        return "halving";
    }

    @Override
    public SearchResult search(Objective objective, SearchSpace space, Selection selection) {
        Ledger ledger = new Ledger(objective);
        int depth = Math.min(floorLog(budget.epochs()), floorLog(budget.trials()));
        bracket(ledger, space, new SplittableRandom(budget.seed()), budget.trials(), rungs(budget.epochs(), depth),
                budget.epochs(), selection);
        return SearchResult.of(name(), ledger.trials(), ledger.cost(), selection);
    }

    /** The epochs of rungs 0..depth: E·η^(k−depth), at least 1, strictly increasing, ending at E. */
    static List<Integer> rungs(int epochs, int depth) {
        List<Integer> rungs = new ArrayList<>();
        for (int k = 0; k <= depth; k++) {
            int rung = (int) Math.max(1, Math.round(epochs / Math.pow(ETA, depth - k)));
            if (rungs.isEmpty() || rung > rungs.get(rungs.size() - 1)) {
                rungs.add(rung);
            }
        }
        return rungs;
    }

    /** ⌊log_η n⌋ for n ≥ 1. */
    static int floorLog(int n) {
        int log = 0;
        for (long power = ETA; power <= n; power *= ETA) {
            log++;
        }
        return log;
    }

    /** One bracket: {@code count} random points, halved at each of {@code rungs}; a Hyperband bracket too. */
    static void bracket(Ledger ledger, SearchSpace space, SplittableRandom random, int count, List<Integer> rungs,
            int epochs, Selection selection) {
        List<Ledger.MeteredRun> alive = new ArrayList<>();
        // Whatever happens, every run still open is closed: each holds a model and its data, and its trial
        // would stay running in the store.
        try {
            for (int i = 0; i < count; i++) {
                alive.add(ledger.start(RandomSearch.draw(space, random), epochs));
            }
            for (int k = 0; k < rungs.size(); k++) {
                for (Ledger.MeteredRun run : alive) {
                    while (run.running() && run.epochsDone() < rungs.get(k)) {
                        run.trainEpoch();
                    }
                }
                if (k == rungs.size() - 1) {
                    break;
                }
                List<Ledger.MeteredRun> ranked = new ArrayList<>(alive);
                // A stable sort: among equal scores the run that started first stays ahead.
                ranked.sort(Comparator.comparing((Ledger.MeteredRun run) -> selection.midway(run.evaluated()))
                        .reversed());
                int keep = Math.max(1, ranked.size() / ETA);
                alive.clear();
                alive.addAll(ranked.subList(0, keep));
                ranked.subList(keep, ranked.size()).forEach(Ledger.MeteredRun::close);
            }
        } finally {
            alive.forEach(Ledger.MeteredRun::close);
        }
    }
}
