package dev.psi.lab.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecValue;
import dev.psi.store.FileFailures;
import dev.psi.store.FileStore;
import dev.psi.store.ResultStore;
import dev.psi.train.task.DataSource;
import dev.psi.train.task.TaskSpec;
import dev.psi.train.task.Tasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a study's jobs need, carried through the store instead of a shared file system (DESIGN.md: "A job
 * carries what it needs through the store"): fitted Ψ models, and task spec files with the data files they name.
 *
 * <p>The process that queues the jobs stores each file in the store's {@code files} table ({@link FileStore}, by
 * the SHA-256 of its content) and names it in the jobs by a <em>reference</em>, {@code store:HASH/NAME}: a Ψ model
 * in a controller spec, {@code Psi(model=store:HASH/psi-formula.json)}, and a spec-file task in a job's task,
 * {@code store:HASH/digits.yaml} (with {@code #settings} for a suite's task with other settings). A task's HASH is
 * that of a small manifest listing the spec file and each data file it names, by its place relative to their
 * common folder, so that the spec's relative paths ({@code train: digits.csv}, {@code ../data/x.csv}) hold in the
 * copy; a data file the spec names by an absolute path is renamed relative to the spec in the stored copy of the
 * spec. NAME is the file's name, for people reading the job: the identity is the hash, so that a trial found by its
 * spec ({@link dev.psi.store.TrialStore#like}) is found again when the study's files move (another {@code --out}).
 *
 * <p>A worker resolves a reference through a local cache, {@code $PSI_HOME/files} by default: each file under its
 * hash, fetched from the store on first use, checked against its hash (by {@link FileStore#get} after download,
 * and again whenever the cached copy is reused) and written whole or not at all (temporary file, atomic move), so
 * that a worker killed mid-copy leaves nothing a later one would trust. A task's copy lies under
 * {@code tasks/HASH/} in the same layout as the originals. A source that is not a reference (a built-in task's
 * name, a spec file's path, a model file's path in a job queued by an earlier Psi) is read as before.
 */
public final class StoredFiles {

    /** What every reference starts with. */
    public static final String PREFIX = "store:";

    /** A reference inside a spec or a task source; group 1 is the hash, group 2 the file's name. */
    /** Minutes after which a partial copy in the cache is taken for one that a killed worker left. */
    static final int STALE_PART_MINUTES = 60;

    private static final Pattern REFERENCE = Pattern.compile("store:([0-9a-f]{64})/([A-Za-z0-9_.\\-]+)");

    /** The keys of a task spec's {@code data} mapping that name files (csv and idx formats). */
    private static final List<String> DATA_FILE_KEYS = List.of("train", "val", "labels", "val_images", "val_labels");

    /** The system property that sets the cache folder (tests); otherwise {@code psi.home}, then {@code PSI_HOME}. */
    public static final String CACHE_PROPERTY = "psi.files";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ResultStore store;
    private final Path cache;

    /**
     * @param store where the files are stored, and fetched from
     * @param cache the folder of the local copies (created when first needed)
     */
    public StoredFiles(ResultStore store, Path cache) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache").toAbsolutePath();
    }

    /** The files of {@code store}, cached in {@link #defaultCache()}. */
    public static StoredFiles of(ResultStore store) {
        return new StoredFiles(store, defaultCache());
    }

    /**
     * The cache folder: the system property {@value #CACHE_PROPERTY} when set, else {@code files} under Psi's own
     * folder (the launcher's {@code psi.home}, else {@code $PSI_HOME}, else {@code ~/.psi}).
     */
    public static Path defaultCache() {
        String set = System.getProperty(CACHE_PROPERTY);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        String home = System.getProperty("psi.home");
        if (home == null || home.isBlank()) {
            home = System.getenv("PSI_HOME");
        }
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".psi");
        return base.resolve("files");
    }

    /** Whether {@code source} is a reference to stored files rather than a name or a path. */
    public static boolean isReference(String source) {
        return source.startsWith(PREFIX);
    }

    /**
     * A job's name for the task at {@code source} when it cannot be resolved here: a reference's file name without
     * its extension (and with its {@code #settings}), anything else as it is.
     */
    static String displayName(String source) {
        Matcher reference = REFERENCE.matcher(source);
        if (!reference.lookingAt()) {
            return source;
        }
        String name = reference.group(2);
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + source.substring(reference.end());
    }

    // ---- the queuing side ----

    /**
     * Stores the model file {@code file} and returns its reference, {@code store:HASH/NAME}.
     *
     * @param name the file name the reference shows, e.g. {@code psi-formula.json}
     */
    public String storeModel(Path file, String name) {
        return PREFIX + store.files().put(read(file)) + "/" + shown(name);
    }

    /** {@code name} with every character a reference cannot hold (and a spec word cannot) replaced by {@code _}. */
    private static String shown(String name) {
        return name.replaceAll("[^A-Za-z0-9_.\\-]", "_");
    }

    /**
     * Stores the task at {@code source}, when it is a spec file ({@code FILE} or {@code FILE#settings}), with every
     * data file it names, and returns its reference; any other source (a built-in or generated task's name, a
     * reference) is returned as it is.
     *
     * @throws dev.psi.core.spec.SpecException if the spec is invalid
     * @throws dev.psi.train.data.DataException if the spec or a data file is missing
     */
    public String storeTask(String source) {
        if (isReference(source) || !Tasks.isSpecSource(source)) {
            return source;
        }
        int hashAt = source.lastIndexOf('#');
        String settings = hashAt > 0 ? source.substring(hashAt) : "";
        Path spec = Path.of(hashAt > 0 ? source.substring(0, hashAt) : source).toAbsolutePath().normalize();
        TaskSpec task = Tasks.resolve(spec.toString());
        List<Path> data = dataFiles(task.data());
        Path root = spec.getParent();
        for (Path file : data) {
            root = commonFolder(root, file.getParent());
        }
        Map<String, String> files = new TreeMap<>();
        String specPlace = place(root, spec);
        files.put(specPlace, store.files().put(withRelativeDataPaths(spec, read(spec))));
        for (Path file : data) {
            files.put(place(root, file), store.files().put(read(file)));
        }
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("spec", specPlace);
        files.forEach(manifest.putObject("files")::put);
        String hash;
        try {
            hash = store.files().put(JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of " + spec, e);
        }
        return PREFIX + hash + "/" + shown(spec.getFileName().toString()) + settings;
    }

    // ---- the worker's side ----

    /**
     * The task at {@code source}: a reference's stored copy (fetched into the cache when not there yet), or
     * whatever {@link Tasks#resolve} makes of any other source.
     */
    public TaskSpec task(String source) {
        if (!isReference(source)) {
            return Tasks.resolve(source);
        }
        Matcher reference = REFERENCE.matcher(source);
        if (!reference.lookingAt()) {
            throw new IllegalArgumentException("task " + source + " is not a valid reference to stored files: expected "
                    + "store:HASH/NAME with HASH 64 lowercase hex digits (SHA-256)");
        }
        String hash = reference.group(1);
        JsonNode manifest = manifest(hash);
        Path folder = taskFolder(hash, manifest);
        Path spec = folder.normalize().resolve(manifest.get("spec").asText()).normalize();
        if (!spec.startsWith(folder.normalize())) {
            throw new IllegalStateException("task manifest " + hash + " names a spec outside its folder: "
                    + manifest.get("spec").asText());
        }
        return Tasks.resolve(spec + source.substring(reference.end()));
    }

    /**
     * {@code spec} (a controller spec, e.g. {@code Psi(model=store:HASH/psi-formula.json)}) with every reference
     * replaced by the path of its cached copy, for the engine to read; a spec without references is returned as it
     * is. The spec is parsed and written again, so that the path is quoted where a bare word cannot hold it (the
     * cache lies under {@code $PSI_HOME}, which may have a space or a {@code +} in it), whether the reference was
     * written bare or quoted.
     */
    public String localize(String spec) {
        if (!REFERENCE.matcher(spec).find()) {
            return spec;
        }
        return localize(Spec.parse(spec)).toString();
    }

    /** {@code spec} with every string value that is a whole reference replaced by its cached copy's path. */
    private Spec localize(Spec spec) {
        Map<String, SpecValue> args = new LinkedHashMap<>();
        spec.args().forEach((key, value) -> args.put(key, localize(value)));
        return new Spec(spec.name(), args);
    }

    private SpecValue localize(SpecValue value) {
        if (value instanceof SpecValue.Word word) {
            Matcher reference = REFERENCE.matcher(word.text());
            return reference.matches() ? new SpecValue.Word(fetch(reference.group(1)).toString()) : word;
        }
        if (value instanceof SpecValue.ListOf list) {
            return new SpecValue.ListOf(list.items().stream().map(this::localize).toList());
        }
        if (value instanceof SpecValue.Nested nested) {
            return new SpecValue.Nested(localize(nested.spec()));
        }
        return value;
    }

    /**
     * The cached copy of the file stored under {@code hash}: reused when its content still has that hash, else
     * fetched from the store and written whole or not at all.
     *
     * @throws IllegalStateException if {@code hash} is no SHA-256 hash, or the store does not hold it
     * @throws dev.psi.store.StoreException if the stored content does not match its hash
     */
    public Path fetch(String hash) {
        // Checked first: a hash read from a manifest in the store is input, and must not name a path to read.
        if (!FileStore.isHash(hash)) {
            throw new IllegalStateException("a stored task manifest names " + hash + " as a file, not a SHA-256 hash");
        }
        Path file = cache.resolve(hash);
        if (Files.isRegularFile(file) && FileStore.hash(read(file)).equals(hash)) {
            return file;
        }
        byte[] content = store.files().get(hash).orElseThrow(() -> new IllegalStateException("file " + hash
                + " is not in the store " + store.location() + ": the study that queued this job stores every file"
                + " its jobs name; queue the job again with this Psi"));
        try {
            Files.createDirectories(cache);
            removeStaleParts(hash);
            Path part = Files.createTempFile(cache, hash + "-", ".part");
            try {
                Files.write(part, content);
                move(part, file);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cached copy " + file + ": " + FileFailures.describe(e), e);
        }
        return file;
    }

    /**
     * Deletes the partial copies of {@code hash} that a worker killed while writing one left behind: those older than
     * {@value #STALE_PART_MINUTES} minutes, since a younger one may be another worker's write in progress.
     */
    private void removeStaleParts(String hash) throws IOException {
        Instant stale = Instant.now().minus(Duration.ofMinutes(STALE_PART_MINUTES));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(cache, hash + "-*.part")) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).toInstant().isBefore(stale)) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }

    private JsonNode manifest(String hash) {
        try {
            JsonNode manifest = JSON.readTree(read(fetch(hash)));
            if (manifest == null || !manifest.path("spec").isTextual() || !manifest.path("files").isObject()) {
                throw new IllegalStateException("stored file " + hash + " is not a task's manifest");
            }
            return manifest;
        } catch (IOException e) {
            throw new IllegalStateException("stored file " + hash + " is not a task's manifest: " + e.getMessage(), e);
        }
    }

    /** The task's files laid out as the manifest says under {@code tasks/HASH}, made whole or not at all. */
    private Path taskFolder(String hash, JsonNode manifest) {
        Path tasks = cache.resolve("tasks");
        Path folder = tasks.resolve(hash);
        if (Files.isDirectory(folder)) {
            return folder;
        }
        try {
            Files.createDirectories(tasks);
            Path part = Files.createTempDirectory(tasks, hash + "-");
            try {
                var entries = manifest.get("files").fields();
                while (entries.hasNext()) {
                    var entry = entries.next();
                    Path target = part.resolve(entry.getKey()).normalize();
                    if (Path.of(entry.getKey()).isAbsolute() || !target.startsWith(part)) {
                        throw new IllegalStateException("task manifest " + hash + " names a file outside its folder: "
                                + entry.getKey());
                    }
                    Files.createDirectories(target.getParent());
                    Files.copy(fetch(entry.getValue().asText()), target);
                }
                try {
                    move(part, folder);
                } catch (IOException e) {
                    if (!Files.isDirectory(folder)) {
                        throw e;
                    }
                    // Another worker made it first: the same files, as the hash says.
                }
            } finally {
                delete(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cached copy " + folder + ": " + FileFailures.describe(e), e);
        }
        return folder;
    }

    /** The files {@code data} reads: a CSV or IDX task's, none for Fashion-MNIST or a synthetic task. */
    private static List<Path> dataFiles(DataSource data) {
        List<Path> files = new ArrayList<>();
        if (data instanceof DataSource.Csv csv) {
            files.add(csv.options().train());
            csv.options().validationFile().ifPresent(files::add);
        } else if (data instanceof DataSource.Idx idx) {
            files.add(idx.options().images());
            files.add(idx.options().labels());
            idx.options().validationImages().ifPresent(files::add);
            idx.options().validationLabels().ifPresent(files::add);
        }
        return files.stream().map(path -> path.toAbsolutePath().normalize()).distinct().toList();
    }

    /**
     * The spec's bytes, or, when its {@code data} names a file by an absolute path, the spec with that path made
     * relative to the spec's folder (written in the spec's own format), so that the copy reads the stored file.
     */
    private static byte[] withRelativeDataPaths(Path spec, byte[] content) {
        boolean json = spec.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = json ? JSON : new YAMLMapper();
        try {
            JsonNode tree = mapper.readTree(content);
            JsonNode data = tree == null ? null : tree.get("data");
            boolean changed = false;
            if (data instanceof ObjectNode fields) {
                for (String key : DATA_FILE_KEYS) {
                    JsonNode value = fields.get(key);
                    if (value != null && value.isTextual() && Path.of(value.asText()).isAbsolute()) {
                        Path relative = spec.getParent().relativize(Path.of(value.asText()).normalize());
                        fields.put(key, relative.toString().replace('\\', '/'));
                        changed = true;
                    }
                }
            }
            return changed ? mapper.writeValueAsBytes(tree) : content;
        } catch (IOException e) {
            // Tasks.resolve read it a moment ago; keep it as it is, and let the worker's reading say what is wrong.
            return content;
        }
    }

    private static Path commonFolder(Path a, Path b) {
        Path common = a;
        while (common != null && !b.startsWith(common)) {
            common = common.getParent();
        }
        return common == null ? a.getRoot() : common;
    }

    private static String place(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + FileFailures.describe(e), e);
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
