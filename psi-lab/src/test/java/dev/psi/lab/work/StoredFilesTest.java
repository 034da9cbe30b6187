package dev.psi.lab.work;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecValue;
import dev.psi.store.FileStore;
import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import dev.psi.train.task.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files carried through the store: a spec-file task with its data and a Ψ model, stored by one side and read by
 * another that has none of the originals, through a cache that is reused and checked against the hashes.
 */
class StoredFilesTest {

    @TempDir
    Path dir;

    private ResultStore store;

    @BeforeEach
    void open() {
        store = ResultStore.open(dir.resolve("psi.db").toString());
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** 100 rows of 2 features and a class, as {@code StudyTest}'s small held-out task. */
    static String smallCsv() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            rows.append(i % 7).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        }
        return rows.toString();
    }

    /** A spec {@code small.yaml} in {@code folder} naming {@code train}, and its CSV at {@code csv}. */
    static Path smallTask(Path folder, String train, Path csv) throws IOException {
        Files.createDirectories(folder);
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, smallCsv());
        return Files.writeString(folder.resolve("small.yaml"), "name: small\ndata:\n  format: csv\n"
                + "  train: " + train + "\n  validation: 0.2\nmodel: linear\nbatch_size: 16\nepochs: 2\n");
    }

    @Test
    void aStoredTaskIsReadWithItsDataWhereTheOriginalsAreGone() throws Exception {
        Path spec = smallTask(dir.resolve("original"), "small.csv", dir.resolve("original/small.csv"));
        String reference = new StoredFiles(store, dir.resolve("queuer")).storeTask(spec.toString());
        deleteTree(dir.resolve("original"));

        assertTrue(reference.matches("store:[0-9a-f]{64}/small\\.yaml"), reference);
        TaskSpec task = new StoredFiles(store, dir.resolve("worker")).task(reference);
        assertEquals("small", task.name());
        assertEquals(80, task.load(0, 1).train().count());
        assertEquals(smallCsv(), Files.readString(dir.resolve("worker/tasks/" + reference.substring(6, 70)
                + "/small.csv")));
        assertEquals("small", Jobs.taskName(reference));
    }

    @Test
    void dataOutsideTheSpecsFolderOrNamedByAnAbsolutePathComesAlong() throws Exception {
        Path above = smallTask(dir.resolve("specs/above"), "../../data/small.csv", dir.resolve("data/small.csv"));
        Path absolute = smallTask(dir.resolve("specs/absolute"), dir.resolve("data/other.csv").toString(),
                dir.resolve("data/other.csv"));
        StoredFiles queuer = new StoredFiles(store, dir.resolve("queuer"));
        String first = queuer.storeTask(above.toString());
        String second = queuer.storeTask(absolute.toString());
        deleteTree(dir.resolve("specs"));
        deleteTree(dir.resolve("data"));

        StoredFiles worker = new StoredFiles(store, dir.resolve("worker"));
        assertEquals(80, worker.task(first).load(0, 1).train().count());
        assertEquals(80, worker.task(second).load(0, 1).train().count());
        // The absolute path became one relative to the spec, in the stored copy of the spec only.
        assertEquals("../../data/other.csv", Files.readAllLines(dir.resolve("worker/tasks/" + second.substring(6, 70)
                + "/specs/absolute/small.yaml")).stream().filter(line -> line.contains("train:")).findFirst()
                .orElseThrow().replaceAll(".*train: *\"?([^\"]*)\"?", "$1"));
    }

    @Test
    void aSpecFileNameWithCharactersASpecWordCannotHoldIsShownWithUnderscores() throws Exception {
        Path spec = smallTask(dir.resolve("original"), "small.csv", dir.resolve("original/small.csv"));
        Path spaced = Files.move(spec, dir.resolve("original/my task (1).yaml"));
        String reference = new StoredFiles(store, dir.resolve("queuer")).storeTask(spaced.toString());

        assertTrue(reference.endsWith("/my_task__1_.yaml"), reference);
        assertEquals("small", new StoredFiles(store, dir.resolve("worker")).task(reference).name());
    }

    @Test
    void aBuiltInTaskOrAPathIsNotAReference() throws Exception {
        StoredFiles files = new StoredFiles(store, dir.resolve("cache"));
        Path spec = smallTask(dir.resolve("original"), "small.csv", dir.resolve("original/small.csv"));

        assertEquals("teacher-student", files.storeTask("teacher-student"));
        assertEquals("teacher-student", files.task("teacher-student").name());
        assertEquals("small", files.task(spec.toString()).name());
        assertEquals("Constant(lr=0.1)", files.localize("Constant(lr=0.1)"));
        assertFalse(Files.exists(dir.resolve("cache")), "nothing to fetch, nothing cached");
    }

    @Test
    void aModelReferenceInASpecIsReplacedByItsCachedCopy() throws Exception {
        Path model = Files.writeString(dir.resolve("model.json"), "{\"format\":\"psi-model/1\"}");
        String reference = new StoredFiles(store, dir.resolve("queuer")).storeModel(model, "psi-formula.json");
        String hash = FileStore.hash(Files.readAllBytes(model));
        Files.delete(model);

        assertEquals("store:" + hash + "/psi-formula.json", reference);
        Path cache = dir.resolve("worker");
        assertEquals("Warmup(steps=2,then=Psi(model=" + cache.resolve(hash) + ",scale=0.5))",
                new StoredFiles(store, cache).localize("Warmup(steps=2,then=Psi(model=" + reference + ",scale=0.5))"));
        assertEquals("{\"format\":\"psi-model/1\"}", Files.readString(cache.resolve(hash)));
    }

    @Test
    void aCachedPathThatABareWordCannotHoldIsQuotedInTheSpec() throws Exception {
        Path model = Files.writeString(dir.resolve("model.json"), "{\"format\":\"psi-model/1\"}");
        String reference = new StoredFiles(store, dir.resolve("queuer")).storeModel(model, "psi-formula.json");
        Path cache = dir.resolve("jane doe/psi+home/files");

        String local = new StoredFiles(store, cache).localize("Psi(model=" + reference + ",scale=0.5)");

        Path cached = cache.resolve(FileStore.hash(Files.readAllBytes(model)));
        assertEquals("Psi(model='" + cached + "',scale=0.5)", local);
        assertEquals(new SpecValue.Word(cached.toString()), Spec.parse(local).args().get("model"));
        assertEquals(local, new StoredFiles(store, cache).localize("Psi(model='" + reference + "',scale=0.5)"));
    }

    @Test
    void aPartialCopyThatAKilledWorkerLeftIsDeletedAndAYoungOneKept() throws Exception {
        String hash = store.files().put("hello\n".getBytes(StandardCharsets.US_ASCII));
        Path cache = Files.createDirectories(dir.resolve("worker"));
        Path stale = Files.writeString(cache.resolve(hash + "-1.part"), "hel");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));
        Path young = Files.writeString(cache.resolve(hash + "-2.part"), "he");

        new StoredFiles(store, cache).fetch(hash);

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(young));
    }

    @Test
    void theCachedCopyIsReusedWithoutTheStore() throws Exception {
        String hash = store.files().put("hello\n".getBytes(StandardCharsets.US_ASCII));
        StoredFiles worker = new StoredFiles(store, dir.resolve("worker"));
        Path first = worker.fetch(hash);
        sql("DELETE FROM files");

        assertEquals(first, worker.fetch(hash));
        assertEquals("hello\n", Files.readString(first));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StoredFiles(store, dir.resolve("other")).fetch(hash));
        assertEquals("file " + hash + " is not in the store " + store.location() + ": the study that queued this job"
                + " stores every file its jobs name; queue the job again with this Psi", e.getMessage());
    }

    @Test
    void aStoredFileThatDoesNotMatchItsHashIsRefusedAndNothingIsCached() throws Exception {
        String hash = store.files().put("hello\n".getBytes(StandardCharsets.US_ASCII));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("psi.db"));
             PreparedStatement update = connection.prepareStatement("UPDATE files SET content = ?")) {
            update.setBytes(1, gzip("jello\n"));
            update.executeUpdate();
        }

        StoreException e = assertThrows(StoreException.class, () -> new StoredFiles(store, dir.resolve("w")).fetch(hash));
        assertTrue(e.getMessage().contains("the stored content is damaged: its 6 bytes have SHA-256 "
                + FileStore.hash("jello\n".getBytes(StandardCharsets.US_ASCII))), e.getMessage());
        assertFalse(Files.exists(dir.resolve("w").resolve(hash)));
    }

    @Test
    void aDamagedCachedCopyIsFetchedAgain() throws Exception {
        String hash = store.files().put("hello\n".getBytes(StandardCharsets.US_ASCII));
        StoredFiles worker = new StoredFiles(store, dir.resolve("worker"));
        Files.writeString(worker.fetch(hash), "jello\n");

        assertArrayEquals("hello\n".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(worker.fetch(hash)));
        try (Stream<Path> left = Files.list(dir.resolve("worker"))) {
            assertEquals(1, left.count(), "no partial copy left behind");
        }
    }

    @Test
    void aManifestNamingAPathInsteadOfAHashIsRefusedBeforeAnythingIsRead() {
        String manifest = store.files().put("{\"spec\": \"t.yaml\", \"files\": {\"t.yaml\": \"../../psi.db\"}}"
                .getBytes(StandardCharsets.US_ASCII));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StoredFiles(store, dir.resolve("w")).task("store:" + manifest + "/t.yaml"));
        assertEquals("a stored task manifest names ../../psi.db as a file, not a SHA-256 hash", e.getMessage());
    }

    @Test
    void aManifestWhoseSpecLiesOutsideItsFolderIsRefused() {
        String spec = store.files().put("name: t\n".getBytes(StandardCharsets.US_ASCII));
        String manifest = store.files().put(("{\"spec\": \"../t.yaml\", \"files\": {\"t.yaml\": \"" + spec + "\"}}")
                .getBytes(StandardCharsets.US_ASCII));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StoredFiles(store, dir.resolve("w")).task("store:" + manifest + "/t.yaml"));
        assertEquals("task manifest " + manifest + " names a spec outside its folder: ../t.yaml", e.getMessage());
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("psi.db"));
             var run = connection.createStatement()) {
            run.execute(statement);
        }
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    /** Writes a Ψ formula model to {@code file}, for a job whose controller is {@code Psi(model=...)} to run. */
    static Path formulaModel(Path file) throws IOException {
        return Files.writeString(file, """
                {"format": "psi-model/1", "kind": "formula", "features": ["loss_ratio", "epoch"],
                 "formula": "0.3*loss_ratio^0.5*(1 + epoch)^-0.2", "lr_range": [0.001, 0.5],
                 "feature_ranges": {"loss_ratio": [0.05, 1.0], "epoch": [0.0, 9.0]},
                 "metrics": {"loto_rmse_log_lr": 0.3, "r2": 0.8, "spearman": null},
                 "studies": ["s1"], "tasks": ["small"], "pareto": []}
                """);
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
