#!/usr/bin/env bash
# Sweep throughput through psi worker: queues a fixed set of trials (tools/bench/SweepJobs.java) in a fresh store,
# runs W workers on it (each `psi worker --linger 0`, as psi study starts them), and prints the machine's epochs per
# second, the workers' CPU seconds per trial and the fixed cost per trial: (wall x W - training seconds) / trials,
# where the training seconds are the sum of the epochs' wall_seconds (so evaluation between epochs counts as
# training, and JVM start, engine load, data load, checkpoints and the test pass as fixed cost).
#
#   tools/bench/sweep.sh W TASK TRIALS EPOCHS [TRAIN_SIZE]     e.g. tools/bench/sweep.sh 2 fmnist-mlp 12 2 5000
#
# W = spark:N runs the workers as N Spark tasks on local[N] instead (tools/bench/SparkSweep.java, as psi study
# --executor spark runs them; the wall time includes starting the Spark context).
#
# Needs sqlite3 and the build (mvn -B -o -pl psi-app -am package -DskipTests; for spark:N, -pl psi-spark).
# Benchmark only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
workers=$1 task=$2 trials=$3 epochs=$4 size=${5:-}
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
db="$dir/sweep.db"
java -cp "$here/psi-app/target/psi-app.jar:$here/psi-app/target/lib/*" "$here/tools/bench/SweepJobs.java" \
  "$db" "$task" "$trials" "$epochs" $size
start=$(date +%s.%N)
case "$workers" in
  spark:*)
    workers=${workers#spark:}
    # The launcher's JVM options for the workers, and Spark's module options (the ./psi launcher's list).
    spark_opts=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$here/psi-spark/pom.xml")
    /usr/bin/time -f "%U %S" -o "$dir/cpu1" java $spark_opts -XX:TieredStopAtLevel=1 -Dai.djl.offline=true \
      -DOPT_OUT_TRACKING=true -Dpsi.home="$HOME/.psi" -DDJL_CACHE_DIR="$HOME/.psi/djl" \
      -DENGINE_CACHE_DIR="$HOME/.psi/djl" \
      -cp "$here/psi-app/target/psi-app.jar:$here/psi-app/target/lib/*:$here/psi-spark/target/psi-spark.jar:$here/psi-spark/target/lib/*" \
      "$here/tools/bench/SparkSweep.java" "$db" "local[$workers]" "$workers" > "$dir/spark.log" 2>&1
    grep 'spark context' "$dir/spark.log" >&2 || cat "$dir/spark.log" >&2
    ;;
  *)
    pids=()
    for i in $(seq "$workers"); do
      /usr/bin/time -f "%U %S" -o "$dir/cpu$i" "$here/psi" worker --db "$db" --linger 0 > "$dir/worker$i.log" 2>&1 &
      pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    ;;
esac
end=$(date +%s.%N)
done_jobs=$(sqlite3 "$db" "select count(*) from jobs where status = 'done'")
epochs_done=$(sqlite3 "$db" "select count(*) from epochs")
training=$(sqlite3 "$db" "select sum(wall_seconds) from epochs")
cpu=$(cat "$dir"/cpu* | awk '{s += $1 + $2} END {print s}')
python3 - "$workers" "$trials" "$done_jobs" "$epochs_done" "$start" "$end" "$training" "$cpu" <<'PY'
import sys
w, n, done, epochs = (int(v) for v in sys.argv[1:5])
start, end, training, cpu = (float(v) for v in sys.argv[5:9])
wall = end - start
print(f"workers={w} trials={done}/{n} epochs={epochs} wall={wall:.1f}s epochs/s={epochs / wall:.2f} "
      f"cpu/trial={cpu / n:.2f}s fixed/trial={(wall * w - training) / n:.2f}s")
PY
