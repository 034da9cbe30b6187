#!/usr/bin/python3
"""Reference trajectories of the published loss- and gradient-driven methods Psi implements, computed
with their authors' code (Debian's python3-torch, 1.13).

Run once with /usr/bin/python3; the output is committed as a test fixture, so the Maven build never
needs Python:

    mkdir -p refs && for r in formll/dog konstmish/prodigy facebookresearch/schedule_free \\
        IssamLaradji/sps gbaydin/hypergradient-descent; do git clone https://github.com/$r refs/${r/\\//+}; done
    /usr/bin/python3 tools/reference/methods.py --sources refs \\
        > psi-train/src/test/resources/reference/methods.json

Each authors' file is read from its clone at the commit pinned in REFERENCES (`git show COMMIT:FILE`,
whatever is checked out) and executed as it is; the fixture records repository, commit and file of every
case. L4's code is TensorFlow 1: L4Transcribed below is its update transcribed to PyTorch.

The problem is fixed: softmax regression (a linear layer, weight 3x5 and bias 3, float32) with the mean
cross-entropy on 24 examples, one full batch per step, so that every method sees the loss and the
gradient at the point where it takes them (y for Schedule-Free). Psi's test trains the same problem in
its engine, one step per epoch, and compares the parameters after every step (and the learning rate,
where a controller sets it).
"""
import argparse
import contextlib
import json
import subprocess
import sys
import types

import torch
import torch.nn.functional as F

REFERENCES = {
    "dog": ("formll/dog", "8d45cf569e3824212852d31cc2ae1da7ead34545", "src/dog/dog.py"),
    "prodigy": ("konstmish/prodigy", "3efb213ee8af5a6bf76f28726398433a847b38e9", "prodigyopt/prodigy.py"),
    "prodigy_reference": ("konstmish/prodigy", "3efb213ee8af5a6bf76f28726398433a847b38e9",
                          "prodigyopt/prodigy_reference.py"),
    "sgd_schedulefree_reference": ("facebookresearch/schedule_free", "70785b53e778d0e872c0bbb75ff4ee54ee10c291",
                                   "schedulefree/sgd_schedulefree_reference.py"),
    "adamw_schedulefree_reference": ("facebookresearch/schedule_free", "70785b53e778d0e872c0bbb75ff4ee54ee10c291",
                                     "schedulefree/adamw_schedulefree_reference.py"),
    "adamw_schedulefree": ("facebookresearch/schedule_free", "70785b53e778d0e872c0bbb75ff4ee54ee10c291",
                           "schedulefree/adamw_schedulefree.py"),
    "sps": ("IssamLaradji/sps", "6d112a1da97a4a2195c01cd51e96e3f0fbdd0c5b", "sps/sps.py"),
    "sgd_hd": ("gbaydin/hypergradient-descent", "020d6080c4cedfbc88d5cdb7a2a53f92b34c2b16", "hypergrad/sgd_hd.py"),
    "adam_hd": ("gbaydin/hypergradient-descent", "020d6080c4cedfbc88d5cdb7a2a53f92b34c2b16", "hypergrad/adam_hd.py"),
    "l4": ("martius-lab/l4-optimizer", "060b009d4e691a164ae20295a58e1cbc92c0cdc1",
           "L4/L4.py (TensorFlow; transcribed to PyTorch in tools/reference/methods.py)"),
    "bold_driver": ("Battiti 1989, Complex Systems 3, section 'bold driver'; Vogl et al. 1988", None,
                    "no authors' code: the rule as published, in tools/reference/methods.py"),
}

EXAMPLES, FEATURES, CLASSES = 24, 5, 3
MAX_ROUNDING = 5e-6


def load(sources, key):
    """The module of REFERENCES[key], executed from the pinned commit of its clone under sources."""
    repository, commit, path = REFERENCES[key]
    clone = f"{sources}/{repository.replace('/', '+')}"
    source = subprocess.run(["git", "-C", clone, "show", f"{commit}:{path}"], check=True, capture_output=True,
                            text=True).stdout
    module = types.ModuleType(key)
    exec(compile(source, f"{repository}@{commit}/{path}", "exec"), module.__dict__)
    return module


