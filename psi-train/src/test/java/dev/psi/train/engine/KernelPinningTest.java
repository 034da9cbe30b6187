package dev.psi.train.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelPinningTest {

    @TempDir
    Path dir;

    @Test
    void aChildGetsThePinsItsParentLacksAndKeepsTheUsersOwn() {
        assertEquals(KernelPinning.PINS, KernelPinning.forChild(Map.of()));
        assertEquals(Map.of("MKL_CBWR", "AVX2,STRICT", "ONEDNN_MAX_CPU_ISA", "AVX2"),
                KernelPinning.forChild(Map.of("ATEN_CPU_CAPABILITY", "avx512")));
        assertEquals(List.of("ATEN_CPU_CAPABILITY"), KernelPinning.missing(Map.of("MKL_CBWR", "COMPATIBLE",
                "ONEDNN_MAX_CPU_ISA", "AVX2", "ATEN_CPU_CAPABILITY", " ")));
        for (String off : List.of("0", "false", "OFF")) {
            Map<String, String> optedOut = Map.of(KernelPinning.OPT_OUT, off);
            assertFalse(KernelPinning.enabled(optedOut));
            assertEquals(Map.of(), KernelPinning.forChild(optedOut));
            assertEquals("", KernelPinning.warning(optedOut));
        }
        assertTrue(KernelPinning.enabled(Map.of(KernelPinning.OPT_OUT, "1")));
    }

    @Test
    void aProcessWithoutThePinsIsWarnedOnceInOneLine() {
        String warning = KernelPinning.warning(Map.of("ATEN_CPU_CAPABILITY", "avx2"));
        assertTrue(warning.startsWith("psi: warning: MKL_CBWR, ONEDNN_MAX_CPU_ISA not set"), warning);
        assertTrue(warning.contains("MKL_CBWR=AVX2,STRICT ONEDNN_MAX_CPU_ISA=AVX2"), warning);
        assertFalse(warning.contains("\n"));
        assertEquals("", KernelPinning.warning(KernelPinning.PINS));
    }

    @Test
    void resultsRecordEveryPinAndRelatedVariableInAFixedOrder() {
        Map<String, String> recorded = KernelPinning.inForce(Map.of("MKL_ENABLE_INSTRUCTIONS", "AVX2",
                "MKL_CBWR", "COMPATIBLE"));
        assertEquals(List.of("ATEN_CPU_CAPABILITY", "MKL_CBWR", "ONEDNN_MAX_CPU_ISA", "MKL_ENABLE_INSTRUCTIONS",
                "DNNL_MAX_CPU_ISA", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "PSI_PIN_KERNELS"),
                List.copyOf(recorded.keySet()));
        assertNull(recorded.get("ATEN_CPU_CAPABILITY"));
        assertEquals("COMPATIBLE", recorded.get("MKL_CBWR"));
        assertEquals("AVX2", recorded.get("MKL_ENABLE_INSTRUCTIONS"));
    }

    /** The launcher and Maven's surefire set what KernelPinning says: users and tests see the same numbers. */
    @Test
    void theLauncherAndTheTestsPinTheSameValues() throws Exception {
        String launcher = Files.readString(Path.of("..", "psi"));
        KernelPinning.PINS.forEach((name, value) -> assertTrue(
                launcher.contains("export " + name + "=\"${" + name + ":-" + value + "}\""), name + " in ./psi"));
        assertTrue(launcher.contains(KernelPinning.OPT_OUT));
        KernelPinning.PINS.forEach((name, value) -> assertEquals(value, System.getenv(name),
                name + " in this test JVM: surefire's environmentVariables in the parent pom"));
    }

    @Test
    void theCpuIsReadFromTheFirstProcessorOfCpuinfo() throws Exception {
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                model name\t: AMD EPYC 7B13
                flags\t\t: fpu sse2 avx avx2 fma

                processor\t: 1
                vendor_id\t: AuthenticAMD
                model name\t: AMD EPYC 7B13
                flags\t\t: fpu sse2 avx avx2 fma avx512f
                """);
        Map<String, String> cpu = RunEnvironment.cpuInfo(cpuinfo);
        assertEquals("AuthenticAMD", cpu.get("vendor_id"));
        assertEquals("AMD EPYC 7B13", cpu.get("model name"));
        assertEquals("fpu sse2 avx avx2 fma", cpu.get("flags"));
        assertEquals(Map.of(), RunEnvironment.cpuInfo(dir.resolve("missing")));
    }

    @Test
    void theEnvironmentNamesThisMachineAndItsLibraries() {
        RunEnvironment environment = RunEnvironment.current(1, 2, Map.of("MKL_CBWR", "AVX2,STRICT"));
        assertEquals("2.7.1", environment.torchVersion());
        assertTrue(environment.djlVersion().startsWith("0.36"), environment.djlVersion());
        assertEquals(Runtime.getRuntime().availableProcessors(), environment.availableProcessors());
        assertEquals(2, environment.workers());
        assertEquals("AVX2,STRICT", environment.pinning().get("MKL_CBWR"));
        assertNull(environment.pinning().get("ATEN_CPU_CAPABILITY"));
        assertEquals(System.getProperty("java.version"), environment.javaVersion());
    }
}
