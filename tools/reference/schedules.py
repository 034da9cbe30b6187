#!/usr/bin/python3
"""Records PyTorch's learning-rate schedules as the reference Psi's schedules are tested against.

Run with the system Python, which has PyTorch 1.13 (the Maven build never needs it):

    /usr/bin/python3 tools/reference/schedules.py

For every case it builds the PyTorch scheduler that the Psi spec names, on
``torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=LR)``, calls ``step()`` (or
``step(metric)`` for ReduceLROnPlateau) ``steps - 1`` times and records the optimizer's lr before the
first call and after each one. The output is
``psi-core/src/test/resources/reference/schedules.json``, one case per line.

The spec is translated to the PyTorch call by a small parser of Psi's spec syntax, so that each case
is written once: ``lr`` becomes the optimizer's lr (default 0.1), ``interval`` and ``monitor`` are
Psi's own and dropped, nested specs become schedulers on the same optimizer built in order, and
Psi's ``Constant`` is ``LambdaLR(lambda epoch: 1.0)``.
"""

import json
import math
import re
import warnings
from pathlib import Path

import torch
from torch.optim import lr_scheduler

OUT = Path(__file__).resolve().parents[2] / "psi-core/src/test/resources/reference/schedules.json"
DEFAULT_LR = 0.1
PSI_ONLY_KEYS = {"interval", "monitor"}
TOKEN = re.compile(r"\s*(?:(?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
                   r"|(?P<word>[A-Za-z_][A-Za-z0-9_.]*)|(?P<symbol>[()\[\],=]))")


class Spec:
    def __init__(self, name, args):
        self.name = name
        self.args = args


def parse(text):
    tokens = []
    pos = 0
    while pos < len(text.rstrip()):
        match = TOKEN.match(text, pos)
        if not match:
            raise ValueError("cannot parse %r at %d" % (text, pos))
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    tokens.append(("end", None))
    spec, rest = parse_spec(tokens, 0)
    if tokens[rest][0] != "end":
        raise ValueError("trailing text in %r" % text)
    return spec


def parse_spec(tokens, i):
    name = tokens[i][1]
    i += 1
    args = {}
    if tokens[i] != ("symbol", "("):
        return Spec(name, args), i
    i += 1
    while tokens[i] != ("symbol", ")"):
        key = tokens[i][1]
        assert tokens[i + 1] == ("symbol", "="), tokens[i + 1]
        args[key], i = parse_value(tokens, i + 2)
        if tokens[i] == ("symbol", ","):
            i += 1
    return Spec(name, args), i + 1


def parse_value(tokens, i):
    kind, text = tokens[i]
    if kind == "number":
        is_float = any(c in text for c in ".eE")
        return (float(text) if is_float else int(text)), i + 1
    if (kind, text) == ("symbol", "["):
        items = []
        i += 1
        while tokens[i] != ("symbol", "]"):
            item, i = parse_value(tokens, i)
            items.append(item)
            if tokens[i] == ("symbol", ","):
                i += 1
        return items, i + 1
    if tokens[i + 1] == ("symbol", "(") or text[0].isupper():
        return parse_spec(tokens, i)
    return {"true": True, "false": False}.get(text, text), i + 1


def build(spec, optimizer):
    """The PyTorch scheduler for a spec; nested schedulers first, in order, as user code would."""
    kwargs = {k: v for k, v in spec.args.items() if k not in PSI_ONLY_KEYS and k != "lr"}
    for key, value in kwargs.items():
        if isinstance(value, list) and value and isinstance(value[0], Spec):
            kwargs[key] = [build(child, optimizer) for child in value]
    if spec.name == "Constant":
        return lr_scheduler.LambdaLR(optimizer, lambda epoch: 1.0)
    if spec.name == "ChainedScheduler":
        return lr_scheduler.ChainedScheduler(**kwargs)
    if spec.name == "OneCycleLR" and "pct_start" in kwargs:
        kwargs["pct_start"] = float(kwargs["pct_start"])  # PyTorch insists on a float
    return getattr(lr_scheduler, spec.name)(optimizer, **kwargs)


def trace(text, steps, metrics=None):
    spec = parse(text)
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=spec.args.get("lr", DEFAULT_LR))
    scheduler = build(spec, optimizer)
    lrs = [float(optimizer.param_groups[0]["lr"])]
    for k in range(steps - 1):
        optimizer.step()
        if metrics is None:
            scheduler.step()
        else:
            scheduler.step(metrics[k])
        lrs.append(float(optimizer.param_groups[0]["lr"]))
    return {"spec": text, "steps": steps, "metrics": metrics, "lrs": lrs}


def falling_then_flat(n):
    """A loss that falls, flattens with small wiggles, falls again and stalls."""
    values = []
    for k in range(n):
        base = 2.0 * math.exp(-k / 6) + 0.3 if k < 25 else 0.35 - 0.01 * min(k - 25, 10)
        values.append(round(base + 0.004 * ((k * 7) % 5 - 2), 6))
    return values


