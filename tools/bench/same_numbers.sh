#!/usr/bin/env bash
# Trains the same trials twice, with the gradients of ScriptedPerceptron and with libtorch's autograd
# (-Dpsi.autograd=true), and compares every epoch and evaluation row but their seconds. Prints one line per trial and
# exits non-zero if any number differs. From the repository root:
#
#     tools/bench/same_numbers.sh [EPOCHS]
#
# The trials: perceptrons (ReLU, one to three hidden layers, linear), cross-entropy and squared error, every optimizer,
# schedules, a controller that reads gradient signals (L4, SPS), and ones that roll epochs back (BoldDriver).
set -euo pipefail
epochs="${1:-3}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

trials=(
  "teacher-student|SGD(momentum=0.9)|Constant(lr=0.1)"
  "teacher-student|SGD(momentum=0.9,nesterov=true,weight_decay=0.001)|OneCycleLR(max_lr=0.3,epochs=$epochs)"
  "teacher-student|SGD(momentum=0.5,dampening=0.1)|CosineAnnealingLR(lr=0.1,T_max=$epochs)"
  "teacher-student|Adam|Constant(lr=0.001)"
  "teacher-student|AdamW(amsgrad=true)|OneCycleLR(max_lr=0.003,epochs=$epochs)"
  "teacher-student|RMSprop(centered=true,momentum=0.5)|Constant(lr=0.001)"
  "teacher-student|Adagrad|Constant(lr=0.05)"
  "teacher-student|DoG|Constant(lr=1)"
  "teacher-student|Prodigy|Constant(lr=1)"
  "teacher-student|ScheduleFreeSGD|Constant(lr=0.5)"
  "teacher-student|ScheduleFreeAdamW|Constant(lr=0.003)"
  "teacher-student|SGD|L4"
  "teacher-student|SGD|SPS"
  "teacher-student|SGD(momentum=0.9)|BoldDriver(lr=0.5)"
  "noisy-quadratic|SGD|Constant(lr=0.01)"
  "noisy-quadratic|SGD(momentum=0.9)|OneCycleLR(max_lr=0.02,epochs=$epochs)"
  "ts-se-i10-w16-d1-sd0.3-n2000-s101-sgdm-b64-e17|SGD(momentum=0.9)|Constant(lr=0.05)"
  "ts-ce-i20-w16-d3-c2-n1000-s103-sgdm-b128-e22|SGD(momentum=0.9)|Constant(lr=0.1)"
  "sp-c3-t1.5-sd0.05-n1000-s100-mlp32x32-sgd-b16-e29|SGD(momentum=0.9)|Constant(lr=0.1)"
  "gm-c3-d50-sep1-n2000-s102-mlp32-adam-b16-e9|Adam|Constant(lr=0.001)"
  "fmnist-linear|SGD(momentum=0.9)|Constant(lr=0.05)"
)

train() { # db, task, optimizer, controller, extra java options
  local size=()
  [[ "$2" == fmnist-* ]] && size=(--train-size 2000)
  PSI_JAVA_OPTS="${5:-}" "$root/psi" train --task "$2" --optimizer "$3" --controller "$4" --epochs "$epochs" \
    "${size[@]}" --db "$1" --no-progress > /dev/null
}

status=0
for trial in "${trials[@]}"; do
  IFS='|' read -r task optimizer controller <<< "$trial"
  rm -rf "$work"/*
  train "$work/scripted.db" "$task" "$optimizer" "$controller"
  train "$work/autograd.db" "$task" "$optimizer" "$controller" "-Dpsi.autograd=true"
  "$root/psi" export --db "$work/scripted.db" --out "$work/scripted" > /dev/null
  "$root/psi" export --db "$work/autograd.db" --out "$work/autograd" > /dev/null
  verdict=$(python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
def rows(side, table):
    with open(f"{work}/{side}/{table}.csv") as f:
        return [{k: v for k, v in row.items() if "seconds" not in k} for row in csv.DictReader(f)]
for table in ("epochs", "evaluations", "recoveries"):
    a, b = rows("scripted", table), rows("autograd", table)
    if a != b:
        print(f"DIFFERENT {table}: {len(a)} against {len(b)} rows")
        sys.exit(0)
print(f"same ({len(rows('scripted', 'epochs'))} epochs, {len(rows('scripted', 'evaluations'))} evaluations)")
PY
)
  echo "$task $optimizer $controller: $verdict"
  [[ "$verdict" == same* ]] || status=1
done
exit $status
