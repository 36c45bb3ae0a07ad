#!/usr/bin/env python3
"""PyTorch reference for the per-epoch training time of `collapse deep train` (bench/deep/run.sh).

Same work as the TorchSharp trainer: the MNIST subset held in memory as one standardised float32 tensor, an MLP
784-W-W (Linear, BatchNorm1d, ReLU) + Linear head, cross-entropy, SGD with momentum and weight decay, a fresh random
permutation per epoch, mini-batches taken with index_select, the batch losses kept on the device and summed once per
epoch. Prints one line per epoch: `epoch SECONDS` (the optimisation loop only, no metrics).
"""
import argparse
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from export_run import load_subset  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--depth", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "mnist-subset"))
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, ytr, _, _ = load_subset(a.data, 500, 100)
    x = torch.from_numpy(xtr).reshape(-1, 1, 28, 28)
    y = torch.from_numpy(ytr)
    layers, fan_in = [], 784
    for _ in range(a.depth):
        layers += [nn.Linear(fan_in, a.width), nn.BatchNorm1d(a.width), nn.ReLU()]
        fan_in = a.width
    model = nn.Sequential(nn.Flatten(), *layers, nn.Linear(a.width, 10))
    opt = torch.optim.SGD([q for q in model.parameters() if q.requires_grad], lr=a.lr, momentum=0.9, weight_decay=5e-4)
    n = x.shape[0]
    print(f"torch {torch.__version__} threads {torch.get_num_threads()} samples {n}", flush=True)
    for epoch in range(1, a.epochs + 1):
        model.train()
        start = time.perf_counter()
        perm = torch.randperm(n)
        losses = []
        for s in range(0, n, a.batch_size):
            idx = perm[s:s + a.batch_size]
            xb, yb = x.index_select(0, idx), y.index_select(0, idx)
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            losses.append(loss.detach() * idx.shape[0])
        total = torch.stack(losses).sum().item() / n
        print(f"epoch {epoch} {time.perf_counter() - start:.6f} loss {total:.5f}", flush=True)


if __name__ == "__main__":
    main()
