package dev.psi.lab.surface;

import dev.psi.core.criteria.Target;
import dev.psi.core.criteria.TimeToTarget;
import dev.psi.core.criteria.TrialCurve;
import dev.psi.core.result.EpochResult;
import dev.psi.core.result.Evaluation;
import dev.psi.core.result.SurfaceRow;
import dev.psi.core.result.TrialStatus;
import dev.psi.train.engine.Checkpoint;
import dev.psi.train.engine.Trial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The long-horizon labeller: trains every candidate schedule for the whole epoch budget from the trial's
 * initial state and keeps the best as the trial's trajectory. Every candidate epoch is a
 * {@link SurfaceRow#SCHEDULE} row (a sample of the surface); the kept schedule's epochs are the trial's
 * {@code epochs} rows (with its {@code evaluations}, so that its time to target reads as a plain run's) and
 * {@link SurfaceRow#HORIZON} rows, the labels Ψ is fitted to.
 *
 * <p>Why whole budgets: a rate chosen by its effect one epoch ahead, as the greedy oracle chooses, is biased
 * towards small rates (Wu, Ren, Liao and Grosse 2018, "Understanding short-horizon bias in stochastic
 * meta-optimization"): a smaller rate lowers the loss at once by cutting gradient noise, while the progress it
 * gives up along low-curvature directions shows only later. Judging schedules at the end of the budget is the
 * criterion the study itself judges controllers by.
 *
 * <p>The best candidate ({@link Score}): one that did not diverge before one that did; then, if the task has
 * a target, the earliest to reach it, in optimizer steps read from the evaluations between and at the end of
 * epochs ({@link TimeToTarget}); then the lowest final validation loss; then the one drawn first. The winner is
 * not trained again: its state at the end of the budget is kept and restored. Only when every candidate
 * diverged does the first-ranked train again from the start, so that the trial ends diverged where it did.
 * The cost is at most N × E epochs per trajectory (a diverged candidate stops early; when all diverged, the
 * first-ranked one trains once more).
 *
 * <p>Not resumable: a trial left running by a killed process is started again from scratch, as walks are.
 */
final class ScheduleSearch implements EpochDriver {

    /** How a candidate ranks; lower is better in every component, compared in order. */
    record Score(boolean diverged, double stepsToTarget, double finalValLoss, int index) {

        static final Comparator<Score> ORDER = Comparator.comparing(Score::diverged)
                .thenComparingDouble(Score::stepsToTarget)
                .thenComparingDouble(Score::finalValLoss)
                .thenComparingInt(Score::index);
    }

    /**
     * A candidate after its budget: its score, epochs, evaluations and rows, and its final state unless it
     * diverged.
     */
    private record Candidate(Score score, List<EpochResult> epochs, List<Evaluation> evaluations, List<SurfaceRow> rows,
            Checkpoint end) {
    }

    private final List<LogLinearSchedule> schedules;
    private final Optional<Target> target;

    /**
     * @param schedules the candidates, at least one, in the order drawn
     * @param target what the candidates race to, or empty to rank by final validation loss alone
     */
    ScheduleSearch(List<LogLinearSchedule> schedules, Optional<Target> target) {
        if (schedules.isEmpty()) {
            throw new IllegalArgumentException("the search needs at least one schedule");
        }
        this.schedules = List.copyOf(schedules);
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void drive(SurfaceTrial run) {
        Trial trial = run.trial();
        Checkpoint origin = trial.checkpoint();
        Candidate best = null;
        for (int k = 0; k < schedules.size(); k++) {
            if (k > 0) {
                trial.restore(origin);
            }
            Candidate candidate = explore(run, k);
            if (best == null || Score.ORDER.compare(candidate.score(), best.score()) < 0) {
                best = candidate;
            }
        }
        if (best.end() != null) {
            trial.restore(best.end());
            for (EpochResult epoch : best.epochs()) {
                run.recordEpoch(epoch);
            }
            run.recordEvaluations(best.evaluations());
            best.rows().forEach(row -> run.record(row.withKind(SurfaceRow.HORIZON)));
        } else {
            trial.restore(origin);
            run.probe().clearEvaluations();
            train(run, schedules.get(best.score().index()), SurfaceRow.HORIZON, true);
            run.recordEvaluations(run.probe().evaluations());
        }
    }

    /** The candidate schedule {@code index} trained from the current state to the end of the budget. */
    private Candidate explore(SurfaceTrial run, int index) {
        run.probe().clearEvaluations();
        List<SurfaceRow> rows = train(run, schedules.get(index), SurfaceRow.SCHEDULE, false);
        Trial trial = run.trial();
        List<EpochResult> epochs = trial.history();
        List<Evaluation> evaluations = run.probe().evaluations();
        boolean diverged = trial.status() == TrialStatus.DIVERGED;
        double steps = target.map(t -> TimeToTarget.of(new TrialCurve(trial.status(), epochs, evaluations), t).steps())
                .orElse(Double.POSITIVE_INFINITY);
        double finalValLoss = diverged || epochs.isEmpty() ? Double.POSITIVE_INFINITY
                : epochs.get(epochs.size() - 1).valLoss();
        Score score = new Score(diverged, steps, Double.isNaN(finalValLoss) ? Double.POSITIVE_INFINITY
                : finalValLoss, index);
        return new Candidate(score, List.copyOf(epochs), evaluations, rows, diverged ? null : trial.checkpoint());
    }

    /**
     * Trains {@code schedule} until the budget ends or the loss diverges, recording one row of {@code kind} per
     * epoch (and, when {@code keep}, the epoch as the trial's own).
     */
    private static List<SurfaceRow> train(SurfaceTrial run, LogLinearSchedule schedule, String kind, boolean keep) {
        List<SurfaceRow> rows = new ArrayList<>();
        double startLoss = Double.NaN;
        double meanLoss = Double.NaN;
        for (int epoch = run.trial().history().size(); run.running(); epoch++) {
            double lr = schedule.rate(epoch);
            EpochResult result = run.train(lr);
            double endLoss = run.endLoss();
            if (keep) {
                run.recordEpoch(result);
            }
            SurfaceRow row = run.row(kind, epoch, startLoss, meanLoss, lr, result, endLoss);
            run.record(row);
            rows.add(row);
            startLoss = endLoss;
            meanLoss = result.trainLoss();
        }
        return rows;
    }
}