def problem():
    generator = torch.Generator().manual_seed(17)
    x = torch.randn(EXAMPLES, FEATURES, generator=generator)
    teacher = torch.randn(CLASSES, FEATURES, generator=generator)
    noise = 1.5 * torch.randn(EXAMPLES, CLASSES, generator=generator)
    labels = (x @ teacher.T + noise).argmax(1)
    weight = 0.3 * torch.randn(CLASSES, FEATURES, generator=generator)
    bias = 0.3 * torch.randn(CLASSES, generator=generator)
    return x, labels, [weight, bias]


class Problem:
    def __init__(self, order=None):
        self.x, self.labels, self.initial = problem()
        if order is not None:
            self.x, self.labels = self.x[order], self.labels[order]

    def loss(self, weight, bias):
        return F.cross_entropy(F.linear(self.x, weight, bias), self.labels)


class L4Transcribed:
    """L4General of martius-lab/l4-optimizer@060b009 (L4/L4.py), transcribed from TensorFlow 1 to PyTorch.

    TF's ExponentialMovingAverage of a tensor starts its shadow at 0 (no zero-debias by default), and
    time_factor(T) = 1 - (1 - 1/T)^(global_step + 1) debiases it, global_step counting the steps applied
    before this one. AdamTransform: grad EMA (T=10) / time_factor, square EMA (T=1000) / time_factor,
    direction = avg_grad / (sqrt(avg_var) + epsilon=1e-4). MomentumTransform: grad EMA (T=10) /
    time_factor. apply_gradients: min_loss = init_factor * loss at step 0, else min(min_loss, loss);
    l_rate = fraction * (loss - minloss_factor * min_loss) / (<directions, derivatives> + epsilon);
    min_loss *= 1 + 1/minloss_forget_time; var -= l_rate * direction (GradientDescentOptimizer, rate 1).
    """

    def __init__(self, params, fraction=0.15, minloss_factor=0.9, init_factor=0.75, minloss_forget_time=1000.0,
                 epsilon=1e-12, direction_estimator="adam"):
        self.params = list(params)
        self.fraction, self.minloss_factor, self.init_factor = fraction, minloss_factor, init_factor
        self.minloss_increase_rate = 1.0 + 1.0 / minloss_forget_time
        self.epsilon = epsilon
        self.direction_estimator = direction_estimator
        self.global_step = 0
        self.min_loss = 0.0
        self.direction_grad = [torch.zeros_like(p) for p in self.params]
        self.direction_var = [torch.zeros_like(p) for p in self.params]
        self.derivative_grad = [torch.zeros_like(p) for p in self.params]
        self.l_rate = None

    def time_factor(self, time_step):
        return 1.0 - (1.0 - 1.0 / time_step) ** (self.global_step + 1)

    @staticmethod
    def ema(shadows, values, time_step):
        decay = 1.0 - 1.0 / time_step
        for shadow, value in zip(shadows, values):
            shadow.sub_((1 - decay) * (shadow - value))

    @torch.no_grad()
    def step(self, loss):
        grads = [p.grad for p in self.params]
        loss = float(loss)
        self.min_loss = self.init_factor * loss if self.global_step == 0 else min(self.min_loss, loss)
        if self.direction_estimator == "adam":
            self.ema(self.direction_grad, grads, 10.0)
            self.ema(self.direction_var, [g * g for g in grads], 1000.0)
            avg_grads = [g / self.time_factor(10.0) for g in self.direction_grad]
            avg_vars = [v / self.time_factor(1000.0) for v in self.direction_var]
            directions = [g / (torch.sqrt(v) + 1e-4) for g, v in zip(avg_grads, avg_vars)]
        else:
            self.ema(self.direction_grad, grads, 10.0)
            directions = [g / self.time_factor(10.0) for g in self.direction_grad]
        self.ema(self.derivative_grad, grads, 10.0)
        derivatives = [g / self.time_factor(10.0) for g in self.derivative_grad]
        product = sum(float((d * g).sum()) for d, g in zip(directions, derivatives))
        self.l_rate = self.fraction * (loss - self.minloss_factor * self.min_loss) / (product + self.epsilon)
        self.min_loss = self.minloss_increase_rate * self.min_loss
        for p, d in zip(self.params, directions):
            p.sub_(self.l_rate * d)
        self.global_step += 1


