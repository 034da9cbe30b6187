#!/usr/bin/env bash
# One training step of the small bench case (MLP 64-64-10, batch 16, SGD momentum) through three bindings of
# libtorch, alternating ROUNDS times: DJL as Psi drives it (one native call per tensor op), the JavaCPP PyTorch
# presets (libtorch's C++ module; the update by its C++ SGD, six native calls per step, or op by op from Java) and
# PyTorch 1.13 from Python. Prints CPU
# µs per step (best of 5 rounds of 4000 steps in each process) and PyTorch-Python's time ÷ each Java binding's.
#
#   tools/bench/engines/run.sh [ROUNDS]     needs the build (mvn -B -o package -DskipTests), Maven Central for the
#                                           presets' jars (once), and /usr/bin/python3 with torch. Benchmark only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
rounds=${1:-3}
work="${TMPDIR:-/tmp}/psi-engines-bench"
mkdir -p "$work"
[ -d "$work/lib" ] || mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/lib"
javac -d "$work/classes" -cp "$work/lib/*" "$here/JavaCppStep.java"
psi_cp="$root/psi-app/target/psi-app.jar:$root/psi-app/target/lib/*"
javac -d "$work/classes" -cp "$psi_cp" "$here/DjlStep.java"
# The presets' bundled libgomp crashes the JVM while libjnitorch.so loads on this Debian; the system's does not.
gomp=/usr/lib/x86_64-linux-gnu/libgomp.so.1
for _ in $(seq "$rounds"); do
  # DJL pinned as the launcher pins it, so that its kernels are those of a study.
  ATEN_CPU_CAPABILITY=avx2 MKL_CBWR=AVX2,STRICT ONEDNN_MAX_CPU_ISA=AVX2 \
    java -XX:TieredStopAtLevel=1 -cp "$work/classes:$psi_cp" DjlStep 4000 5 2>/dev/null
  for mode in fused ops; do
    LD_PRELOAD=$gomp OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
      java -XX:TieredStopAtLevel=1 -cp "$work/classes:$work/lib/*" JavaCppStep 4000 5 $mode
  done
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 "$here/torch_step.py" 4000 5
done | awk '{v[$1] = v[$1] " " $2; if (!($1 in b) || $2 < b[$1]) b[$1] = $2}
  END {for (k in v) printf "%-8s µs/step:%s  best %.1f  python/%s %.2f\n", k, v[k], b[k], k, b["python"] / b[k]}'
