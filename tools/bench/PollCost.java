import dev.psi.lab.work.Jobs;
import dev.psi.lab.work.TrialJob;
import dev.psi.store.JobRecord;
import dev.psi.store.JobState;
import dev.psi.store.ResultStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What one poll of a study's coordinator costs: queues N trial jobs in a new store (every other one done, with a
 * result of the size a trial's has), then reads the study's jobs as the coordinator did (every whole row, keyed by
 * job key) and as it does now (where each job stands, {@code JobQueue.states}), and prints the CPU milliseconds of
 * each, 6 rounds after 3 to warm up. Run it as the launcher runs Psi (C1 only), e.g. for the standard preset's
 * 8740 jobs:
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -cp "psi-app/target/psi-app.jar:psi-app/target/lib/*" tools/bench/PollCost.java /tmp/poll.db 8740
 * </pre>
 */
public final class PollCost {

    private PollCost() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[1]);
        String result = "{\"line\":\"evaluate task seed 1: completed, " + "0.123456789 ".repeat(40) + "\"}";
        try (ResultStore store = ResultStore.open(args[0])) {
            store.catalog().ensureStudy("poll", "evaluate");
            for (int i = store.jobs().jobs("poll").size(); i < count; i++) {
                JobRecord job = store.jobs().enqueue("poll", Jobs.toNew(new TrialJob("poll", "evaluate",
                        "ts-ce-i50-w32-d3-c8-n1000-s107-sgdm-b256-e17", "CosineAnnealingLR(lr=0.5,T_max=17)", null,
                        "SGD(momentum=0.9)", i, 17, null, "constant"), 0));
                if (i % 2 == 0) {
                    store.jobs().claim(Optional.of("poll"), "bench:1").orElseThrow();
                    store.jobs().complete(job.id(), result);
                }
            }
            time("whole rows (before)", () -> store.jobs().jobs("poll").stream()
                    .collect(Collectors.toMap(JobRecord::key, Function.identity())).size());
            time("states (now)", () -> store.jobs().states("poll").stream()
                    .collect(Collectors.toMap(JobState::key, Function.identity())).size());
        }
    }

    private static void time(String what, Supplier<Integer> poll) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder line = new StringBuilder();
        int rows = 0;
        for (int round = 0; round < 9; round++) {
            long start = threads.getCurrentThreadCpuTime();
            rows = poll.get();
            if (round >= 3) {
                line.append(String.format(" %.1f", (threads.getCurrentThreadCpuTime() - start) / 1e6));
            }
        }
        System.out.printf("%s, %d jobs: CPU ms per poll%s%n", what, rows, line);
    }
}
