#!/usr/bin/env python3
"""Textbook in-memory NumPy nc1 for `collapse bench metrics`: load every feature, class means, the d×d within-class
covariance of the centred features and the between-class covariance, nc1 = Tr(Sigma_W pinv(Sigma_B)) / K (float64,
numpy.linalg.pinv with rcond 1e-10). Prints one JSON object: seconds (load included, imports not), peak RSS, nc1.
Usage: nc1_numpy_ref.py FEATURES LABELS
"""
import json
import os
import resource
import sys
import time

import numpy as np


def blas_library():
    """The BLAS shared library this process loaded (netlib reference BLAS is ~20x slower than OpenBLAS)."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line.split()[-1].lower()}
        return ", ".join(sorted(os.path.basename(os.path.realpath(p)) for p in libs if os.path.isabs(p))) or "unknown"
    except OSError:
        return "unknown"


def main(features, labels):
    start = time.perf_counter()
    H = np.load(features).astype(np.float64)
    y = np.load(labels).astype(np.int64)
    N, d = H.shape
    K = int(y.max()) + 1
    means = np.zeros((K, d))
    np.add.at(means, y, H)
    means /= np.bincount(y, minlength=K)[:, None]
    C = H - means[y]
    sigma_w = C.T @ C / N
    M = means - means.mean(0)
    sigma_b = M.T @ M / K
    nc1 = float(np.trace(sigma_w @ np.linalg.pinv(sigma_b, rcond=1e-10))) / K
    seconds = time.perf_counter() - start
    print(json.dumps({"tool": "numpy-textbook-float64", "seconds": seconds, "blas": blas_library(),
                      "peakMemoryBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "metrics": {"nc1": nc1}}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
