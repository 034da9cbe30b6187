package dev.psi.train.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment variables that make libtorch's numbers independent of the CPU, so that a study gives the
 * same results on every x86-64 machine with AVX2, with or without AVX-512.
 *
 * <p>libtorch, the MKL inside it and oneDNN each pick kernels by the CPU they find: on an AVX-512 machine a
 * matrix product or a reduction sums in another order than on an AVX2-only one, the last bits of the loss
 * differ, and a few epochs later a controller or a search takes another discrete decision. Pinning all three
 * to the AVX2 code path (the lowest level every machine Psi targets has) removes that:
 * <ul>
 *   <li>{@code ATEN_CPU_CAPABILITY=avx2}: ATen's own vectorized kernels (element-wise ops, reductions,
 *       softmax);</li>
 *   <li>{@code MKL_CBWR=AVX2,STRICT}: MKL's conditional numerical reproducibility on its AVX2 branch (matrix
 *       products); {@code STRICT} also makes them independent of the number of threads;</li>
 *   <li>{@code ONEDNN_MAX_CPU_ISA=AVX2}: oneDNN's kernels (convolutions).</li>
 * </ul>
 * The libraries read them from the process environment when they first need them, which a JVM cannot change
 * for itself: the {@code psi} launcher exports them, {@code psi study} hands them to its workers
 * ({@link #forChild}), and Maven's surefire sets them for the tests. A process that starts libtorch without
 * them warns once ({@link TorchRuntime}). A value the user set is kept; {@code PSI_PIN_KERNELS=0} turns the
 * pinning off (faster on AVX-512 machines, and the numbers then depend on the CPU).
 *
 * <p>MKL guarantees its AVX2 branch on Intel CPUs; on other vendors' it may fall back to its automatic
 * choice. {@code MKL_CBWR=COMPATIBLE} is the branch MKL guarantees on every x86-64 CPU, at about twice the
 * time of a matrix product; set it to compare Intel and AMD machines bit for bit.
 */
public final class KernelPinning {

    /** Set to {@code 0} or {@code false} to leave the kernels to the libraries' choice. */
    public static final String OPT_OUT = "PSI_PIN_KERNELS";

    /** The pinned variables and their values, in the order the launcher and the README list them. */
    public static final Map<String, String> PINS;

    /**
     * Other variables that change which kernels run or how many threads they use: recorded in
     * {@code results.json} beside the pins, never set by Psi.
     */
    public static final List<String> RELATED = List.of("MKL_ENABLE_INSTRUCTIONS", "DNNL_MAX_CPU_ISA",
            "OMP_NUM_THREADS", "MKL_NUM_THREADS", OPT_OUT);

    static {
        Map<String, String> pins = new LinkedHashMap<>();
        pins.put("ATEN_CPU_CAPABILITY", "avx2");
        pins.put("MKL_CBWR", "AVX2,STRICT");
        pins.put("ONEDNN_MAX_CPU_ISA", "AVX2");
        PINS = Collections.unmodifiableMap(pins);
    }

    private KernelPinning() {
    }

    /** Whether {@code environment} asks for pinned kernels: unless {@value #OPT_OUT} is 0 or false. */
    public static boolean enabled(Map<String, String> environment) {
        String value = environment.get(OPT_OUT);
        if (value == null) {
            return true;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return !(v.equals("0") || v.equals("false") || v.equals("no") || v.equals("off"));
    }

    /**
     * What to add to the environment of a child process that trains, given this process's: the pins that
     * {@code environment} lacks (the user's own values are inherited as they are), none when pinning is off.
     */
    public static Map<String, String> forChild(Map<String, String> environment) {
        Map<String, String> add = new LinkedHashMap<>();
        if (enabled(environment)) {
            PINS.forEach((name, value) -> {
                if (isBlank(environment.get(name))) {
                    add.put(name, value);
                }
            });
        }
        return add;
    }

    /** The pinned variables {@code environment} lacks, although pinning is on; empty when pinning is off. */
    public static List<String> missing(Map<String, String> environment) {
        return List.copyOf(forChild(environment).keySet());
    }

    /**
     * The pins and related variables as {@code environment} has them, in a fixed order, null where unset: what
     * {@code results.json} records.
     */
    public static Map<String, String> inForce(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        PINS.keySet().forEach(name -> values.put(name, blankToNull(environment.get(name))));
        RELATED.forEach(name -> values.put(name, blankToNull(environment.get(name))));
        return Collections.unmodifiableMap(values);
    }

    /** The warning of a process that starts libtorch with pins missing, or empty if none is. */
    static String warning(Map<String, String> environment) {
        List<String> missing = missing(environment);
        if (missing.isEmpty()) {
            return "";
        }
        StringBuilder set = new StringBuilder();
        forChild(environment).forEach((name, value) -> set.append(' ').append(name).append('=').append(value));
        return "psi: warning: " + String.join(", ", missing) + " not set, so libtorch picks its kernels by this CPU "
                + "and the numbers may differ on another machine; start Psi with the ./psi launcher, or set"
                + set + " (" + OPT_OUT + "=0 silences this)";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }
}
