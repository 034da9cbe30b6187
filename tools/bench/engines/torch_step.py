"""The loop of JavaCppStep.java in PyTorch from Python: prints CPU µs per step, best of ROUNDS rounds of STEPS."""
import sys
import time

import torch

steps, rounds = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(1)
torch.manual_seed(1)
net = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
sgd = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
x, y = torch.randn(16, 64), torch.randint(0, 10, (16,))
best = float("inf")
for _ in range(rounds):
    start = time.thread_time()
    for _ in range(steps):
        sgd.zero_grad()
        loss = torch.nn.functional.nll_loss(torch.log_softmax(net(x), 1), y)
        loss.backward()
        loss.item()
        sgd.step()
    best = min(best, (time.thread_time() - start) / steps * 1e6)
print(f"python {best:.1f}")
