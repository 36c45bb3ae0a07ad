#!/usr/bin/env python3
"""Export a PyTorch training run for `collapse analyze-run`.

Given a model, the module whose output is the penultimate-layer feature h, the last linear layer (W, b) and data
loaders, `RunExporter.export_epoch` saves for one epoch

    epoch-EEEE/train_features.npy  (N x d, float32)   epoch-EEEE/train_labels.npy  (N, int64)
    epoch-EEEE/test_features.npy   (M x d, float32)   epoch-EEEE/test_labels.npy   (M, int64)
    epoch-EEEE/classifier.npy      (K x d, float64)   epoch-EEEE/bias.npy          (K, float64; if the layer has one)

and rewrites manifest.json (format "collapse-run", version 1) atomically, so an interrupted run stays analysable:

    collapse analyze-run RUN_DIR          # epochs.csv, gamma.csv, claims.csv + verdicts

Usage inside a training script:

    from export_run import RunExporter
    exporter = RunExporter("runs/cifar-resnet", classes=10, source="resnet18 on CIFAR-10")
    for epoch in range(1, epochs + 1):
        seconds = train_one_epoch(...)
        exporter.export_epoch(epoch, model, model.avgpool, model.fc, train_loader, test_loader, epoch_seconds=seconds)

The feature is the output of `penultimate` (flattened to N x d), captured by a forward hook while the whole model runs
in eval mode without gradients; the model's own train/eval state is restored afterwards. Use an unshuffled train
loader without augmentation so that the features are those the loss was trained on.

Standalone demo (tiny CPU run on the committed MNIST subset, used by the end-to-end test):

    python3 tools/export_run.py --demo OUT_DIR [--epochs 4] [--per-class 30] [--seed 0]
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


class RunExporter:
    """Writes per-epoch features, labels and last layer of a network as .npy files plus manifest.json."""

    def __init__(self, folder, classes=None, source=None):
        self.folder = folder
        self.classes = classes
        self.source = source
        self.epochs = []
        os.makedirs(folder, exist_ok=True)

    @torch.no_grad()
    def features(self, model, penultimate, loader, device=None):
        """Returns (features N x d float32 ndarray, labels N int64 ndarray) of every batch of `loader`."""
        captured = []
        hook = penultimate.register_forward_hook(lambda _m, _i, out: captured.append(out.detach().flatten(1).float().cpu()))
        was_training = model.training
        model.eval()
        labels = []
        try:
            for batch in loader:
                x, y = batch[0], batch[1]
                if device is not None:
                    x = x.to(device)
                model(x)
                labels.append(y.detach().cpu().long())
        finally:
            hook.remove()
            model.train(was_training)
        if len(captured) != len(labels):
            raise RuntimeError(f"penultimate module ran {len(captured)} times for {len(labels)} batches; pass the module whose output is h")
        return torch.cat(captured).numpy(), torch.cat(labels).numpy().astype(np.int64)

    def export_epoch(self, epoch, model, penultimate, classifier, train_loader, test_loader=None, device=None, epoch_seconds=None):
        """Saves one epoch. `classifier` is the last nn.Linear (weight K x d, optional bias K)."""
        name = f"epoch-{epoch:04d}"
        target = os.path.join(self.folder, name)
        os.makedirs(target, exist_ok=True)
        h, y = self.features(model, penultimate, train_loader, device)
        w = classifier.weight.detach().double().cpu().numpy()
        if h.shape[1] != w.shape[1]:
            raise ValueError(f"features have d = {h.shape[1]} but the classifier weight is {w.shape}")
        entry = {"epoch": int(epoch)}
        self._save(target, "train_features.npy", h)
        self._save(target, "train_labels.npy", y)
        entry["trainFeatures"] = f"{name}/train_features.npy"
        entry["trainLabels"] = f"{name}/train_labels.npy"
        if test_loader is not None:
            ht, yt = self.features(model, penultimate, test_loader, device)
            self._save(target, "test_features.npy", ht)
            self._save(target, "test_labels.npy", yt)
            entry["testFeatures"] = f"{name}/test_features.npy"
            entry["testLabels"] = f"{name}/test_labels.npy"
        self._save(target, "classifier.npy", w)
        entry["classifier"] = f"{name}/classifier.npy"
        if getattr(classifier, "bias", None) is not None:
            self._save(target, "bias.npy", classifier.bias.detach().double().cpu().numpy())
            entry["bias"] = f"{name}/bias.npy"
        if epoch_seconds is not None:
            entry["epochSeconds"] = float(epoch_seconds)
        self.epochs = [e for e in self.epochs if e["epoch"] != epoch] + [entry]
        self.epochs.sort(key=lambda e: e["epoch"])
        manifest = {"format": "collapse-run", "version": 1, "classes": int(self.classes or w.shape[0]),
                    "featureDim": int(w.shape[1]), "epochs": self.epochs}
        if self.source:
            manifest["source"] = self.source
        self._atomic_write(os.path.join(self.folder, "manifest.json"), json.dumps(manifest, indent=2).encode())

    @staticmethod
    def _save(folder, name, array):
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            np.save(f, np.ascontiguousarray(array))
        os.replace(tmp, os.path.join(folder, name))

    @staticmethod
    def _atomic_write(path, data):
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)


def read_idx(path):
    """Reads an (optionally gzipped) unsigned-byte IDX file into an ndarray."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    rank = raw[3]
    dims = struct.unpack(">" + "i" * rank, raw[4:4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load_subset(folder, per_class, test_per_class):
    """First `per_class` train and `test_per_class` test images of each class, standardised with train statistics."""
    def take(images, labels, n):
        idx = np.concatenate([np.flatnonzero(labels == k)[:n] for k in range(10)])
        idx.sort()
        return images[idx].reshape(len(idx), -1).astype(np.float32) / 255.0, labels[idx].astype(np.int64)
    xtr, ytr = take(read_idx(os.path.join(folder, "train-images-idx3-ubyte.gz")), read_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz")), per_class)
    xte, yte = take(read_idx(os.path.join(folder, "t10k-images-idx3-ubyte.gz")), read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte.gz")), test_per_class)
    mean, std = xtr.mean(), xtr.std()
    return (xtr - mean) / std, ytr, (xte - mean) / std, yte


def demo(out, epochs, per_class, seed, data_folder):
    """Trains a small MLP on the MNIST subset on the CPU and exports every epoch."""
    torch.manual_seed(seed)
    xtr, ytr, xte, yte = load_subset(data_folder, per_class, max(10, per_class // 3))
    train = torch.utils.data.TensorDataset(torch.from_numpy(xtr), torch.from_numpy(ytr))
    test = torch.utils.data.TensorDataset(torch.from_numpy(xte), torch.from_numpy(yte))
    shuffled = torch.utils.data.DataLoader(train, batch_size=25, shuffle=True, generator=torch.Generator().manual_seed(seed))
    ordered = torch.utils.data.DataLoader(train, batch_size=500)
    test_loader = torch.utils.data.DataLoader(test, batch_size=500)
    body = nn.Sequential(nn.Linear(784, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 64), nn.BatchNorm1d(64), nn.ReLU())
    head = nn.Linear(64, 10)
    model = nn.Sequential(body, head)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    exporter = RunExporter(out, classes=10, source=f"tools/export_run.py --demo (MLP 784-64-64, MNIST subset {per_class}/class, seed {seed})")
    for epoch in range(1, epochs + 1):
        model.train()
        start = time.perf_counter()
        for x, y in shuffled:
            opt.zero_grad()
            nn.functional.cross_entropy(model(x), y).backward()
            opt.step()
        seconds = time.perf_counter() - start
        exporter.export_epoch(epoch, model, body, head, ordered, test_loader, epoch_seconds=seconds)
    print(f"exported {epochs} epochs to {out}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--demo", metavar="OUT_DIR", help="run the tiny CPU demo and export it to OUT_DIR")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--per-class", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist-subset"))
    args = parser.parse_args(argv)
    if not args.demo:
        parser.print_help()
        return 2
    torch.set_num_threads(1)
    demo(args.demo, args.epochs, args.per_class, args.seed, args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