class BoldDriver:
    """The bold driver (Vogl et al. 1988; named by Battiti 1989): after each full-batch step, if the error
    E fell, lr *= increase; otherwise lr *= decrease and, when undo, the step is taken back and tried again
    from the same point at the lower rate (the gradient there is the one already computed). Only accepted
    steps are recorded, as Psi's engine retries a rejected epoch and reports the accepted one. The first
    step is not judged (Psi's convention: the engine sees an epoch's loss only after the epoch)."""

    def __init__(self, params, lr, increase, decrease, undo, error):
        self.params, self.lr, self.increase, self.decrease, self.undo = list(params), lr, increase, decrease, undo
        self.error = error
        self.reference = None

    @torch.no_grad()
    def step(self):
        while True:
            self.rate = self.lr
            before = [p.clone() for p in self.params]
            for p in self.params:
                p.sub_(self.lr * p.grad)
            error = float(self.error())
            if self.reference is None:
                self.reference = error
                return
            if error < self.reference:
                self.lr *= self.increase
                self.reference = error
                return
            self.lr *= self.decrease
            if not self.undo:
                self.reference = error
                return
            for p, b in zip(self.params, before):
                p.copy_(b)


def run(task, make, steps, flat=False, train_mode=False, lr_of=None, step=lambda optimizer, loss: optimizer.step()):
    """Trains `steps` full-batch steps; returns the parameters after each step and the rate of each step."""
    if flat:
        theta = torch.cat([p.flatten() for p in task.initial]).requires_grad_(True)
        tensors = [theta]
        split = lambda: (theta[:CLASSES * FEATURES].view(CLASSES, FEATURES), theta[CLASSES * FEATURES:])
    else:
        weight, bias = (p.clone().requires_grad_(True) for p in task.initial)
        tensors = [weight, bias]
        split = lambda: (weight, bias)
    optimizer = make(tensors, lambda: task.loss(*split()))
    if train_mode:
        optimizer.train()
    parameters, rates = [], []
    for _ in range(steps):
        for t in tensors:
            t.grad = None
        loss = task.loss(*split())
        loss.backward()
        step(optimizer, loss)
        parameters.append([p.detach().flatten().tolist() for p in split()])
        if lr_of is not None:
            rates.append(float(lr_of(optimizer)))
    return parameters, (rates if lr_of is not None else None)


