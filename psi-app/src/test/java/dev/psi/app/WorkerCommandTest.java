package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.lab.work.Jobs;
import dev.psi.lab.work.StoredFiles;
import dev.psi.lab.work.TrialJob;
import dev.psi.store.FileStore;
import dev.psi.store.JobRecord;
import dev.psi.store.JobStatus;
import dev.psi.store.ResultStore;
import dev.psi.store.ThrowawaySchema;
import dev.psi.store.TrialSummary;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code psi worker} in a JVM of its own, in another working directory, with none of the files the jobs were
 * queued with: it needs the store's location and nothing else (DESIGN.md: "A job carries what it needs through
 * the store; no shared file system").
 */
class WorkerCommandTest {

    /** A Ψ formula over the loss ratio and the epoch, as {@code PsiModelFileTest} writes one. */
    private static final String MODEL = """
            {
              "format" : "psi-model/1",
              "kind" : "formula",
              "features" : [ "loss_ratio", "epoch" ],
              "formula" : "0.3*loss_ratio^0.5*(1 + epoch)^-0.2",
              "lr_range" : [ 0.001, 0.5 ],
              "feature_ranges" : { "loss_ratio" : [ 0.05, 1.0 ], "epoch" : [ 0.0, 9.0 ] },
              "metrics" : { "loto_rmse_log_lr" : 0.3, "r2" : 0.8, "spearman" : null },
              "studies" : [ "s1" ],
              "tasks" : [ "small" ],
              "pareto" : [ ]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aWorkerElsewhereRunsAJobWhoseSpecDataAndModelAreGoneFromWhereTheyWereQueued() throws Exception {
        runsElsewhere(dir.resolve("psi.db").toString(), false);
    }

    /**
     * The same with a PostgreSQL store, handed to the worker as {@code psi study} hands it to its own (in
     * {@code PSI_DB}, keeping the password off the command line); run only when {@code PSI_TEST_POSTGRES_URL} names
     * a database the test may create schemas in, in a schema of its own, dropped afterwards.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = "PSI_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
    void aWorkerElsewhereRunsItFromAPostgresqlStore() throws Exception {
        try (ThrowawaySchema schema = ThrowawaySchema.create()) {
            runsElsewhere(schema.url(), true);
        }
    }

    /**
     * Queues one job whose task and model are stored, deletes them, runs {@code psi worker} in a JVM of its own in
     * another working directory, and checks what it did.
     *
     * @param db the store
     * @param inEnvironment whether the worker finds the store in {@code PSI_DB} rather than in {@code --db}
     */
    private void runsElsewhere(String db, boolean inEnvironment) throws Exception {
        Path queued = Files.createDirectories(dir.resolve("queued"));
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            rows.append(i % 7).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        }
        Files.writeString(queued.resolve("small.csv"), rows);
        Path spec = Files.writeString(queued.resolve("small.yaml"), "name: small\ndata:\n  format: csv\n"
                + "  train: small.csv\n  validation: 0.2\nmodel: linear\nbatch_size: 16\nepochs: 2\n");
        Path model = Files.writeString(queued.resolve("psi-formula-1234.json"), MODEL);
        String controller;
        try (ResultStore store = ResultStore.open(db)) {
            StoredFiles files = new StoredFiles(store, dir.resolve("queuer-cache"));
            controller = "Psi(model=" + files.storeModel(model, "psi-formula.json") + ")";
            TrialJob job = new TrialJob("s", "evaluate", files.storeTask(spec.toString()), controller, null, "SGD()", 1,
                    2, null, "psi-formula");
            store.jobs().enqueue("s", Jobs.toNew(job, 0));
        }
        delete(queued);

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path cache = dir.resolve("worker-files");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-D"))
                .forEach(command::add);
        command.add("-D" + StoredFiles.CACHE_PROPERTY + "=" + cache);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Psi.class.getName(), "worker"));
        if (!inEnvironment) {
            command.addAll(List.of("--db", db));
        }
        command.addAll(List.of("--study", "s", "--linger", "0"));
        Path log = dir.resolve("worker.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (inEnvironment) {
            builder.environment().put("PSI_DB", db);
        }
        Process worker = builder.start();
        assertTrue(worker.waitFor(3, TimeUnit.MINUTES), "the worker did not end within 3 minutes");

        String output = Files.readString(log);
        assertEquals(0, worker.exitValue(), output);
        assertTrue(output.contains("evaluate small psi-formula seed 1: completed, "), output);
        try (ResultStore store = ResultStore.openReadOnly(db)) {
            assertEquals(List.of(JobStatus.DONE), store.jobs().jobs("s").stream().map(JobRecord::status).toList());
            TrialSummary trial = store.trials().inStudy("s").get(0);
            assertEquals(List.of("small", controller, "completed", "2"), List.of(trial.task(), trial.controller(),
                    trial.status().word(), String.valueOf(store.epochs().of(trial.id()).size())));
        }
        String modelHash = FileStore.hash(MODEL.getBytes(StandardCharsets.UTF_8));
        assertEquals(MODEL, Files.readString(cache.resolve(modelHash)), "the model, cached under its hash");
        try (Stream<Path> tasks = Files.list(cache.resolve("tasks"))) {
            Path copy = tasks.findFirst().orElseThrow();
            assertEquals(rows.toString(), Files.readString(copy.resolve("small.csv")), "the data beside its spec");
        }
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertEquals(0, left.count(), "nothing written in the working directory");
        }
    }

    private static void delete(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
