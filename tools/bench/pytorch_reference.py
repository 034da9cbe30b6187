#!/usr/bin/python3
"""The PyTorch side of `psi bench`: the reference task trained by PyTorch from Python.

Full Fashion-MNIST (Debian's dataset-fashion-mnist, or $PSI_DATA), MLP 784-256-10 with ReLU, batch 128,
plain SGD lr 0.1, validation on the 10k test set every epoch, pixels scaled to [0,1] and standardized with mean 0.2860, std 0.3530 -- the same task,
data order per epoch aside, as `./psi bench`. Prints seconds per epoch and examples per second at each
thread count. Benchmark only: never needed by the build or the tests.

    /usr/bin/python3 tools/bench/pytorch_reference.py --epochs 3 --threads 1,2
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    args = parser.parse_args()
    folder = os.environ.get("PSI_DATA", "/usr/share/datasets/fashion-mnist")
    images = read_idx(find(folder, "train-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32)
    labels = read_idx(find(folder, "train-labels-idx1-ubyte")).astype(np.int64)
    x = torch.from_numpy((images / 255.0 - 0.2860) / 0.3530).float()
    y = torch.from_numpy(labels)
    val_images = read_idx(find(folder, "t10k-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32)
    val_x = torch.from_numpy((val_images / 255.0 - 0.2860) / 0.3530).float()
    val_y = torch.from_numpy(read_idx(find(folder, "t10k-labels-idx1-ubyte")).astype(np.int64))
    torch.set_num_interop_threads(1)
    print(f"pytorch {torch.__version__}, {len(x)} examples, MLP 784-256-10, batch 128, SGD lr 0.1")
    for threads in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(threads)
        torch.manual_seed(1)
        model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        loss_fn = torch.nn.CrossEntropyLoss()
        times = []
        for epoch in range(args.epochs):
            start = time.perf_counter()
            order = torch.randperm(len(x))
            xs, ys = x[order], y[order]
            total = 0.0
            for i in range(0, len(x), 128):
                optimizer.zero_grad()
                loss = loss_fn(model(xs[i:i + 128]), ys[i:i + 128])
                loss.backward()
                optimizer.step()
                total += loss.item()
            with torch.no_grad():
                correct = 0
                for i in range(0, len(val_x), 2048):
                    correct += (model(val_x[i:i + 2048]).argmax(1) == val_y[i:i + 2048]).sum().item()
            times.append(time.perf_counter() - start)
        best = min(times)
        print(f"threads={threads} seconds/epoch min={best:.3f} all={[round(t, 3) for t in times]} "
              f"examples/s={len(x) / best:.0f} val_acc={correct / len(val_x):.4f}")


if __name__ == "__main__":
    main()
