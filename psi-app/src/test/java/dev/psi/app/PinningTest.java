package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.psi.core.result.EpochResult;
import dev.psi.store.ResultStore;
import dev.psi.train.engine.KernelPinning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same numbers on every x86-64 CPU: runs Psi in child JVMs whose kernels are chosen as on this machine or
 * as on an AVX2-only one ({@code MKL_ENABLE_INSTRUCTIONS=AVX2}, {@code ATEN_CPU_CAPABILITY=avx2},
 * {@code ONEDNN_MAX_CPU_ISA=AVX2}: what the libraries pick by themselves on a machine without AVX-512), and
 * checks that with the pinning ({@link KernelPinning}) both give the same bits.
 */
class PinningTest {

    /** What the libraries choose by themselves on an AVX2-only machine, emulated on this one. */
    private static final Map<String, String> AVX2_MACHINE = Map.of("MKL_ENABLE_INSTRUCTIONS", "AVX2",
            "ATEN_CPU_CAPABILITY", "avx2", "ONEDNN_MAX_CPU_ISA", "AVX2");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void pinnedTrainingGivesTheSameBitsWhateverKernelsTheCpuOffers() throws Exception {
        List<EpochResult> pinned = train("pinned", Map.of());
        List<EpochResult> pinnedOnAvx2 = train("pinned-avx2", Map.of("MKL_ENABLE_INSTRUCTIONS", "AVX2"));
        assertEquals(losses(pinned), losses(pinnedOnAvx2));

        if (avx512Intel()) {
            // On an AVX-512 machine the same run unpinned takes other kernels than on an AVX2-only one, and the
            // losses differ: without that, the equality above would prove nothing.
            // (This JVM has the pins from surefire: the children must not inherit them.)
            Map<String, String> unpinned = new java.util.HashMap<>();
            KernelPinning.PINS.keySet().forEach(name -> unpinned.put(name, null));
            unpinned.put(KernelPinning.OPT_OUT, "0");
            List<EpochResult> free = train("free", unpinned);
            Map<String, String> avx2 = new java.util.HashMap<>(unpinned);
            avx2.putAll(AVX2_MACHINE);
            List<EpochResult> freeOnAvx2 = train("free-avx2", avx2);
            assertNotEquals(losses(free), losses(freeOnAvx2), "unpinned runs differ between AVX-512 and AVX2 kernels");
        }
    }

    /**
     * A reduced study, run twice: in one JVM with the pins (as the launcher starts it), trials in-process; in
     * another without them, on emulated AVX2-only kernels, trials in a worker process, which the study must
     * pin. Their results.json agree but for wall-clock seconds and the environment, which names the pins. The
     * same comparison, against a committed file, is how the quick preset's reference is checked (README).
     */
    @Test
    void aReducedStudyReproducesItsResultsOnOtherKernelsAndWithWorkers() throws Exception {
        ReducedStudyTasks tasks = ReducedStudyTasks.writeTo(dir);
        Path ts = tasks.teacherStudent();
        Path nq = tasks.noisyQuadratic();
        Map<String, String> unpinnedOnAvx2 = new java.util.HashMap<>();
        KernelPinning.PINS.keySet().forEach(name -> unpinnedOnAvx2.put(name, null));
        unpinnedOnAvx2.put("MKL_ENABLE_INSTRUCTIONS", "AVX2");
        unpinnedOnAvx2.put("ATEN_CPU_CAPABILITY", "avx2");
        // Both at once: the machine has two cores, and each study is mostly one busy thread.
        CompletableFuture<Path> pinned = CompletableFuture.supplyAsync(() -> study("a", ts, nq, 0, Map.of()));
        CompletableFuture<Path> workers = CompletableFuture.supplyAsync(() -> study("b", ts, nq, 1, unpinnedOnAvx2));
        JsonNode a = JSON.readTree(pinned.get(5, TimeUnit.MINUTES).toFile());
        JsonNode b = JSON.readTree(workers.get(5, TimeUnit.MINUTES).toFile());

        assertEquals(ResultsComparison.withoutWallClock(a).toPrettyString(),
                ResultsComparison.withoutWallClock(b).toPrettyString());
        for (JsonNode results : List.of(a, b)) {
            JsonNode pinning = results.get("environment").get("pinning");
            KernelPinning.PINS.forEach((name, value) -> assertEquals(value, pinning.get(name).asText(), name));
        }
        assertEquals(0, a.get("environment").get("workers").asInt());
        assertEquals(1, b.get("environment").get("workers").asInt());
        assertEquals("AVX2", b.get("environment").get("pinning").get("MKL_ENABLE_INSTRUCTIONS").asText());
        assertTrue(a.get("environment").get("available_processors").asInt() >= 1);
    }

    private Path study(String name, Path ts, Path nq, int workers, Map<String, String> environment) {
        Path out = dir.resolve(name);
        run(environment, "study", "--tasks", ts.toString(), "--holdout", nq.toString(), "--seeds", "1", "--methods",
                "constant,psi-formula", "--defaults", "textbook", "--labels", "greedy", "--workers", Integer.toString(workers), "--name",
                "reduced", "--out",
                out.toString(), "--db", dir.resolve(name + ".db").toString());
        return out.resolve("results.json");
    }

    private List<EpochResult> train(String name, Map<String, String> environment) {
        Path db = dir.resolve(name + ".db");
        run(environment, "train", "--task", "teacher-student", "--epochs", "3", "--no-progress", "--db", db.toString());
        try (ResultStore store = ResultStore.open(db.toString())) {
            return store.epochs().of(store.trials().all().get(0).id());
        }
    }

    /** Runs {@code psi ARGS} in a child JVM with this one's class path; null values remove a variable. */
    private void run(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Psi.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), String.join(" ", args) + ":\n" + output);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> losses(List<EpochResult> epochs) {
        return epochs.stream().map(e -> e.epoch() + ": " + e.trainLoss() + " " + e.valLoss() + " " + e.valAccuracy())
                .toList();
    }

    private static boolean avx512Intel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return false;
        }
        String text = Files.readString(cpuinfo);
        return text.contains("GenuineIntel") && text.matches("(?s).*\\bavx512f\\b.*");
    }
}
