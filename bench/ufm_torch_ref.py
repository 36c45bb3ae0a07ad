#!/usr/bin/env python3
"""Straightforward PyTorch autograd implementation of one joint UFM gradient step (the reference for
`collapse bench ufm`): Z = H W^T, mean cross-entropy, backward, plain GD update of W and H.
Prints JSON: {"torch": version, "threads": n, "float64": {"stepsPerSecond": ...}, "float32": {...}}."""
import argparse
import json
import time

import torch


def run(dtype, k, d, per_class, steps, warmup):
    n = k * per_class
    g = torch.Generator().manual_seed(1)
    w = (0.1 * torch.randn(k, d, generator=g, dtype=dtype)).requires_grad_()
    h = (0.1 * torch.randn(n, d, generator=g, dtype=dtype)).requires_grad_()
    y = torch.arange(n) // per_class
    lr = 1.0

    def step():
        loss = torch.nn.functional.cross_entropy(h @ w.t(), y)
        w.grad = None
        h.grad = None
        loss.backward()
        with torch.no_grad():
            w.sub_(lr * w.grad)
            h.sub_(lr * h.grad)

    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    times.sort()
    return 1.0 / times[len(times) // 2]  # median step, as collapse bench ufm


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--dim", type=int, default=512)
    p.add_argument("--per-class", type=int, default=500)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--threads", type=int, default=0)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    out = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    for name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
        out[name] = {"stepsPerSecond": run(dtype, a.classes, a.dim, a.per_class, a.steps, a.warmup)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