def cases(sources):
    dog = load(sources, "dog")
    prodigy = load(sources, "prodigy")
    prodigy_reference = load(sources, "prodigy_reference")
    sgd_sf = load(sources, "sgd_schedulefree_reference")
    adamw_sf_reference = load(sources, "adamw_schedulefree_reference")
    adamw_sf = load(sources, "adamw_schedulefree")
    sps = load(sources, "sps")
    sgd_hd = load(sources, "sgd_hd")
    adam_hd = load(sources, "adam_hd")
    group_lr = lambda o: o.param_groups[0]["lr"]
    sps_rate = lambda o: o.state["step_size"]
    l4_rate = lambda o: o.l_rate
    with_loss = lambda o, loss: o.step(loss=loss)
    # (reference key, call as written, Psi optimizer, Psi controller, steps, make, run options)
    return [
        ("dog", "DoG(lr=1.0)", "DoG()", "Constant(lr=1)", 100,
         lambda ps, f: dog.DoG(ps, lr=1.0), {}),
        ("dog", "DoG(lr=1.0, weight_decay=0.1)", "DoG(weight_decay=0.1)", "Constant(lr=1)", 60,
         lambda ps, f: dog.DoG(ps, lr=1.0, weight_decay=0.1), {}),
        ("dog", "DoG(lr=0.5, reps_rel=1e-4)", "DoG(r_epsilon=1e-4)", "Constant(lr=0.5)", 60,
         lambda ps, f: dog.DoG(ps, lr=0.5, reps_rel=1e-4), {}),
        ("prodigy", "Prodigy(lr=1.0)", "Prodigy()", "Constant(lr=1)", 100,
         lambda ps, f: prodigy.Prodigy(ps, lr=1.0), {}),
        ("prodigy", "Prodigy(lr=1.0, d0=0.01, use_bias_correction=True, weight_decay=0.1, decouple=False, "
                    "safeguard_warmup=True)",
         "Prodigy(d0=0.01,use_bias_correction=true,weight_decay=0.1,decouple=false,safeguard_warmup=true)",
         "Constant(lr=1)", 60,
         lambda ps, f: prodigy.Prodigy(ps, lr=1.0, d0=0.01, use_bias_correction=True, weight_decay=0.1,
                                       decouple=False, safeguard_warmup=True), {}),
        ("prodigy_reference", "ProdigyReference(lr=1.0, d0=0.01, use_bias_correction=True, weight_decay=0.1, "
                              "decouple=False, safeguard_warmup=True)",
         "Prodigy(d0=0.01,use_bias_correction=true,weight_decay=0.1,decouple=false,safeguard_warmup=true)",
         "Constant(lr=1)", 60,
         lambda ps, f: prodigy_reference.ProdigyReference(ps, lr=1.0, d0=0.01, use_bias_correction=True,
                                                          weight_decay=0.1, decouple=False, safeguard_warmup=True),
         {}),
        ("prodigy", "Prodigy(lr=0.5, betas=(0.8, 0.99), beta3=0.9, d0=1e-3, d_coef=2.0, weight_decay=0.1)",
         "Prodigy(betas=[0.8,0.99],beta3=0.9,d0=1e-3,d_coef=2,weight_decay=0.1)", "Constant(lr=0.5)", 48,
         lambda ps, f: prodigy.Prodigy(ps, lr=0.5, betas=(0.8, 0.99), beta3=0.9, d0=1e-3, d_coef=2.0,
                                       weight_decay=0.1), {}),
        ("prodigy", "Prodigy(lr=1.0, betas=(0.0, 0.999))", "Prodigy(betas=[0,0.999])", "Constant(lr=1)", 16,
         lambda ps, f: prodigy.Prodigy(ps, lr=1.0, betas=(0.0, 0.999)), {}),
        ("prodigy", "Prodigy(lr=1.0, betas=(0.0, 0.999), d0=1e-4, safeguard_warmup=True)",
         "Prodigy(betas=[0,0.999],d0=1e-4,safeguard_warmup=true)", "Constant(lr=1)", 60,
         lambda ps, f: prodigy.Prodigy(ps, lr=1.0, betas=(0.0, 0.999), d0=1e-4, safeguard_warmup=True), {}),
        ("sgd_schedulefree_reference", "SGDScheduleFreeReference(lr=1.0)", "ScheduleFreeSGD()", "Constant(lr=1)", 60,
         lambda ps, f: sgd_sf.SGDScheduleFreeReference(ps, lr=1.0), {"train_mode": True}),
        ("sgd_schedulefree_reference", "SGDScheduleFreeReference(lr=0.1, momentum=0.5, warmup_steps=10, r=1.0, "
                                       "weight_lr_power=1.0, weight_decay=0.01)",
         "ScheduleFreeSGD(momentum=0.5,warmup_steps=10,r=1,weight_lr_power=1,weight_decay=0.01)",
         "Constant(lr=0.1)", 60,
         lambda ps, f: sgd_sf.SGDScheduleFreeReference(ps, lr=0.1, momentum=0.5, warmup_steps=10, r=1.0,
                                                       weight_lr_power=1.0, weight_decay=0.01),
         {"train_mode": True}),
        ("adamw_schedulefree_reference", "AdamWScheduleFreeReference(lr=0.0025)", "ScheduleFreeAdamW()",
         "Constant(lr=0.0025)", 60,
         lambda ps, f: adamw_sf_reference.AdamWScheduleFreeReference(ps, lr=0.0025), {"train_mode": True}),
        ("adamw_schedulefree", "AdamWScheduleFree(lr=0.0025, foreach=False)", "ScheduleFreeAdamW()",
         "Constant(lr=0.0025)", 60,
         lambda ps, f: adamw_sf.AdamWScheduleFree(ps, lr=0.0025, foreach=False), {"train_mode": True}),
        ("adamw_schedulefree_reference", "AdamWScheduleFreeReference(lr=0.01, betas=(0.95, 0.99), eps=1e-6, "
                                         "warmup_steps=10, r=1.0, weight_lr_power=1.0, weight_decay=0.1)",
         "ScheduleFreeAdamW(betas=[0.95,0.99],eps=1e-6,warmup_steps=10,r=1,weight_lr_power=1,weight_decay=0.1)",
         "Constant(lr=0.01)", 60,
         lambda ps, f: adamw_sf_reference.AdamWScheduleFreeReference(
             ps, lr=0.01, betas=(0.95, 0.99), eps=1e-6, warmup_steps=10, r=1.0, weight_lr_power=1.0,
             weight_decay=0.1), {"train_mode": True}),
        ("adamw_schedulefree", "AdamWScheduleFree(lr=0.01, betas=(0.95, 0.99), eps=1e-6, warmup_steps=10, r=1.0, "
                               "weight_lr_power=1.0, weight_decay=0.1, foreach=False)",
         "ScheduleFreeAdamW(betas=[0.95,0.99],eps=1e-6,warmup_steps=10,r=1,weight_lr_power=1,weight_decay=0.1)",
         "Constant(lr=0.01)", 60,
         lambda ps, f: adamw_sf.AdamWScheduleFree(ps, lr=0.01, betas=(0.95, 0.99), eps=1e-6, warmup_steps=10,
                                                  r=1.0, weight_lr_power=1.0, weight_decay=0.1, foreach=False),
         {"train_mode": True}),
        ("sps", "Sps(adapt_flag='constant', c=5, eta_max=3)", "SGD()", "SPS(c=5,max_lr=3)", 60,
         lambda ps, f: sps.Sps(ps, adapt_flag="constant", c=5.0, eta_max=3.0),
         {"step": with_loss, "lr_of": sps_rate}),
        ("sps", "Sps(adapt_flag='constant', c=0.5, eta_max=10, fstar_flag=True), step(batch={'meta': {'fstar': 0.8}})",
         "SGD()", "SPS(c=0.5,max_lr=10,f_star=0.8)", 60,
         lambda ps, f: sps.Sps(ps, adapt_flag="constant", c=0.5, eta_max=10.0, fstar_flag=True),
         {"step": lambda o, loss: o.step(loss=loss, batch={"meta": {"fstar": torch.tensor([0.8])}}),
          "lr_of": sps_rate}),
        ("sps", "Sps(adapt_flag='smooth_iter', c=5, gamma=1.02, n_batches_per_epoch=1, init_step_size=100)",
         "SGD()", "SPS(c=5,max_lr=100,smooth=1.02)", 60,
         lambda ps, f: sps.Sps(ps, adapt_flag="smooth_iter", c=5.0, gamma=1.02, n_batches_per_epoch=1,
                               init_step_size=100.0),
         {"step": with_loss, "lr_of": sps_rate}),
        ("l4", "L4Adam() (L4General, direction_estimator='adam', epsilon=1e-4 in its Adam)", "Adam(eps=1e-4)",
         "L4()", 40,
         lambda ps, f: L4Transcribed(ps), {"step": with_loss, "lr_of": l4_rate}),
        ("l4", "L4Adam(fraction=0.05, minloss_factor=0.8, init_factor=0.5, minloss_forget_time=100)",
         "Adam(eps=1e-4)", "L4(alpha=0.05,gamma=0.8,gamma_0=0.5,tau=0.01)", 50,
         lambda ps, f: L4Transcribed(ps, fraction=0.05, minloss_factor=0.8, init_factor=0.5, minloss_forget_time=100.0),
         {"step": with_loss, "lr_of": l4_rate}),
        ("l4", "L4Mom() (L4General, direction_estimator='momentum')", "SGD(momentum=0.9)", "L4()", 40,
         lambda ps, f: L4Transcribed(ps, direction_estimator="momentum"), {"step": with_loss}),
        ("sgd_hd", "SGDHD(lr=0.01, hypergrad_lr=0.001)", "SGD()", "Hypergradient(lr=0.01,beta=0.001)", 60,
         lambda ps, f: sgd_hd.SGDHD(ps, lr=0.01, hypergrad_lr=0.001), {"lr_of": group_lr}),
        ("sgd_hd", "SGDHD(lr=0.01, momentum=0.9, hypergrad_lr=0.001)", "SGD(momentum=0.9)",
         "Hypergradient(lr=0.01,beta=0.001)", 60,
         lambda ps, f: sgd_hd.SGDHD(ps, lr=0.01, momentum=0.9, hypergrad_lr=0.001), {"lr_of": group_lr}),
        ("sgd_hd", "SGDHD(lr=0.01, momentum=0.9, nesterov=True, hypergrad_lr=1e-4)",
         "SGD(momentum=0.9,nesterov=true)", "Hypergradient(lr=0.01,beta=1e-4)", 60,
         lambda ps, f: sgd_hd.SGDHD(ps, lr=0.01, momentum=0.9, nesterov=True, hypergrad_lr=1e-4),
         {"lr_of": group_lr}),
        ("adam_hd", "AdamHD(lr=0.001, hypergrad_lr=1e-4) on one flat parameter tensor", "Adam()",
         "Hypergradient(lr=0.001,beta=1e-4)", 60,
         lambda ps, f: adam_hd.AdamHD(ps, lr=0.001, hypergrad_lr=1e-4), {"flat": True, "lr_of": group_lr}),
        ("adam_hd", "AdamHD(lr=0.01, betas=(0.8, 0.99), hypergrad_lr=1e-3) on one flat parameter tensor",
         "Adam(betas=[0.8,0.99])", "Hypergradient(lr=0.01,beta=1e-3)", 60,
         lambda ps, f: adam_hd.AdamHD(ps, lr=0.01, betas=(0.8, 0.99), hypergrad_lr=1e-3),
         {"flat": True, "lr_of": group_lr}),
        ("bold_driver", "BoldDriver(lr=20, increase=1.2, decrease=0.5, undo=False)", "SGD()",
         "BoldDriver(lr=20,increase=1.2,decrease=0.5,monitor=val_loss)", 30,
         lambda ps, f: BoldDriver(ps, 20.0, 1.2, 0.5, False, f), {"lr_of": lambda o: o.rate}),
        ("bold_driver", "BoldDriver(lr=20, increase=1.2, decrease=0.5, undo=True)", "SGD()",
         "BoldDriver(lr=20,increase=1.2,decrease=0.5,undo=true,monitor=val_loss)", 30,
         lambda ps, f: BoldDriver(ps, 20.0, 1.2, 0.5, True, f), {"lr_of": lambda o: o.rate}),
    ]


