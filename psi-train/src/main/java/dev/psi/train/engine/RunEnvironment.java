package dev.psi.train.engine;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a study's numbers were computed: the CPU (model, vendor and flags from {@code /proc/cpuinfo} where
 * there is one), the processors, the threads, Java, DJL and libtorch, the OS, and the kernel pinning in force
 * ({@link KernelPinning}). {@code results.json} records it as {@code environment}, so that two result files
 * that differ can be told apart by machine, and two that should agree can be checked for the same set-up.
 *
 * @param cpuModel the CPU's model name, or null where unknown
 * @param cpuVendor the CPU's vendor id (GenuineIntel, AuthenticAMD), or null where unknown
 * @param cpuFlags the CPU's flags, space-separated as the kernel lists them, or null where unknown
 * @param vectorIsa the widest x86 vector extension among the flags (avx512f, avx2, avx, sse4_2), or null
 * @param availableProcessors processors the JVM may use
 * @param threadsPerTrial intra-op threads each trial uses
 * @param workers worker processes of the study (0: trials ran in the study's process), or null where unknown
 * @param javaVersion {@code java.version}
 * @param javaVm the JVM's name and version
 * @param djlVersion DJL's version
 * @param torchVersion libtorch's version
 * @param os the operating system's name, version and architecture
 * @param pinning the pinned and related variables as set in this process, null where unset
 */
public record RunEnvironment(String cpuModel, String cpuVendor, String cpuFlags, String vectorIsa,
        int availableProcessors, int threadsPerTrial, Integer workers, String javaVersion, String javaVm,
        String djlVersion, String torchVersion, String os, Map<String, String> pinning) {

    /** The extensions {@link #vectorIsa} looks for, widest first. */
    private static final List<String> ISAS = List.of("avx512f", "avx2", "avx", "sse4_2");

    public RunEnvironment {
        pinning = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pinning));
    }

    /**
     * This process's environment; starts libtorch if it is not started yet.
     *
     * @param threadsPerTrial intra-op threads of each trial
     * @param workers worker processes, or null where unknown
     */
    public static RunEnvironment current(int threadsPerTrial, Integer workers) {
        return current(threadsPerTrial, workers, System.getenv());
    }

    /**
     * This machine's environment, with the kernel pinning of {@code variables}: the environment the trials ran
     * in, which for worker processes may hold pins this process lacks; starts libtorch if it is not started yet.
     */
    public static RunEnvironment current(int threadsPerTrial, Integer workers, Map<String, String> variables) {
        Map<String, String> cpu = cpuInfo(Path.of("/proc/cpuinfo"));
        String flags = cpu.get("flags");
        String isa = null;
        if (flags != null) {
            List<String> own = List.of(flags.split("\\s+"));
            isa = ISAS.stream().filter(own::contains).findFirst().orElse(null);
        }
        return new RunEnvironment(cpu.get("model name"), cpu.get("vendor_id"), flags, isa,
                Runtime.getRuntime().availableProcessors(), threadsPerTrial, workers, System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"), Engine.getDjlVersion(),
                TorchRuntime.torchVersion(), System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"), KernelPinning.inForce(variables));
    }

    /** The fields of the first processor in a {@code /proc/cpuinfo}-style file; empty if it cannot be read. */
    static Map<String, String> cpuInfo(Path file) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return fields;
        }
        for (String line : lines) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }
}
