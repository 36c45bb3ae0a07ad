#!/usr/bin/env bash
# Per-epoch training time of `collapse deep train` (TorchSharp) against the PyTorch reference (pytorch_reference.py)
# on the same work: MNIST subset (5000 train images), MLP 784-128-128 + BN, batch 128, SGD momentum, 10 epochs.
# Both run with the same thread count and the same oneDNN ISA cap (DNNL_MAX_CPU_ISA=AVX2, see TorchRuntime).
# The two are run alternately ROUNDS times; the ratio is median(C# epoch seconds) / median(PyTorch epoch seconds)
# over epochs 2..E of all rounds (epoch 1 includes warm-up). Goal: ratio ≤ 1.1.
# Usage: bash bench/deep/run.sh [ROUNDS] [THREADS]   (needs /usr/bin/python3 with torch: apt-get install python3-torch)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
threads=${2:-$(nproc)}
epochs=10
export DNNL_MAX_CPU_ISA=${DNNL_MAX_CPU_ISA:-AVX2}
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "bench/deep: skipped: /usr/bin/python3 has no torch (apt-get install -y python3-torch)"; exit 0
fi
dotnet build src/Cli -c Release -v q -nologo >/dev/null
cli=src/Cli/bin/Release/net10.0/linux-x64/collapse
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/cs.txt"; : > "$work/py.txt"
for r in $(seq 1 "$rounds"); do
  "$cli" deep train --dataset mnist-subset --model mlp --width 128 --depth 2 --batch-size 128 --lr 0.05 \
    --epochs $epochs --measure-every 0 --threads "$threads" --seed "$r" --out "$work/cs$r" --json >/dev/null
  awk -F, 'NR==1{for(i=1;i<=NF;i++) if($i=="epochSeconds") c=i} NR>2{print $c}' "$work/cs$r/epochs.csv" >> "$work/cs.txt"
  /usr/bin/python3 bench/deep/pytorch_reference.py --epochs $epochs --threads "$threads" --seed "$r" \
    | awk '$1=="epoch" && $2>1 {print $3}' >> "$work/py.txt"
done
median() { sort -g "$1" | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
cs=$(median "$work/cs.txt"); py=$(median "$work/py.txt")
torchv=$(/usr/bin/python3 -c "import torch; print(torch.__version__)")
echo "per-epoch training time, MNIST subset 5000 images, MLP 784-128-128, batch 128, threads $threads, $rounds rounds x $((epochs-1)) epochs"
echo "TorchSharp (collapse): median $cs s/epoch"
echo "PyTorch $torchv:        median $py s/epoch"
awk -v a="$cs" -v b="$py" 'BEGIN{printf "ratio collapse/pytorch = %.3f (goal <= 1.1)\n", a/b}'
