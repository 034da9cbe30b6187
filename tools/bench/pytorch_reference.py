#!/usr/bin/python3
"""The PyTorch side of `psi bench`: its cases trained by PyTorch from Python, case for case.

reference: the whole Fashion-MNIST training file (Debian's dataset-fashion-mnist, or $PSI_DATA), MLP 784-256-10
with ReLU, batch 128, plain SGD lr 0.1, validation on the 10k test set at each epoch's end, pixels scaled to [0,1]
and standardized with mean 0.2860, std 0.3530.

small: 2000 generated rows of 64 standard normal features labelled by the largest of 10 fixed random projections,
MLP 64-64-10 with ReLU, batch 16, SGD momentum 0.9 lr 0.05, validation on 500 generated rows after every 16th step
and at the epoch's end -- what `psi train` does on such a task with its default eval_every.

Every validation computes the mean loss and the accuracy, as Psi's does. Data order per epoch aside, each case is
the same work as in `./psi bench`. Prints one line per case and thread
count, `case=C threads=N seconds/epoch min=S all=[...] examples/s=E val_acc=A cpu_seconds/epoch min=T` (T: the
process's CPU time, every thread's, which moves less than wall time when other processes share the cores), which
`psi bench --compare` reads. Each thread count runs in a child process whose OpenBLAS, OpenMP and MKL pools have that
many threads.
Benchmark only: never needed by the build or the tests.

    /usr/bin/python3 tools/bench/pytorch_reference.py --epochs 3 --threads 1,2 --cases reference,small
"""
import argparse
import gzip
import os
import subprocess
import sys
import time

# Thread pools size themselves when their library loads, and Debian's PyTorch multiplies matrices with OpenBLAS'
# pthread build, whose pool torch.set_num_threads does not resize: without these variables a "1-thread" run
# multiplied on every core (measured here: 2 threads busy, 0.46 s of 1.06 s CPU on a helper thread). So one
# process measures one thread count, the pools sized before numpy and torch are imported.
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
if os.environ.get("PSI_BENCH_THREADS"):
    for name in THREAD_VARIABLES:
        os.environ[name] = os.environ["PSI_BENCH_THREADS"]

import numpy as np  # noqa: E402
import torch  # noqa: E402

SMALL_TRAIN, SMALL_VAL, SMALL_FEATURES, SMALL_CLASSES, SMALL_EVAL_EVERY = 2000, 500, 64, 10, 16


def read_idx(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            return path
    raise SystemExit(f"{name} not found in {folder}: install dataset-fashion-mnist or set PSI_DATA")


def reference_data():
    folder = os.environ.get("PSI_DATA", "/usr/share/datasets/fashion-mnist")

    def images(name):
        pixels = read_idx(find(folder, name)).reshape(-1, 784).astype(np.float32)
        return torch.from_numpy((pixels / 255.0 - 0.2860) / 0.3530).float()

    def labels(name):
        return torch.from_numpy(read_idx(find(folder, name)).astype(np.int64))

    return (images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte"),
            images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte"))


def small_data():
    random = np.random.default_rng(12)
    projections = random.standard_normal((SMALL_FEATURES, SMALL_CLASSES))

    def rows(count):
        x = random.standard_normal((count, SMALL_FEATURES)).astype(np.float32)
        return torch.from_numpy(x), torch.from_numpy((x @ projections).argmax(1).astype(np.int64))

    return rows(SMALL_TRAIN) + rows(SMALL_VAL)


# name: (data, hidden units, batch, optimizer, steps between evaluations, description)
CASES = {
    "reference": (reference_data, 256, 128, lambda p: torch.optim.SGD(p, lr=0.1), None,
                  "Fashion-MNIST {} examples, MLP 784-256-10, batch 128, SGD lr 0.1"),
    "small": (small_data, 64, 16, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), SMALL_EVAL_EVERY,
              "generated {} rows x 64 features, MLP 64-64-10, batch 16, SGD momentum 0.9 lr 0.05"),
}


def validate(model, val_x, val_y):
    """Mean loss and accuracy, as psi train records both for every evaluation."""
    with torch.no_grad():
        correct, loss = 0, 0.0
        for i in range(0, len(val_x), 2048):
            output = model(val_x[i:i + 2048])
            loss += torch.nn.functional.cross_entropy(output, val_y[i:i + 2048]).item() * len(output)
            correct += (output.argmax(1) == val_y[i:i + 2048]).sum().item()
    return correct / len(val_x)


def run(name, epochs, thread_counts):
    data, hidden, batch, make_optimizer, eval_every, description = CASES[name]
    x, y, val_x, val_y = data()
    print(f"pytorch {torch.__version__}, case={name}: {description.format(len(x))}", flush=True)
    for threads in thread_counts:
        torch.set_num_threads(threads)
        torch.manual_seed(1)
        model = torch.nn.Sequential(torch.nn.Linear(x.shape[1], hidden), torch.nn.ReLU(),
                                    torch.nn.Linear(hidden, 10))
        optimizer = make_optimizer(model.parameters())
        loss_fn = torch.nn.CrossEntropyLoss()
        times, cpu_times = [], []
        steps = 0
        for epoch in range(epochs):
            start, cpu_start = time.perf_counter(), time.process_time()
            order = torch.randperm(len(x))
            xs, ys = x[order], y[order]
            total = 0.0
            for i in range(0, len(x), batch):
                optimizer.zero_grad()
                loss = loss_fn(model(xs[i:i + batch]), ys[i:i + batch])
                loss.backward()
                optimizer.step()
                total += loss.item()
                steps += 1
                # As psi train: on the validation subset every eval_every steps, except the epoch's last step.
                if eval_every is not None and steps % eval_every == 0 and i + batch < len(x):
                    validate(model, val_x[:1000], val_y[:1000])
            accuracy = validate(model, val_x, val_y)
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
        best = min(times)
        print(f"case={name} threads={threads} seconds/epoch min={best:.4f} all={[round(t, 4) for t in times]} "
              f"examples/s={len(x) / best:.0f} val_acc={accuracy:.4f} cpu_seconds/epoch min={min(cpu_times):.4f}",
              flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--cases", default="reference,small")
    args = parser.parse_args()
    for name in args.cases.split(","):
        if name not in CASES:
            raise SystemExit(f"unknown case {name!r}; valid: {', '.join(CASES)}")
    counts = [int(t) for t in args.threads.split(",")]
    if os.environ.get("PSI_BENCH_THREADS") != str(counts[0]) or len(counts) > 1:
        # One child process per thread count, its pools sized from the start (see THREAD_VARIABLES).
        for count in counts:
            env = dict(os.environ, PSI_BENCH_THREADS=str(count))
            command = [sys.executable, __file__, "--epochs", str(args.epochs), "--threads", str(count),
                       "--cases", args.cases]
            subprocess.run(command, env=env, check=True)
        return
    torch.set_num_interop_threads(1)
    for name in args.cases.split(","):
        run(name, args.epochs, counts)


if __name__ == "__main__":
    main()
