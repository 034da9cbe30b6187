package dev.psi.app.dashboard;

import dev.psi.store.ResultStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the dashboard on a large store (README, "Dashboard"): fills a SQLite store with one study of
 * {@code N} trials (default 100 000) of 5 epochs, each with one evaluation per epoch and a job, 1 % of them
 * running, then serves it and times every page and API route over HTTP: one warm-up, then 7 requests each, each
 * 1.1 s after the last, so that the background count of the studies ({@link DashboardApi#COUNT_EVERY_MILLIS}) runs
 * between them; median and slowest. It times that count too, on a connection of its own. The store is written with plain SQL in one transaction, as fast as SQLite allows; the
 * dashboard then opens it read-only, as {@code psi dashboard} does.
 *
 * <pre>{@code java -cp "psi-app/target/psi-app.jar:psi-app/target/lib/*" dev.psi.app.dashboard.DashboardBench bench.db [N]}</pre>
 */
public final class DashboardBench {

    private static final int EPOCHS = 5;
    private static final int TASKS = 10;
    private static final int CONTROLLERS = 20;
    private static final int REPEATS = 7;

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DashboardBench DB [TRIALS=100000]");
            System.exit(2);
        }
        Path db = Path.of(args[0]);
        int trials = args.length == 2 ? Integer.parseInt(args[1]) : 100_000;
        if (Files.exists(db)) {
            System.err.println("DashboardBench: " + db + " exists; give a new file");
            System.exit(2);
        }
        long fillStart = System.nanoTime();
        fill(db, trials);
        System.out.printf(Locale.ROOT, "filled %s: %d trials, %d epochs, %d evaluations, %d jobs in %.1f s (%d MB)%n",
                db, trials, trials * EPOCHS, trials * EPOCHS, trials, (System.nanoTime() - fillStart) / 1e9,
                Files.size(db) >> 20);
        try (ResultStore store = ResultStore.openReadOnly(db.toString());
             DashboardServer server = DashboardServer.start(db.toString(), List.of(), "127.0.0.1", 0,
                     Clock.systemUTC())) {
            double[] counts = new double[REPEATS];
            for (int k = 0; k < REPEATS; k++) {
                long start = System.nanoTime();
                store.views().studies();
                store.views().jobsByWorker();
                counts[k] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(counts);
            System.out.printf(Locale.ROOT, "background count of the studies (every %d ms): median %.1f ms, slowest "
                    + "%.1f ms%n", DashboardApi.COUNT_EVERY_MILLIS, counts[REPEATS / 2], counts[REPEATS - 1]);
            HttpClient client = HttpClient.newHttpClient();
            long middle = trials / 2;
            List<String> paths = List.of("/", "/studies/bench", "/trials/" + middle,
                    "/trials?ids=1," + middle + "," + trials, "/api/studies", "/api/studies/bench", "/api/studies/bench/filters",
                    "/api/studies/bench/trials", "/api/studies/bench/trials?offset=" + (trials - 50),
                    "/api/studies/bench/trials?task=task-3&controller=Constant(lr%3D0.07)",
                    "/api/studies/bench/curves", "/api/studies/bench/curves?task=task-3", "/api/studies/bench/jobs",
                    "/api/trials/" + middle, "/assets/uPlot.iife.min.js");
            System.out.printf(Locale.ROOT, "%-70s %8s %8s %8s%n", "GET", "bytes", "median", "slowest");
            for (String path : paths) {
                double[] millis = new double[REPEATS];
                int bytes = 0;
                for (int k = -1; k < REPEATS; k++) {
                    Thread.sleep(1100);
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(path + " answered " + response.statusCode());
                    }
                    bytes = response.body().length;
                    if (k >= 0) {
                        millis[k] = (System.nanoTime() - start) / 1e6;
                    }
                }
                Arrays.sort(millis);
                System.out.printf(Locale.ROOT, "%-70s %8d %6.1f ms %6.1f ms%n", path, bytes, millis[REPEATS / 2],
                        millis[REPEATS - 1]);
            }
        }
    }

    private static void fill(Path db, int trials) throws SQLException {
        ResultStore.open(db.toString()).close();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO studies (name, purpose, created_at) VALUES ('bench', 'evaluate', '"
                        + start + "')");
                for (int task = 0; task < TASKS; task++) {
                    statement.execute("INSERT INTO tasks (name, spec, created_at) VALUES ('task-" + task + "', '{}', '"
                            + start + "')");
                }
            }
            List<String> controllers = new ArrayList<>();
            for (int c = 0; c < CONTROLLERS; c++) {
                controllers.add(String.format(Locale.ROOT, "Constant(lr=%s)", new java.math.BigDecimal((c + 1) / 100.0)
                        .stripTrailingZeros().toPlainString()));
            }
            try (PreparedStatement trial = connection.prepareStatement("""
                    INSERT INTO trials (id, study_id, task_id, controller, optimizer, seed, epochs, batch_size, status,
                                        started_at, ended_at, wall_seconds, host)
                    VALUES (?, 1, ?, ?, 'SGD()', ?, ?, 32, ?, ?, ?, ?, 'bench:1')""");
                 PreparedStatement epoch = connection.prepareStatement("""
                    INSERT INTO epochs (trial_id, epoch, lr, train_loss, val_loss, val_accuracy, steps, wall_seconds)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0.5)""");
                 PreparedStatement evaluation = connection.prepareStatement("""
                    INSERT INTO evaluations (trial_id, step, epoch, epochs, val_loss, val_accuracy, examples,
                                             train_seconds)
                    VALUES (?, ?, ?, ?, ?, ?, 1000, 0.4)""");
                 PreparedStatement job = connection.prepareStatement("""
                    INSERT INTO jobs (study, job_key, kind, priority, payload, status, attempts, worker, queued_at,
                                      claimed_at, heartbeat_at, ended_at)
                    VALUES ('bench', ?, 'trial', 2, '{}', ?, 1, ?, ?, ?, ?, ?)""")) {
                for (int id = 1; id <= trials; id++) {
                    boolean running = id % 100 == 0;
                    int done = running ? EPOCHS / 2 : EPOCHS;
                    Instant started = start.plusSeconds(id);
                    Instant ended = started.plusSeconds(3);
                    trial.setInt(1, id);
                    trial.setInt(2, 1 + id % TASKS);
                    trial.setString(3, controllers.get(id % CONTROLLERS));
                    trial.setInt(4, id);
                    trial.setInt(5, EPOCHS);
                    trial.setString(6, running ? "running" : "completed");
                    trial.setString(7, started.toString());
                    trial.setString(8, running ? null : ended.toString());
                    trial.setObject(9, running ? null : 3.0);
                    trial.addBatch();
                    for (int e = 0; e < done; e++) {
                        double loss = 2.0 / (e + 1 + id % 7);
                        epoch.setInt(1, id);
                        epoch.setInt(2, e);
                        epoch.setDouble(3, 0.1 / (e + 1));
                        epoch.setDouble(4, loss);
                        epoch.setDouble(5, loss * 1.1);
                        epoch.setDouble(6, 1 - loss / 2);
                        epoch.setLong(7, (e + 1) * 100L);
                        epoch.addBatch();
                        evaluation.setInt(1, id);
                        evaluation.setLong(2, (e + 1) * 100L);
                        evaluation.setInt(3, e);
                        evaluation.setDouble(4, e + 1.0);
                        evaluation.setDouble(5, loss * 1.1);
                        evaluation.setDouble(6, 1 - loss / 2);
                        evaluation.addBatch();
                    }
                    job.setString(1, "job-" + id);
                    job.setString(2, running ? "claimed" : "done");
                    job.setString(3, "bench:" + (1 + id % 8));
                    job.setString(4, start.toString());
                    job.setString(5, started.toString());
                    job.setString(6, ended.toString());
                    job.setString(7, running ? null : ended.toString());
                    job.addBatch();
                    if (id % 5_000 == 0 || id == trials) {
                        trial.executeBatch();
                        epoch.executeBatch();
                        evaluation.executeBatch();
                        job.executeBatch();
                    }
                }
            }
            connection.commit();
        }
    }
}
