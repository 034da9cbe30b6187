package dev.psi.lab.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Meters an objective for one search: counts the runs started and every epoch trained through them, and
 * keeps each run's trajectory. Cost is counted here, at the one place all training passes, so that no
 * strategy can forget an epoch.
 */
final class Ledger implements Objective {

    private final Objective objective;
    private final long startNanos = System.nanoTime();
    private final List<MeteredRun> runs = new ArrayList<>();
    private long epochs;

    Ledger(Objective objective) {
        this.objective = objective;
    }

    @Override
    public MeteredRun start(Point point, int epochBudget) {
        MeteredRun run = new MeteredRun(point, objective.start(point, epochBudget));
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

    /** Runs started so far. */
    int started() {
        return runs.size();
    }

    Cost cost() {
        return new Cost(runs.size(), epochs, (System.nanoTime() - startNanos) / 1e9);
    }

    /** Every run's trajectory, in the order the runs started. */
    List<Evaluated> trials() {
        return runs.stream().map(MeteredRun::evaluated).toList();
    }

    /** A run whose epochs count against the search, and whose metrics are kept. */
    final class MeteredRun implements Run {

        private final Point point;
        private final Run run;
        private final List<Double> metrics = new ArrayList<>();

        private MeteredRun(Point point, Run run) {
            this.point = point;
            this.run = run;
        }

        Evaluated evaluated() {
            return new Evaluated(point, metrics);
        }

        Point point() {
            return point;
        }

        @Override
        public boolean running() {
            return run.running();
        }

        @Override
        public int epochsDone() {
            return run.epochsDone();
        }

        @Override
        public double trainEpoch() {
            return record(run.trainEpoch());
        }

        @Override
        public double trainEpoch(double lr) {
            return record(run.trainEpoch(lr));
        }

        private double record(double metric) {
            epochs++;
            metrics.add(metric);
            return metric;
        }

        @Override
        public void copyFrom(Run donor) {
            run.copyFrom(donor instanceof MeteredRun metered ? metered.run : donor);
        }

        @Override
        public void close() {
            run.close();
        }
    }
}
