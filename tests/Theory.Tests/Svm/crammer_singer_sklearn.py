"""Independent reference for the Collapse multi-class hard-margin SVM tests.

Reads features (N x d, whitespace-separated) and labels (N integers) from two text files and fits scikit-learn's
LinearSVC with the Crammer-Singer multi-class formulation, no intercept and a huge C (slack effectively forbidden),
which is the same problem as min 1/2 ||W||_F^2 s.t. (w_{y_i} - w_j).h_i >= 1. Prints W row by row.
Usage: crammer_singer_sklearn.py FEATURES.txt LABELS.txt K
"""
import sys
import warnings

import numpy as np
from sklearn.svm import LinearSVC

features = np.loadtxt(sys.argv[1], ndmin=2)
labels = np.loadtxt(sys.argv[2], dtype=int, ndmin=1)
classes = int(sys.argv[3])
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    model = LinearSVC(multi_class="crammer_singer", C=1e6, fit_intercept=False, tol=1e-10, max_iter=1_000_000)
    model.fit(features, labels)
w = model.coef_
if classes == 2 and w.shape[0] == 1:
    raise SystemExit("unexpected binary coefficient shape")
for row in w:
    print(" ".join(repr(float(x)) for x in row))