def relative_deviation(first, second):
    """max over steps of the largest parameter difference relative to the largest parameter."""
    deviation = 0.0
    for a, b in zip(first, second):
        a, b = sum(a, []), sum(b, [])
        deviation = max(deviation, max(abs(u - v) for u, v in zip(a, b)) / max(abs(v) for v in b))
    return deviation


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", required=True, help="folder of clones named owner+name")
    args = parser.parse_args()
    task = Problem()
    # The same problem with the examples in another order: the same mathematics, other float32 rounding,
    # as in Psi's engine, which gathers each batch in shuffled order.
    reordered = Problem(torch.randperm(EXAMPLES, generator=torch.Generator().manual_seed(3)))
    out = []
    for key, call, optimizer, controller, steps, make, options in cases(args.sources):
        # The references print as they switch modes; stdout is the fixture.
        with contextlib.redirect_stdout(sys.stderr):
            parameters, rates = run(task, make, steps, **options)
            noise, _ = run(reordered, make, steps, **options)
        # A case must be well conditioned: rounding alone may not move it by more than Psi's test allows.
        rounding = relative_deviation(noise, parameters)
        if rounding > MAX_ROUNDING:
            sys.exit(f"{optimizer} + {controller}: the example order alone changes the trajectory by {rounding:.2g}")
        repository, commit, path = REFERENCES[key]
        case = {"reference": {"repository": repository, "commit": commit, "file": path, "call": call},
                "optimizer": optimizer, "controller": controller, "steps": steps, "rounding": rounding,
                "parameters": parameters}
        if rates is not None:
            case["lrs"] = rates
        out.append(case)
    print(json.dumps({
        "torch": torch.__version__,
        "problem": {"examples": EXAMPLES, "features": task.x.flatten().tolist(), "feature_shape": [FEATURES],
                    "labels": task.labels.tolist(), "classes": CLASSES,
                    "shapes": [list(p.shape) for p in task.initial],
                    "initial": [p.flatten().tolist() for p in task.initial]},
        "cases": out,
    }))


if __name__ == "__main__":
    main()
