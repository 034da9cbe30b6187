import dev.psi.lab.work.Jobs;
import dev.psi.lab.work.TrialJob;
import dev.psi.store.ResultStore;

/**
 * Queues a fixed set of trials for {@code psi worker}, the workload of {@code tools/bench/sweep.sh}: N seeds of
 * one task with Constant(lr=0.05) and SGD(momentum=0.9), in study "sweep". Run as a single-file program:
 *
 * <pre>
 * java -cp "psi-app/target/psi-app.jar:psi-app/target/lib/*" tools/bench/SweepJobs.java DB TASK N EPOCHS [TRAIN_SIZE]
 * </pre>
 */
public final class SweepJobs {

    private SweepJobs() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: SweepJobs DB TASK N EPOCHS [TRAIN_SIZE]");
            System.exit(2);
        }
        int trials = Integer.parseInt(args[2]);
        int epochs = Integer.parseInt(args[3]);
        Integer trainSize = args.length > 4 ? Integer.valueOf(args[4]) : null;
        try (ResultStore store = ResultStore.open(args[0])) {
            store.catalog().ensureStudy("sweep", "search");
            for (int seed = 1; seed <= trials; seed++) {
                store.jobs().enqueue("sweep", Jobs.toNew(new TrialJob("sweep", "search", args[1], "Constant(lr=0.05)",
                        null, "SGD(momentum=0.9)", seed, epochs, trainSize, "constant"), 0));
            }
        }
    }
}
