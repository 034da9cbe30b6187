package dev.psi.lab.search;

import dev.psi.core.criteria.TrialCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * Meters an objective for one search: counts the runs started and every epoch trained through them, and
 * keeps each run's trajectory. Cost is counted here, at the one place all training passes, so that no
 * strategy can forget an epoch.
 *
 * <p>A point runs once on each of the objective's {@link Objective#replicas() replicas} (seeds), in lockstep;
 * each of those runs is a trial of the cost, and each epoch it trains an epoch of the cost.
 */
final class Ledger implements Objective {

    private final List<Objective> seeds;
    private final long startNanos = System.nanoTime();
    private final List<MeteredRun> runs = new ArrayList<>();
    private long epochs;

    Ledger(Objective objective) {
        this.seeds = objective.replicas();
    }

    @Override
    public MeteredRun start(Point point, int epochBudget) {
        List<Run> started = new ArrayList<>();
        try {
            for (Objective seed : seeds) {
                started.add(seed.start(point, epochBudget));
            }
        } catch (RuntimeException e) {
            started.forEach(Run::close);
            throw e;
        }
        MeteredRun run = new MeteredRun(point, started);
        runs.add(run);
        return run;
    }

    /** Trains a fresh run of {@code point} through its whole budget. */
    Evaluated evaluate(Point point, int epochBudget) {
        try (MeteredRun run = start(point, epochBudget)) {
            while (run.running()) {
                run.trainEpoch();
            }
            return run.evaluated();
        }
    }

    /** Points started so far (each on every seed). */
    int started() {
        return runs.size();
    }

    /** Trials (a point on one seed) started, epochs trained and seconds so far. */
    Cost cost() {
        return new Cost(runs.size() * seeds.size(), epochs, (System.nanoTime() - startNanos) / 1e9);
    }

    /** Every run's trajectory, in the order the runs started. */
    List<Evaluated> trials() {
        return runs.stream().map(MeteredRun::evaluated).toList();
    }

    /** A run of one point on every seed, whose epochs count against the search, and whose metrics are kept. */
    final class MeteredRun implements Run {

        private final Point point;
        private final List<Run> seedRuns;
        private final List<Double> metrics = new ArrayList<>();

        private MeteredRun(Point point, List<Run> seedRuns) {
            this.point = point;
            this.seedRuns = List.copyOf(seedRuns);
        }

        Evaluated evaluated() {
            return new Evaluated(point, metrics, seedRuns.stream().map(Run::curve).toList());
        }

        Point point() {
            return point;
        }

        @Override
        public boolean running() {
            return seedRuns.stream().anyMatch(Run::running);
        }

        @Override
        public int epochsDone() {
            return seedRuns.stream().mapToInt(Run::epochsDone).max().orElse(0);
        }

        @Override
        public double trainEpoch() {
            return train(Double.NaN);
        }

        @Override
        public double trainEpoch(double lr) {
            return train(lr);
        }

        /** One epoch on every seed still running, at {@code lr} or (NaN) the point's schedule; the mean metric. */
        private double train(double lr) {
            double sum = 0;
            int seen = 0;
            boolean diverged = false;
            for (Run run : seedRuns) {
                if (!run.running()) {
                    // Every seed has the same budget: one that stopped while another trains on diverged, and
                    // the point's mean metric cannot be finite again.
                    diverged = true;
                    continue;
                }
                double metric = Double.isNaN(lr) ? run.trainEpoch() : run.trainEpoch(lr);
                epochs++;
                if (Double.isNaN(metric)) {
                    diverged = true;
                }
                sum += metric;
                seen++;
            }
            double mean = diverged || seen == 0 ? Double.NaN : sum / seen;
            metrics.add(mean);
            return mean;
        }

        @Override
        public void copyFrom(Run donor) {
            if (!(donor instanceof MeteredRun metered) || metered.seedRuns.size() != seedRuns.size()) {
                throw new IllegalArgumentException("a run copies the state of a run of the same search");
            }
            for (int i = 0; i < seedRuns.size(); i++) {
                seedRuns.get(i).copyFrom(metered.seedRuns.get(i));
            }
        }

        /** The curve of the first seed's run; {@link #evaluated()} has every seed's. */
        @Override
        public TrialCurve curve() {
            return seedRuns.get(0).curve();
        }

        @Override
        public void close() {
            RuntimeException failure = null;
            for (Run run : seedRuns) {
                try {
                    run.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
