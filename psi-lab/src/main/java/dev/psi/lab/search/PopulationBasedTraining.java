package dev.psi.lab.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Population-based training (Jaderberg et al. 2017), searching α alone: a population of {@code trials}
 * members (at least 2), each starting from a log-uniform rate, trains in rounds of {@code interval}
 * epochs at its own constant rate. After each round, ranked by the validation metric of the latest
 * epoch, every member of the bottom 20 % (at least one) exploits a member of the top 20 % drawn at
 * random, copying its whole training state, and explores by multiplying the donor's rate by 0.8 or 1.2.
 * A member whose loss diverged always exploits, since it has nothing left to train.
 *
 * <p>Every member trains every epoch once, so the cost is exactly members × E epochs; copying state costs
 * no epochs. What PBT finds is not a point but a schedule: the per-epoch rates of the best member,
 * inherited through its donors, which {@link RateSchedule#controller()} replays. All members use the
 * space's first optimizer, since an optimizer's state can only be copied into the same optimizer, and
 * train without a schedule family of their own (the family is {@code constant}).
 */
public final class PopulationBasedTraining implements SearchStrategy {

    /** The fraction of the population that exploits, and that is exploited. */
    static final double TRUNCATION = 0.2;

    private static final double[] PERTURBATIONS = {0.8, 1.2};

    private final Budget budget;
    private final int interval;

    /** Rounds of ⌈E/10⌉ epochs: about ten chances to exploit over any budget. */
    public PopulationBasedTraining(Budget budget) {
        this(budget, (budget.epochs() + 9) / 10);
    }

    /** Rounds of {@code interval} epochs. */
    public PopulationBasedTraining(Budget budget, int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("the PBT interval must be >= 1 epoch, got " + interval);
        }
        this.budget = budget;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "pbt";
    }

    @Override
    public SearchResult search(Objective objective, SearchSpace space) {
        Ledger ledger = new Ledger(objective);
        SplittableRandom random = new SplittableRandom(budget.seed());
        int size = Math.max(2, budget.trials());
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double logLr = space.logMin() + random.nextDouble() * (space.logMax() - space.logMin());
            double lr = space.rate(logLr);
            Point point = new Point(lr, ScheduleFamily.CONSTANT, space.optimizers().get(0));
            members.add(new Member(i, ledger.start(point, budget.epochs()), lr));
        }
        List<Exploit> exploits = new ArrayList<>();
        for (int target = interval; ; target = Math.min(budget.epochs(), target + interval)) {
            for (Member member : members) {
                while (member.run.running() && member.run.epochsDone() < target) {
                    member.run.trainEpoch(member.lr);
                    member.rates.add(member.lr);
                }
            }
            if (target >= budget.epochs()) {
                break;
            }
            exploit(members, space, random, target, exploits);
            if (members.stream().noneMatch(member -> member.run.running())) {
                break;
            }
        }
        members.forEach(member -> member.run.close());
        Member best = ranked(members).get(0);
        Evaluated trajectory = best.run.evaluated();
        Evaluated bestPoint = new Evaluated(new Point(best.lr, ScheduleFamily.CONSTANT, space.optimizers().get(0)),
                trajectory.metrics());
        Optional<RateSchedule> schedule = best.rates.isEmpty() ? Optional.empty()
                : Optional.of(new RateSchedule(best.rates));
        return new SearchResult(name(), bestPoint, ledger.trials(), ledger.cost(), schedule, exploits);
    }

    private static void exploit(List<Member> members, SearchSpace space, SplittableRandom random, int epoch,
            List<Exploit> exploits) {
        List<Member> ranked = ranked(members);
        int cut = Math.max(1, (int) Math.floor(members.size() * TRUNCATION));
        List<Member> top = ranked.subList(0, cut);
        List<Member> losers = new ArrayList<>(ranked.subList(ranked.size() - cut, ranked.size()));
        ranked.subList(cut, ranked.size() - cut).stream().filter(member -> !member.run.running())
                .forEach(losers::add);
        for (Member loser : losers) {
            Member donor = top.get(random.nextInt(top.size()));
            loser.run.copyFrom(donor.run);
            loser.rates.clear();
            loser.rates.addAll(donor.rates);
            double factor = PERTURBATIONS[random.nextInt(PERTURBATIONS.length)];
            loser.lr = space.rate(Math.log(donor.lr * factor));
            exploits.add(new Exploit(epoch, loser.index, donor.index, loser.lr));
        }
    }

    /** Best first by the latest epoch's metric; ties keep the lower index first. */
    private static List<Member> ranked(List<Member> members) {
        List<Member> ranked = new ArrayList<>(members);
        ranked.sort(Comparator.comparingDouble((Member member) -> member.latest()).reversed());
        return ranked;
    }

    /** One member of the population: its run, its current rate and the rate of each epoch of its state. */
    private static final class Member {

        private final int index;
        private final Ledger.MeteredRun run;
        private final List<Double> rates = new ArrayList<>();
        private double lr;

        private Member(int index, Ledger.MeteredRun run, double lr) {
            this.index = index;
            this.run = run;
            this.lr = lr;
        }

        /** The metric of the latest epoch trained by this member's run, −∞ if it diverged. */
        private double latest() {
            return run.evaluated().last();
        }
    }
}
