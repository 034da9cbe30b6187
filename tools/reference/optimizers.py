#!/usr/bin/python3
"""Reference values for Psi's optimizers, computed with PyTorch (Debian's python3-torch, 1.13).

Run once with /usr/bin/python3; the output is committed as a test fixture, so the Maven build never
needs PyTorch:

    /usr/bin/python3 tools/reference/optimizers.py > psi-train/src/test/resources/reference/optimizers.json

Each case starts two parameters from fixed values, applies 6 steps with fixed gradients and a learning
rate that changes every step (a controller's job), and records the parameters after every step.
"""
import json
import torch

CASES = [
    ("SGD()", torch.optim.SGD, {}),
    ("SGD(momentum=0.9)", torch.optim.SGD, {"momentum": 0.9}),
    ("SGD(momentum=0.5,dampening=0.1)", torch.optim.SGD, {"momentum": 0.5, "dampening": 0.1}),
    ("SGD(momentum=0.9,nesterov=true,weight_decay=0.01)", torch.optim.SGD,
     {"momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("Adam()", torch.optim.Adam, {}),
    ("Adam(weight_decay=0.1,amsgrad=true)", torch.optim.Adam, {"weight_decay": 0.1, "amsgrad": True}),
    ("AdamW()", torch.optim.AdamW, {}),
    ("AdamW(betas=[0.8,0.99],eps=1e-6,weight_decay=0.1)", torch.optim.AdamW,
     {"betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}),
    ("RMSprop()", torch.optim.RMSprop, {}),
    ("RMSprop(momentum=0.9,centered=true,weight_decay=0.01)", torch.optim.RMSprop,
     {"momentum": 0.9, "centered": True, "weight_decay": 0.01}),
    ("Adagrad()", torch.optim.Adagrad, {}),
    ("Adagrad(lr_decay=0.1,initial_accumulator_value=0.1,weight_decay=0.01)", torch.optim.Adagrad,
     {"lr_decay": 0.1, "initial_accumulator_value": 0.1, "weight_decay": 0.01}),
]
LRS = [0.1, 0.05, 0.2, 0.1, 0.01, 0.03]


def main():
    generator = torch.Generator().manual_seed(7)
    initial = [torch.randn(3, 4, generator=generator), torch.randn(4, generator=generator)]
    gradients = [[torch.randn(3, 4, generator=generator), torch.randn(4, generator=generator)]
                 for _ in LRS]
    cases = []
    for spec, constructor, kwargs in CASES:
        params = [p.clone().requires_grad_(True) for p in initial]
        optimizer = constructor(params, lr=LRS[0], **kwargs)
        trajectory = []
        for lr, grads in zip(LRS, gradients):
            for group in optimizer.param_groups:
                group["lr"] = lr
            for p, g in zip(params, grads):
                p.grad = g.clone()
            optimizer.step()
            trajectory.append([p.detach().flatten().tolist() for p in params])
        cases.append({"spec": spec, "trajectory": trajectory})
    print(json.dumps({
        "torch": torch.__version__,
        "lrs": LRS,
        "shapes": [list(p.shape) for p in initial],
        "initial": [p.flatten().tolist() for p in initial],
        "gradients": [[g.flatten().tolist() for g in grads] for grads in gradients],
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
