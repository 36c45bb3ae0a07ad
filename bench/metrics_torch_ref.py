#!/usr/bin/env python3
"""Streamed PyTorch float32 reference pipeline for `collapse bench metrics` (our own straightforward code).

The recipe a user would write with PyTorch on a CPU (the accumulator layering of rhubarbwu/neural-collapse: a means
pass, then a covariance + variance + decisions pass), batch 4096, float32:
  pass 1: class sums (index_add_) and counts -> means;
  pass 2: within-class scatter Sigma_W += C^T C, per-class sum of ||h - mu_y||^2, nearest-centre decisions via
          ||h||^2 - 2 h.mu + ||mu||^2, logits z = W h + b: argmax, NCC agreement (nc4), accuracy, CE, min margin;
  then nc1 = Tr(Sigma_W Sigma_B^+)/K (pinv truncated to rank K-1 via eigh), trace ratio, CDNV (tiled pairwise
  distances), ETF Gram error, equiangularity.
Prints one JSON object: seconds of the timed section (both passes and the metrics, not the imports), peak RSS
(ru_maxrss) and the metrics.
Usage: metrics_torch_ref.py FEATURES LABELS [W [B]] [--batch 4096] [--threads N]
"""
import json
import os
import resource
import sys
import time

import numpy as np
import torch


def blas_library():
    """The BLAS shared library this process loaded (netlib reference BLAS is ~20x slower than OpenBLAS)."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line.split()[-1].lower()}
        return ", ".join(sorted(os.path.basename(os.path.realpath(p)) for p in libs if os.path.isabs(p))) or "unknown"
    except OSError:
        return "unknown"


def main(argv):
    opts = {argv[i]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and not (i > 0 and argv[i - 1].startswith("--"))]
    batch = int(opts.get("--batch", 4096))
    threads = int(opts.get("--threads", 0))
    if threads > 0:
        torch.set_num_threads(threads)
    features, labels = args[0], args[1]
    w_path = args[2] if len(args) > 2 else None
    b_path = args[3] if len(args) > 3 else None
    torch.set_grad_enabled(False)

    start = time.perf_counter()
    H = np.load(features, mmap_mode="r")
    y_all = np.load(labels).astype(np.int64)
    N, d = H.shape
    K = int(y_all.max()) + 1
    W = torch.from_numpy(np.load(w_path)).float() if w_path else None
    b = torch.from_numpy(np.load(b_path)).float() if b_path else None

    # Pass 1: means.
    sums = torch.zeros(K, d)
    counts = torch.zeros(K)
    for i in range(0, N, batch):
        x = torch.from_numpy(np.array(H[i:i + batch], dtype=np.float32))
        yy = torch.from_numpy(y_all[i:i + batch])
        sums.index_add_(0, yy, x)
        counts += torch.bincount(yy, minlength=K).float()
    means = sums / counts[:, None]
    mu_g = means.mean(0)
    M = means - mu_g
    mnorm = (means * means).sum(1)

    # Pass 2: covariance, variances, decisions.
    sigma_w = torch.zeros(d, d)
    var_sum = torch.zeros(K)
    ncc_correct = agree = correct = 0
    ce_sum = 0.0
    min_margin = float("inf")
    for i in range(0, N, batch):
        x = torch.from_numpy(np.array(H[i:i + batch], dtype=np.float32))
        yy = torch.from_numpy(y_all[i:i + batch])
        c = x - means[yy]
        sigma_w += c.T @ c
        var_sum.index_add_(0, yy, (c * c).sum(1))
        dist = (x * x).sum(1, keepdim=True) - 2.0 * (x @ means.T) + mnorm
        ncc = dist.argmin(1)
        ncc_correct += int((ncc == yy).sum())
        if W is not None:
            z = x @ W.T
            if b is not None:
                z += b
            pred = z.argmax(1)
            agree += int((pred == ncc).sum())
            correct += int((pred == yy).sum())
            ce_sum += float(torch.nn.functional.cross_entropy(z, yy, reduction="sum"))
            zy = z.gather(1, yy[:, None])[:, 0]
            other = z.scatter(1, yy[:, None], float("-inf")).max(1).values
            min_margin = min(min_margin, float((zy - other).min()))
    sigma_w /= N

    # Metrics from the accumulators.
    sigma_b = M.T @ M / K
    evals, evecs = torch.linalg.eigh(sigma_b.double())
    rank = min(K - 1, d)  # the top min(K-1, d) eigenvalues, above 1e-20 of the largest (1e-10 on singular values)
    keep = (torch.arange(d) >= d - rank) & (evals > evals.max() * 1e-20)
    inv = (evecs[:, keep] / evals[keep]) @ evecs[:, keep].T
    nc1 = float(torch.trace(sigma_w.double() @ inv)) / K
    trace_ratio = float(torch.trace(sigma_w)) / float(torch.trace(sigma_b))
    var = var_sum / counts
    cdnv_sum, pairs, tile = 0.0, 0, 1024
    for a in range(0, K, tile):
        for c0 in range(a, K, tile):
            dd = torch.cdist(means[a:a + tile], means[c0:c0 + tile]) ** 2
            vv = var[a:a + tile, None] + var[None, c0:c0 + tile]
            ratio = vv / (2 * dd)
            if a == c0:
                ratio = torch.triu(ratio, diagonal=1)
                pairs += ratio.shape[0] * (ratio.shape[0] - 1) // 2
            else:
                pairs += ratio.numel()
            cdnv_sum += float(ratio[torch.isfinite(ratio)].sum())
    G = M @ M.T
    target = (torch.eye(K) - torch.ones(K, K) / K) / (K - 1) ** 0.5
    etf = float(torch.linalg.norm(G / torch.linalg.norm(G) - target))
    norms = M.norm(dim=1)
    cos = G / (norms[:, None] * norms[None, :])
    iu = torch.triu_indices(K, K, 1)
    equiangularity = float((cos[iu[0], iu[1]] + 1.0 / (K - 1)).abs().mean())
    seconds = time.perf_counter() - start

    result = {
        "nc1": nc1, "nc1TraceRatio": trace_ratio, "cdnv": cdnv_sum / pairs, "etfGramError": etf,
        "equiangularity": equiangularity, "nccAccuracy": ncc_correct / N,
    }
    if W is not None:
        result.update({"nc4": 1.0 - agree / N, "accuracy": correct / N, "ce": ce_sum / N, "minMargin": min_margin})
    print(json.dumps({
        "tool": "pytorch-streamed-float32", "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library(),
        "batch": batch, "seconds": seconds, "peakMemoryBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "metrics": result,
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