def slow_descent(n):
    """A loss that falls by a little less than 0.1 per epoch at first, then by 0.01."""
    return [round(3.0 - 0.08 * k if k < 20 else 1.4 - 0.01 * (k - 20), 6) for k in range(n)]


def rising_accuracy(n):
    """An accuracy that rises quickly, saturates near 0.9 and wobbles."""
    return [round(min(0.9, 0.4 + 0.06 * k) + 0.003 * ((k * 3) % 4 - 1.5), 6) for k in range(n)]


def cases():
    n = 60
    out = []
    add = lambda text, steps, metrics=None: out.append(trace(text, steps, metrics))

    add("Constant", 10)
    add("Constant(lr=0.003)", 20)
    add("Constant(lr=1,interval=step)", 20)

    add("StepLR(lr=0.1,step_size=3)", 40)
    add("StepLR(lr=0.05,step_size=7,gamma=0.5)", 60)
    add("StepLR(lr=1,step_size=1,gamma=0.9)", 50)
    add("StepLR(lr=0.3,step_size=30,gamma=0.1,interval=step)", 100)

    add("MultiStepLR(lr=0.1,milestones=[10,25],gamma=0.1)", 40)
    add("MultiStepLR(lr=0.2,milestones=[5,5,20],gamma=0.5)", 40)
    add("MultiStepLR(lr=0.01,milestones=[0,3,30,31])", 40)
    add("MultiStepLR(lr=0.1,milestones=[30,10],gamma=0.3)", 40)

    add("ConstantLR(lr=0.1)", 40)
    add("ConstantLR(lr=0.05,factor=0.5,total_iters=10)", 40)
    add("ConstantLR(lr=0.1,factor=1.0,total_iters=3)", 40)
    add("ConstantLR(lr=0.2,factor=0.1,total_iters=1)", 40)

    add("LinearLR(lr=0.1)", 40)
    add("LinearLR(lr=0.1,start_factor=0.01,end_factor=1.0,total_iters=20)", 40)
    add("LinearLR(lr=0.5,start_factor=1.0,end_factor=0.0,total_iters=30)", 50)
    add("LinearLR(lr=0.1,start_factor=0.5,end_factor=0.25,total_iters=7)", 40)

    add("ExponentialLR(lr=0.1,gamma=0.9)", 60)
    add("ExponentialLR(lr=1,gamma=0.5)", 60)
    add("ExponentialLR(lr=0.01,gamma=1.05)", 60)

    add("PolynomialLR(lr=0.1)", 40)
    add("PolynomialLR(lr=0.1,total_iters=30,power=2.0)", 40)
    add("PolynomialLR(lr=0.3,total_iters=10,power=0.5)", 40)
    add("PolynomialLR(lr=0.1,total_iters=1,power=1.0)", 10)

    add("CosineAnnealingLR(lr=0.1,T_max=10)", 50)
    add("CosineAnnealingLR(lr=0.1,T_max=50,eta_min=0.001)", 120)
    add("CosineAnnealingLR(lr=1,T_max=7,eta_min=0.01)", 40)
    add("CosineAnnealingLR(lr=0.1,T_max=1)", 10)

    add("CosineAnnealingWarmRestarts(lr=0.1,T_0=10)", 50)
    add("CosineAnnealingWarmRestarts(lr=0.1,T_0=5,T_mult=2)", 80)
    add("CosineAnnealingWarmRestarts(lr=0.5,T_0=3,T_mult=3,eta_min=0.01)", 120)
    add("CosineAnnealingWarmRestarts(lr=0.1,T_0=1)", 10)

    add("CyclicLR(base_lr=0.001,max_lr=0.1,step_size_up=10)", 60)
    add("CyclicLR(base_lr=0.01,max_lr=0.1,step_size_up=5,step_size_down=15,mode=triangular2)", 100)
    add("CyclicLR(base_lr=0.001,max_lr=0.01,step_size_up=8,mode=exp_range,gamma=0.99)", 80)
    add("CyclicLR(base_lr=0.1,max_lr=1,step_size_up=1,cycle_momentum=false)", 20)
    add("CyclicLR(base_lr=0.05,max_lr=0.2,step_size_up=4,step_size_down=0,interval=epoch)", 30)
    add("CyclicLR(base_lr=0.002,max_lr=0.02,step_size_up=6,step_size_down=3,mode=exp_range,gamma=0.95)", 60)

    add("OneCycleLR(max_lr=0.3,total_steps=50)", 51)
    add("OneCycleLR(max_lr=0.3,total_steps=50,anneal_strategy=linear)", 51)
    add("OneCycleLR(max_lr=1,total_steps=60,three_phase=true)", 61)
    add("OneCycleLR(max_lr=0.5,total_steps=40,three_phase=true,anneal_strategy=linear,pct_start=0.25)", 41)
    add("OneCycleLR(max_lr=0.1,epochs=4,steps_per_epoch=25)", 100)
    add("OneCycleLR(max_lr=0.2,total_steps=30,pct_start=0.5,div_factor=10,final_div_factor=100)", 31)
    add("OneCycleLR(max_lr=0.1,total_steps=20,pct_start=0.0)", 21)
    add("OneCycleLR(max_lr=0.1,total_steps=20,pct_start=1.0)", 20)
    add("OneCycleLR(max_lr=0.05,total_steps=1)", 2)

    add("ReduceLROnPlateau(lr=0.1,factor=0.5,patience=2)", n, falling_then_flat(n - 1))
    add("ReduceLROnPlateau(lr=0.1,factor=0.5,patience=1,threshold=0.1,threshold_mode=abs,cooldown=2)",
        n, slow_descent(n - 1))
    add("ReduceLROnPlateau(lr=0.1,factor=0.5,patience=1,threshold=0.05,threshold_mode=rel)", n, slow_descent(n - 1))
    add("ReduceLROnPlateau(lr=0.1,mode=max,monitor=val_accuracy,factor=0.1,patience=1,min_lr=0.0005)",
        n, rising_accuracy(n - 1))
    add("ReduceLROnPlateau(lr=0.1,mode=max,factor=0.5,patience=0,threshold=0.01,threshold_mode=abs,cooldown=1)",
        n, rising_accuracy(n - 1))
    add("ReduceLROnPlateau(lr=0.01,factor=0.9,patience=0,threshold=0.0,eps=0.0002)", 40, [1.0] * 39)
    add("ReduceLROnPlateau(lr=0.1,patience=0,cooldown=3,min_lr=0.002)", 40, [1.0] * 39)
    add("ReduceLROnPlateau", 80, falling_then_flat(79))

    add("SequentialLR(lr=0.1,schedulers=[LinearLR(start_factor=0.1,total_iters=5),CosineAnnealingLR(T_max=30)],"
        "milestones=[5])", 40)
    add("SequentialLR(lr=0.2,schedulers=[ConstantLR(factor=0.5,total_iters=3),ExponentialLR(gamma=0.9),"
        "StepLR(step_size=5,gamma=0.5)],milestones=[4,15])", 40)
    add("SequentialLR(lr=0.1,schedulers=[LinearLR(start_factor=0.25,total_iters=3),"
        "CosineAnnealingWarmRestarts(T_0=5,T_mult=2)],milestones=[3])", 50)
    add("SequentialLR(lr=0.1,schedulers=[LinearLR(start_factor=0.5,total_iters=10),"
        "OneCycleLR(max_lr=0.5,total_steps=30)],milestones=[10])", 40)
    add("SequentialLR(schedulers=[ConstantLR(factor=0.2,total_iters=10),"
        "CyclicLR(base_lr=0.01,max_lr=0.1,step_size_up=5)],milestones=[5])", 40)
    add("SequentialLR(lr=0.05,schedulers=[LinearLR(start_factor=0.1,total_iters=4),Constant,"
        "MultiStepLR(milestones=[3,8],gamma=0.5)],milestones=[4,10])", 40)
    add("SequentialLR(lr=0.1,schedulers=[PolynomialLR(total_iters=6,power=2.0),ExponentialLR(gamma=0.8)],"
        "milestones=[8])", 30)
    add("SequentialLR(lr=0.1,schedulers=[OneCycleLR(max_lr=0.1,total_steps=20),"
        "OneCycleLR(max_lr=0.05,total_steps=20)],milestones=[20])", 40)

    add("ChainedScheduler(lr=0.1,schedulers=[ConstantLR(factor=0.1,total_iters=2),ExponentialLR(gamma=0.9)])", 40)
    add("ChainedScheduler(lr=0.1,schedulers=[LinearLR(start_factor=0.2,total_iters=5),CosineAnnealingLR(T_max=20)])",
        40)
    add("ChainedScheduler(lr=0.3,schedulers=[StepLR(step_size=5,gamma=0.5),MultiStepLR(milestones=[7,13]),"
        "ExponentialLR(gamma=0.98)])", 40)
    add("ChainedScheduler(lr=0.1,schedulers=[PolynomialLR(total_iters=10,power=2.0),"
        "CosineAnnealingWarmRestarts(T_0=4)])", 30)
    add("ChainedScheduler(lr=0.1,schedulers=[SequentialLR(schedulers=[LinearLR(start_factor=0.1,total_iters=4),"
        "ExponentialLR(gamma=0.9)],milestones=[4]),StepLR(step_size=10,gamma=0.5)])", 40)
    add("ChainedScheduler(lr=0.1,schedulers=[ExponentialLR(gamma=0.5),Constant])", 10)
    add("ChainedScheduler(schedulers=[ConstantLR(factor=0.5,total_iters=5),"
        "ChainedScheduler(schedulers=[ExponentialLR(gamma=0.95),StepLR(step_size=4)])])", 30)
    return out


def main():
    warnings.simplefilter("ignore")
    document = cases()
    lines = ["{", '  "torch": %s,' % json.dumps(torch.__version__), '  "cases": [']
    for i, case in enumerate(document):
        lines.append("    " + json.dumps(case, separators=(",", ":")) + ("," if i + 1 < len(document) else ""))
    lines += ["  ]", "}", ""]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines))
    print("wrote %d cases to %s" % (len(document), OUT))


if __name__ == "__main__":
    main()
