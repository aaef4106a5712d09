#!/usr/bin/env python3
"""Golden values from PyTorch in float64 for remedy's layers, activations, losses and optimizers.

Each case is a small run spec, a batch of inputs and labels, and initial weights; PyTorch computes
the first step (output, loss, gradients) and the parameters after every epoch, training with
shuffle off so batches come in order. Dropout masks are replayed with remedy's own generator
(rng.py), so the two sides drop the same units. remedy's tests (src/golden.test.ts) read the JSON
files this writes; they never need torch.

Run with Debian's python3-torch:  /usr/bin/python3 tools/golden/make_goldens.py
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from rng import Random  # noqa: E402
# the optimizers as PyTorch 2.x computes them (NAdam's fix included): one mapping, the twin's
from torch_ref import optimizer as optimizer_of  # noqa: E402

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "golden")

ACT = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda x, a=None: F.leaky_relu(x, 0.01 if a is None else a),
    "elu": lambda x, a=None: F.elu(x, 1.0 if a is None else a),
    "selu": F.selu,
    "softplus": F.softplus,
    "softmax": lambda x: torch.softmax(x, dim=1),
}


def f32(a):
    """Rounds to float32 and back, so both sides start from the very same values."""
    return torch.tensor(np.asarray(a, dtype=np.float32).astype(np.float64))


class Net(torch.nn.Module):
    """remedy's model semantics (src/nn/) written with torch modules."""

    def __init__(self, layers, in_shape):
        super().__init__()
        self.specs = layers
        self.mods = torch.nn.ModuleList()
        shape = list(in_shape)
        for L in layers:
            t = L["type"]
            if t == "dense":
                m = torch.nn.Linear(int(np.prod(shape)), L["units"])
                shape = [L["units"]]
            elif t == "maxout":
                m = torch.nn.Linear(int(np.prod(shape)), L["units"] * L.get("pieces", 2))
                shape = [L["units"]]
            elif t == "conv2d":
                k, s = L["kernel"], L.get("stride", 1)
                pad = k // 2 if L.get("padding", "valid") == "same" else 0
                m = torch.nn.Conv2d(shape[0], L["filters"], k, s, pad)
                shape = [L["filters"], (shape[1] + 2 * pad - k) // s + 1, (shape[2] + 2 * pad - k) // s + 1]
            elif t == "maxpool2d":
                m = torch.nn.MaxPool2d(L.get("size", 2))
                shape = [shape[0], shape[1] // L.get("size", 2), shape[2] // L.get("size", 2)]
            elif t == "flatten":
                m = torch.nn.Flatten()
                shape = [int(np.prod(shape))]
            elif t == "batchnorm":
                cls = torch.nn.BatchNorm1d if len(shape) == 1 else torch.nn.BatchNorm2d
                m = cls(shape[0], eps=L.get("eps", 1e-5), momentum=L.get("momentum", 0.1))
            else:  # dropout, activation: no module of their own
                m = torch.nn.Identity()
            self.mods.append(m)

    def activation_of(self, L):
        return L.get("fn") if L["type"] == "activation" else L.get("activation")

    def forward(self, x, rng, skip_final=None):
        n = len(self.specs)
        for i, (L, m) in enumerate(zip(self.specs, self.mods)):
            t = L["type"]
            if t in ("dense", "maxout"):
                x = m(x.flatten(1))
                if t == "maxout":
                    x = x.view(x.shape[0], L["units"], L.get("pieces", 2)).max(dim=2).values
            elif t == "dropout":
                p = L["rate"]
                if self.training:
                    mask = torch.tensor([0.0 if rng.uniform() < p else 1.0 for _ in range(x.numel())]).view(x.shape)
                    scale = 1 / (1 - p) if L.get("mode", "inverted") == "inverted" else 1.0
                    x = x * mask * scale
                elif L.get("mode", "inverted") == "classic":
                    x = x * (1 - p)
            else:
                x = m(x)
            a = self.activation_of(L)
            if a and a != "linear" and not (i == n - 1 and a == skip_final):
                x = ACT[a](x, L["alpha"]) if L.get("alpha") is not None else ACT[a](x)
        return x

    def named_state(self):
        out = {}
        for i, m in enumerate(self.mods):
            for k, v in m.state_dict().items():
                if k != "num_batches_tracked":
                    out[f"layers.{i}.{k}"] = v
        return out


FUSES = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}


def loss_of(name, net, x, y, classes, rng):
    final = net.activation_of(net.specs[-1])
    final = None if final == "linear" else final
    skip = FUSES.get(name)
    out = net(x, rng, skip_final=skip)
    if out.shape[1] == 1:
        return out, binary_loss_of(name, final, out[:, 0], y.to(torch.float64))
    onehot = F.one_hot(y, classes).to(torch.float64)
    if name == "cross_entropy":
        loss = F.cross_entropy(out, y)
    elif name == "mse":
        loss = F.mse_loss(out, onehot)
    elif name == "mae":
        loss = F.l1_loss(out, onehot)
    elif name == "hinge":
        loss = F.multi_margin_loss(out, y)
    elif name == "binary_cross_entropy":
        if final in (None, "sigmoid"):
            loss = F.binary_cross_entropy_with_logits(out, onehot)
        else:
            loss = F.binary_cross_entropy(out, onehot)
    else:
        raise SystemExit("unknown loss " + name)
    return out, loss


def binary_loss_of(name, final, out, t):
    """One output unit for two classes (Keras' Dense(1)): the target is the label itself."""
    if name == "binary_cross_entropy":
        if final in (None, "sigmoid"):
            return F.binary_cross_entropy_with_logits(out, t)
        return F.binary_cross_entropy(out, t)
    if name == "mse":
        return F.mse_loss(out, t)
    if name == "mae":
        return F.l1_loss(out, t)
    if name == "hinge":  # Keras' binary hinge, labels 0/1 as -1/+1
        return torch.clamp(1 - (2 * t - 1) * out, min=0).mean()
    raise SystemExit("no one-unit form of loss " + name)


def regularized_step(opt, net, reg):
    """remedy's regularization (src/optim/optimizers.ts) around a torch optimizer step."""
    params = list(net.parameters())
    if "clipNorm" in reg:
        torch.nn.utils.clip_grad_norm_(params, reg["clipNorm"])
    wd = reg.get("weightDecay")
    with torch.no_grad():
        for p in params:
            if reg.get("l1", 0) > 0:
                p.grad.add_(torch.sign(p), alpha=reg["l1"])
            if wd and wd["mode"] == "l2":
                p.grad.add_(p, alpha=wd["value"])
    old = [p.detach().clone() for p in params]
    opt.step()
    with torch.no_grad():
        lr = opt.param_groups[0]["lr"]
        for p, p0 in zip(params, old):
            if wd and wd["mode"] == "decoupled":
                p.add_(p0, alpha=-lr * wd["value"])
            if wd and wd["mode"] == "multiplicative":
                p.add_(p0, alpha=-wd["value"])
            if "maxNorm" in reg and p.dim() >= 2:
                rows = p.view(p.shape[0], -1)
                norms = rows.norm(dim=1, keepdim=True)
                rows.mul_(torch.where(norms > reg["maxNorm"], reg["maxNorm"] / (1e-7 + norms), torch.ones_like(norms)))


def tensors_json(d):
    return {k: {"shape": list(v.shape), "data": v.detach().reshape(-1).tolist()} for k, v in d.items()}


def run_case(case, index):
    spec = case["spec"]
    in_shape, classes, n = case["inputShape"], case["classes"], case.get("n", 8)
    gen = np.random.default_rng(1000 + index)
    x = f32(gen.normal(size=[n] + in_shape) * case.get("xScale", 1.0))
    y = torch.tensor(gen.integers(0, classes, size=n))
    torch.manual_seed(index)
    net = Net(spec["model"]["layers"], in_shape)
    init = {k: f32(v.numpy()) for k, v in net.named_state().items()}
    net.load_state_dict({k.replace("layers.", "mods.", 1): v for k, v in init.items()}, strict=False)
    B, epochs, seed = spec["batchSize"], case.get("epochs", 3), spec.get("seed", 0)

    # first step: output, loss and gradients on the first batch
    net.train()
    out, loss = loss_of(spec["loss"], net, x[:B], y[:B], classes, Random.stream(seed, "dropout"))
    loss.backward()
    first = {
        "output": out.detach().reshape(-1).tolist(),
        "loss": loss.item(),
        "grads": {f"layers.{i}.{k}": {"shape": list(p.grad.shape), "data": p.grad.reshape(-1).tolist()}
                  for i, m in enumerate(net.mods) for k, p in m.named_parameters()},
    }

    # training from the same start: parameters (and buffers) after each epoch
    net.load_state_dict({k.replace("layers.", "mods.", 1): v for k, v in init.items()}, strict=False)
    for m in net.mods:
        if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
            m.reset_running_stats()
    net.zero_grad()
    opt = optimizer_of(spec["optimizer"], net.parameters())
    rng = Random.stream(seed, "dropout")
    after = []
    reg = spec.get("regularization", {})
    for _ in range(epochs):
        net.train()
        for i in range(0, n, B):
            _, loss = loss_of(spec["loss"], net, x[i:i + B], y[i:i + B], classes, rng)
            opt.zero_grad()
            loss.backward()
            regularized_step(opt, net, reg)
        after.append(tensors_json(net.named_state()))
    net.eval()
    with torch.no_grad():
        eval_out = net(x, None, skip_final=None)
    return {
        "name": case["name"],
        "spec": spec,
        "inputShape": in_shape,
        "classes": classes,
        "epochs": epochs,
        "x": x.reshape(-1).tolist(),
        "y": y.tolist(),
        "init": tensors_json(init),
        "firstStep": first,
        "afterEpoch": after,
        "evalOutput": eval_out.reshape(-1).tolist(),
    }


def spec(layers, loss="cross_entropy", optimizer=None, batch=4, seed=3):
    return {
        "seed": seed,
        "data": {"source": "csv:unused.csv", "validationSplit": 0, "shuffle": False},
        "model": {"layers": layers},
        "loss": loss,
        "optimizer": optimizer or {"type": "sgd", "lr": 0.1},
        "batchSize": batch,
        "epochs": 3,
    }


def d(units, activation=None):
    L = {"type": "dense", "units": units}
    if activation:
        L["activation"] = activation
    return L


def layer_cases():
    cases = []
    for a in ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softplus", "linear", "softmax"]:
        cases.append({"name": f"dense-{a}", "spec": spec([d(6, a), d(3)]), "inputShape": [5], "classes": 3, "xScale": 2.0})
    cases.append({"name": "activation-layer-leaky-alpha", "inputShape": [5], "classes": 3,
                  "spec": spec([d(6), {"type": "activation", "fn": "leaky_relu", "alpha": 0.2}, d(3)])})
    cases.append({"name": "activation-layer-elu-alpha", "inputShape": [5], "classes": 3,
                  "spec": spec([d(6), {"type": "activation", "fn": "elu", "alpha": 0.5}, d(3, "softmax")])})
    cases.append({"name": "deep-mlp", "inputShape": [7], "classes": 4,
                  "spec": spec([d(9, "tanh"), d(8, "relu"), d(6, "sigmoid"), d(4, "softmax")])})
    cases.append({"name": "conv-valid-pool", "inputShape": [2, 7, 7], "classes": 3,
                  "spec": spec([{"type": "conv2d", "filters": 3, "kernel": 3, "activation": "relu"},
                                {"type": "maxpool2d", "size": 2}, {"type": "flatten"}, d(3)])})
    cases.append({"name": "conv-same-stride2", "inputShape": [1, 8, 8], "classes": 3,
                  "spec": spec([{"type": "conv2d", "filters": 4, "kernel": 5, "stride": 2, "padding": "same", "activation": "tanh"},
                                {"type": "conv2d", "filters": 2, "kernel": 3, "padding": "same", "activation": "elu"},
                                {"type": "maxpool2d", "size": 2}, {"type": "flatten"}, d(3, "softmax")])})
    cases.append({"name": "conv-then-dense-without-flatten", "inputShape": [1, 6, 6], "classes": 2,
                  "spec": spec([{"type": "conv2d", "filters": 2, "kernel": 3, "activation": "sigmoid"}, d(2)])})
    for mode in ["inverted", "classic"]:
        cases.append({"name": f"dropout-{mode}", "inputShape": [6], "classes": 3,
                      "spec": spec([d(10, "relu"), {"type": "dropout", "rate": 0.4, "mode": mode}, d(8, "tanh"),
                                    {"type": "dropout", "rate": 0.25, "mode": mode}, d(3)])})
    cases.append({"name": "maxout", "inputShape": [5], "classes": 3,
                  "spec": spec([{"type": "maxout", "units": 4, "pieces": 3}, d(3)])})
    cases.append({"name": "batchnorm-dense", "inputShape": [5], "classes": 3,
                  "spec": spec([d(6), {"type": "batchnorm"}, {"type": "activation", "fn": "relu"}, d(3)])})
    cases.append({"name": "batchnorm-conv", "inputShape": [2, 5, 5], "classes": 3,
                  "spec": spec([{"type": "conv2d", "filters": 3, "kernel": 3, "padding": "same"},
                                {"type": "batchnorm", "momentum": 0.2, "eps": 1e-3}, {"type": "activation", "fn": "relu"},
                                {"type": "maxpool2d", "size": 2}, {"type": "flatten"}, d(3)])})
    return cases


def loss_cases():
    cases = []
    for loss, final in [("cross_entropy", "softmax"), ("cross_entropy", None), ("cross_entropy", "sigmoid"),
                        ("mse", "softmax"), ("mse", None), ("mse", "sigmoid"),
                        ("binary_cross_entropy", "sigmoid"), ("binary_cross_entropy", None),
                        ("binary_cross_entropy", "softmax"), ("mae", None), ("mae", "softmax"),
                        ("hinge", None), ("hinge", "tanh")]:
        cases.append({"name": f"{loss}-{final or 'linear'}", "inputShape": [5], "classes": 4,
                      "spec": spec([d(7, "tanh"), d(4, final)], loss=loss)})
    # one output unit for two classes (Keras' Dense(1)); appended so the cases above keep their seeds
    for loss, final in [("binary_cross_entropy", "sigmoid"), ("binary_cross_entropy", None),
                        ("mse", "sigmoid"), ("mse", None), ("mae", None), ("hinge", None), ("hinge", "tanh")]:
        cases.append({"name": f"one-unit-{loss}-{final or 'linear'}", "inputShape": [5], "classes": 2,
                      "spec": spec([d(7, "tanh"), d(1, final)], loss=loss)})
    return cases


def optimizer_cases():
    mlp = [d(6, "tanh"), d(5, "relu"), d(3)]
    opts = [
        ("sgd", {"type": "sgd", "lr": 0.1}),
        ("sgd-momentum", {"type": "sgd", "lr": 0.05, "momentum": 0.9}),
        ("sgd-dampening", {"type": "sgd", "lr": 0.05, "momentum": 0.8, "dampening": 0.5}),
        ("sgd-nesterov", {"type": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True}),
        ("sgd-weight-decay", {"type": "sgd", "lr": 0.1, "momentum": 0.5, "weight_decay": 0.01}),
        ("momentum-alias", {"type": "momentum", "lr": 0.05}),
        ("nesterov-alias", {"type": "nesterov", "lr": 0.05}),
        ("adagrad", {"type": "adagrad", "lr": 0.1}),
        ("adagrad-decay", {"type": "adagrad", "lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.01, "initial_accumulator_value": 0.1}),
        ("rmsprop", {"type": "rmsprop", "lr": 0.01}),
        ("rmsprop-centered-momentum", {"type": "rmsprop", "lr": 0.01, "centered": True, "momentum": 0.9, "weight_decay": 0.01}),
        ("adadelta", {"type": "adadelta"}),
        ("adadelta-wd", {"type": "adadelta", "lr": 0.5, "rho": 0.95, "weight_decay": 0.01}),
        ("adam", {"type": "adam", "lr": 0.01}),
        ("adam-wd", {"type": "adam", "lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.01}),
        ("adamw", {"type": "adamw", "lr": 0.01}),
        ("adamw-wd", {"type": "adamw", "lr": 0.01, "weight_decay": 0.1}),
        ("nadam", {"type": "nadam", "lr": 0.01}),
        ("nadam-wd", {"type": "nadam", "lr": 0.01, "weight_decay": 0.01, "momentum_decay": 0.01}),
    ]
    # 6 epochs of 2 batches: 12 updates each
    return [{"name": name, "inputShape": [5], "classes": 3, "epochs": 6, "spec": spec(mlp, optimizer=o)} for name, o in opts]


def regularization_cases():
    mlp = [d(6, "tanh"), d(5, "relu"), d(3)]
    sgd, adam = {"type": "sgd", "lr": 0.1, "momentum": 0.5}, {"type": "adam", "lr": 0.01}
    regs = [
        ("clip-sgd", sgd, {"clipNorm": 0.05}),
        ("clip-adam", adam, {"clipNorm": 0.05}),
        ("l1-sgd", sgd, {"l1": 0.01}),
        ("l2-adam", adam, {"weightDecay": {"mode": "l2", "value": 0.01}}),
        ("decoupled-adam", adam, {"weightDecay": {"mode": "decoupled", "value": 0.1}}),
        ("multiplicative-sgd", {"type": "sgd", "lr": 0.1}, {"weightDecay": {"mode": "multiplicative", "value": 0.01}}),
        ("multiplicative-adam", adam, {"weightDecay": {"mode": "multiplicative", "value": 0.01}}),
        ("max-norm-sgd", {"type": "sgd", "lr": 0.5}, {"maxNorm": 0.6}),
        ("everything-adam", adam, {"clipNorm": 0.1, "l1": 0.001, "weightDecay": {"mode": "decoupled", "value": 0.05}, "maxNorm": 0.8}),
    ]
    cases = []
    for name, o, reg in regs:
        sp = spec(mlp, optimizer=o)
        sp["regularization"] = reg
        cases.append({"name": name, "inputShape": [5], "classes": 3, "epochs": 6, "spec": sp})
    return cases


def schedule_golden():
    """PyTorch's learning-rate schedulers, stepped as remedy steps them (per epoch or per batch)."""
    w = torch.nn.Parameter(torch.zeros(1))
    out = []
    def run(name, make, epochs, steps, per_step, base=0.1):
        opt = torch.optim.SGD([w], lr=base)
        sched = make(opt)
        lrs = []
        for _ in range(epochs):
            for _ in range(steps):
                lrs.append(opt.param_groups[0]["lr"])
                opt.step()
                if per_step:
                    sched.step()
            if not per_step:
                sched.step()
        out.append({"name": name, "epochs": epochs, "stepsPerEpoch": steps, "baseLr": base, "lrs": lrs})
    S = torch.optim.lr_scheduler
    run("step", lambda o: S.StepLR(o, step_size=2, gamma=0.5), 7, 3, False)
    run("exponential", lambda o: S.ExponentialLR(o, gamma=0.9), 5, 2, False)
    run("one_cycle", lambda o: S.OneCycleLR(o, max_lr=0.1, epochs=4, steps_per_epoch=5), 4, 5, True)
    run("one_cycle-custom", lambda o: S.OneCycleLR(o, max_lr=0.3, epochs=3, steps_per_epoch=7, pct_start=0.25,
                                                  div_factor=10, final_div_factor=100), 3, 7, True)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "schedules.json"), "w") as f:
        json.dump({"generator": "tools/golden/make_goldens.py", "torch": torch.__version__, "schedules": schedule_golden()}, f)
    for group, cases in [("layers", layer_cases()), ("losses", loss_cases()), ("optimizers", optimizer_cases()),
                         ("regularization", regularization_cases())]:
        results = [run_case(c, i) for i, c in enumerate(cases)]
        path = os.path.join(OUT, f"{group}.json")
        with open(path, "w") as f:
            json.dump({"generator": "tools/golden/make_goldens.py", "torch": torch.__version__, "cases": results}, f)
        print(f"{path}: {len(results)} cases")


if __name__ == "__main__":
    main()
