import dev.psi.lab.work.WorkerExecutor;
import dev.psi.lab.work.WorkerLaunch;
import dev.psi.lab.work.WorkerPool;
import dev.psi.train.engine.KernelPinning;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drains study "sweep" of a store (tools/bench/SweepJobs.java) with Spark tasks, as {@code psi study --executor
 * spark} runs its workers: one Spark job of N tasks, each a {@code psi worker --attached --linger 0} process.
 * Prints the seconds the Spark context took to start, and those from then until the last task ended. The workload of {@code tools/bench/sweep.sh spark:N ...}; run
 * as a single-file program with psi-app's and psi-spark's class path and Spark's --add-opens options:
 *
 * <pre>
 * java OPTIONS -cp CLASSPATH tools/bench/SparkSweep.java DB MASTER N
 * </pre>
 */
public final class SparkSweep {

    private SparkSweep() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: SparkSweep DB MASTER N");
            System.exit(2);
        }
        Map<String, String> environment = new LinkedHashMap<>(KernelPinning.forChild(System.getenv()));
        environment.put("PSI_DB", args[0]);
        // The workers get this JVM's system properties and JIT tier, as psi study's do.
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-D") || option.startsWith("-XX:TieredStopAtLevel=")).toList();
        WorkerLaunch launch = new WorkerLaunch("sweep", Integer.parseInt(args[2]), Optional.of(args[1]), options,
                System.getProperty("java.class.path"), List.of("dev.psi.app.Psi", "worker", "--study", "sweep",
                        "--attached", "--linger", "0"), environment, Path.of(System.getProperty("java.io.tmpdir")));
        long start = System.nanoTime();
        try (WorkerPool pool = WorkerExecutor.named("spark").pool(launch, System.err::println)) {
            pool.start();
            long started = System.nanoTime();
            while (pool.running()) {
                Thread.sleep(50);
            }
            System.out.printf("spark context %.2f s, tasks %.2f s%n", (started - start) / 1e9,
                    (System.nanoTime() - started) / 1e9);
        }
    }
}
